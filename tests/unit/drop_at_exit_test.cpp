// util/drop_at_exit.h: what a command hands over is kept, not freed, until
// the process exits, from any thread.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "util/drop_at_exit.h"

using namespace passerelle;

namespace {

std::atomic<int> destroyed{0};

// Counts its destructions.
struct Counted {
  ~Counted() { ++destroyed; }
};

}  // namespace

TEST_CASE("what is dropped at exit is not destroyed before it", "[util]") {
  const int before = destroyed;
  // A vector moves with its buffer: its elements are destroyed only when whatever holds it is.
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([] {
      for (int k = 0; k < 100; ++k) drop_at_exit(std::vector<Counted>(3));
    });
  for (auto& thread : threads) thread.join();
  CHECK(destroyed == before);
  {
    std::vector<Counted> freed(3);  // the same, let go of as usual
  }
  CHECK(destroyed == before + 3);
}
