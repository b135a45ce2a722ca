// The validation spec as data: each folder of tests/fixtures/invalid/ is laid
// over tests/fixtures/base/ and must produce exactly the diagnostics in its
// expected.txt (set PASSERELLE_UPDATE_FIXTURES=1 to rewrite them, then review
// the diff). A folder without expected.txt fails.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "output/site_sink.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;
namespace fs = std::filesystem;

TEST_CASE("the base fixture builds without any diagnostic", "[fixtures]") {
  SiteBuild result = build(fixture());
  CHECK(formatted(result.diagnostics) == "");
  CHECK(result.record_count == 4);
}

// One section per folder, so that CTest runs each fixture as a test of its
// own (CMakeLists.txt: invalid_fixture.<folder>, `-c <folder>`). Hidden from
// the default run, which would otherwise repeat every fixture; run them all
// with `passerelle_tests "[invalid-fixture]"`.
TEST_CASE("invalid fixtures", "[.][invalid-fixture]") {
  const fs::path root = source_dir + "/tests/fixtures/invalid";
  const bool update = std::getenv("PASSERELLE_UPDATE_FIXTURES") != nullptr;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (!entry.is_directory()) continue;
    const fs::path case_dir = entry.path();
    DYNAMIC_SECTION(case_dir.filename().string()) {
      const fs::path expected_file = case_dir / "expected.txt";
      MemoryFileSystem files = fixture((case_dir / "content").string());
      const std::string actual = formatted(build(files).diagnostics);
      if (update) {
        std::ofstream(expected_file) << actual;
      } else {
        if (!fs::exists(expected_file)) {
          FAIL(expected_file.string() << " is missing: every invalid fixture states the diagnostics it "
                                         "must produce (PASSERELLE_UPDATE_FIXTURES=1 writes them)");
        }
        CHECK(actual == read_file(expected_file));
        CHECK_FALSE(actual.empty());
      }
    }
  }
}

TEST_CASE("a Markdown error and a missing theme folder are reported together", "[fixtures]") {
  MemoryFileSystem files = fixture();
  const std::string record = "content/dps/espere.md";
  files.add(record, *files.read(record) + "\nSee [gone](../dps/nope.md).\n");
  Progress quiet = Progress::silent();
  MemorySink sink;
  Inputs inputs;
  inputs.theme = "no-theme";
  const SiteBuild result = build_site(files, inputs, "site", quiet, sink);
  const std::string found = formatted(result.diagnostics);
  INFO(found);
  CHECK(result.diagnostics.error_count() == 2);
  CHECK(found.find("link to a record file that does not exist: '../dps/nope.md'") != std::string::npos);
  CHECK(found.find("no-theme: error: theme folder not found") != std::string::npos);
  // The pages render with their bodies, so a body's error is known once
  // they have gone to the sink, which `build` then does not commit
  // (build_command_test: a failed build leaves the previous site intact).
  CHECK(sink.files().count("dps/espere.html") == 1);
}
