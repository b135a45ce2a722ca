// Every input a fuzzer ever crashed on is kept under tests/fuzz/regressions/
// and replayed here in the ordinary build (and under the sanitizers by `make
// sanitize`), together with the seed corpus.
#include <catch2/catch.hpp>

#include <filesystem>

#include "../fuzz/fuzz_targets.h"
#include "test_support.h"

using namespace passerelle::testing;
namespace fs = std::filesystem;

namespace {

size_t replay(const std::string& target, void (*run_input)(const uint8_t*, size_t)) {
  size_t inputs = 0;
  for (const char* kind : {"corpus", "regressions"}) {
    const fs::path dir = fs::path(source_dir) / "tests/fuzz" / kind / target;
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string bytes = read_file(entry.path());
      INFO(entry.path());
      run_input(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      ++inputs;
    }
  }
  return inputs;
}

}  // namespace

TEST_CASE("saved fuzzer inputs for the record loader still load without crashing", "[fuzz]") {
  CHECK(replay("record_loader", passerelle::fuzz::record_loader) >= 2);
}

TEST_CASE("saved fuzzer inputs for the search tokenizer still run without crashing", "[fuzz]") {
  CHECK(replay("search_tokenizer", passerelle::fuzz::search_tokenizer) >= 1);
}
