// `--jobs N`: every stage splits its work over N threads, and the site must
// not depend on N, byte for byte, whatever order the threads finish in.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>

#include "test_support.h"
#include "util/parallel.h"

using namespace passerelle;
using namespace passerelle::testing;
namespace fs = std::filesystem;

namespace {

// Fails with the first path that differs, which says more than a whole map.
void require_same(const SiteFiles& expected, const SiteFiles& actual) {
  for (const auto& [path, bytes] : expected) {
    INFO("path " << path);
    REQUIRE(actual.count(path) == 1);
    REQUIRE(actual.at(path) == bytes);
  }
  CHECK(actual.size() == expected.size());
}

}  // namespace

TEST_CASE("the site is the same whatever the number of threads", "[jobs]") {
  const MemoryFileSystem files = generated_catalogue(240, 5);
  SiteFiles one;
  {
    Workers workers(1);
    one = built_site(files);
  }
  REQUIRE(one.size() > 240);
  for (size_t n : {2, 3, 8}) {
    INFO(n << " threads");
    Workers workers(n);
    require_same(one, built_site(files));
  }
}

TEST_CASE("the jobs option on the command line", "[jobs][e2e]") {
  const FixtureCopy ws;
  const std::string args = ws.args();
  const fs::path one = ws.dir.path() / "one", three = ws.dir.path() / "three";
  REQUIRE(run(binary + " build -q -j 1" + args + " --out " + one.string()).status == 0);
  REQUIRE(run(binary + " build -q --jobs 3" + args + " --out " + three.string()).status == 0);
  size_t compared = 0;
  for (const auto& entry : fs::recursive_directory_iterator(one)) {
    if (!entry.is_regular_file()) continue;
    const fs::path relative = fs::relative(entry.path(), one);
    INFO(relative);
    CHECK(read_file(entry.path()) == read_file(three / relative));
    ++compared;
  }
  CHECK(compared > 10);
  CHECK(run(binary + " check -q -j 0" + args).status == 0);
  const CommandResult negative = run(binary + " check -j -1" + args);
  CHECK(negative.status == 2);
  CHECK(negative.output.find("--jobs") != std::string::npos);
  CHECK(run(binary + " build --help").output.find("-j,--jobs N") != std::string::npos);
}

TEST_CASE("parallel_each does every item once, each thread setting up once", "[jobs]") {
  for (size_t workers : {1, 2, 3, 8}) {
    Workers chosen(workers);
    std::vector<std::atomic<int>> done(1000);
    parallel_each(done.size(), [&](size_t i) { ++done[i]; });
    CHECK(std::all_of(done.begin(), done.end(), [](const std::atomic<int>& n) { return n == 1; }));
    std::atomic<size_t> set_up{0}, items{0};
    parallel_items(5, [&](auto& take) {
      ++set_up;
      for (size_t i; take(i);) ++items;
    });
    CHECK(set_up == std::min<size_t>(workers, 5));
    CHECK(items == 5);
  }
  parallel_each(0, [](size_t) { FAIL("no item to do"); });
}
