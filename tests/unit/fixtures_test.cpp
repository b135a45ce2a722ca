// The validation spec as data: each folder of tests/fixtures/invalid/ is laid
// over tests/fixtures/base/ and must produce exactly the diagnostics in its
// expected.txt (set PASSERELLE_UPDATE_FIXTURES=1 to rewrite them, then review
// the diff).
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

TEST_CASE("each invalid fixture reports exactly its expected diagnostics", "[fixtures]") {
  const fs::path root = source_dir + "/tests/fixtures/invalid";
  const bool update = std::getenv("PASSERELLE_UPDATE_FIXTURES") != nullptr;
  size_t cases = 0;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (!entry.is_directory()) continue;
    ++cases;
    const fs::path case_dir = entry.path();
    const fs::path expected_file = case_dir / "expected.txt";
    MemoryFileSystem files = fixture((case_dir / "content").string());
    std::string actual = formatted(build(files).diagnostics);
    if (update) {
      std::ofstream(expected_file) << actual;
      continue;
    }
    INFO("case " << case_dir.filename().string());
    REQUIRE(fs::exists(expected_file));
    CHECK(actual == read_file(expected_file));
    CHECK_FALSE(actual.empty());
  }
  CHECK(cases >= 14);
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
  CHECK(sink.files().empty());  // nothing reaches the output
}
