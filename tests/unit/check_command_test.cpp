// `passerelle check`: every internal link and anchor of the rendered site is
// followed, problems are reported as text or GitHub annotations, and the exit
// status says whether there was an error. And every command answers --help.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "test_support.h"

using namespace passerelle::testing;
namespace fs = std::filesystem;

namespace {

struct Catalogue {
  TempDir dir;
  fs::path content = dir.path() / "content";
  Catalogue() { fs::copy(source_dir + "/tests/fixtures/base", content, fs::copy_options::recursive); }
  void append(const std::string& relative, const std::string& text) const {
    std::ofstream(content / relative, std::ios::binary | std::ios::app) << text;
  }
  CommandResult check(const std::string& flags = "") const {
    return run(binary + " check " + flags + " --content " + content.string() + " --templates " + source_dir +
               "/templates --theme " + source_dir + "/theme");
  }
};

}  // namespace

TEST_CASE("check follows every anchor and exits 1 on a broken one", "[check][e2e]") {
  Catalogue catalogue;
  REQUIRE(catalogue.check("--quiet").status == 0);
  catalogue.append("dps/lucidite.md", "\nSee [ESPERE's table](espere.md#no-such-id) and [here](#nowhere).\n");
  CommandResult text = catalogue.check();
  INFO(text.output);
  CHECK(text.status == 1);
  // Reported at the body's line, with the records' own errors.
  CHECK(text.output.find("dps/lucidite.md:8:5: error: link to an anchor that is not on dps/espere's page: "
                         "'espere.md#no-such-id'\n") != std::string::npos);
  CHECK(text.output.find(
            "dps/lucidite.md:8:48: error: link to an anchor that is not on the page: '#nowhere'\n") !=
        std::string::npos);
  CHECK(text.output.find("2 errors, 0 warnings\n") != std::string::npos);
  CommandResult github = catalogue.check("--format github");
  CHECK(github.status == 1);
  CHECK(
      github.output.find("dps/lucidite.md,line=8,col=48::link to an anchor that is not on the page: '#nowhere' "
                         "(the body has no heading to link to)\n") != std::string::npos);
}

TEST_CASE("check: an anchor that exists passes; warnings alone exit 0", "[check][e2e]") {
  Catalogue catalogue;
  catalogue.append("dps/lucidite.md", "\nSee [ESPERE's page](espere.md#main).\n");
  std::ofstream(catalogue.content / "dps/notes.txt") << "not a record";
  CommandResult result = catalogue.check();
  INFO(result.output);
  CHECK(result.status == 0);
  CHECK(result.output.find("warning: not a record (records end in .md); skipped") != std::string::npos);
}

TEST_CASE("every command answers --help with its options", "[check][e2e]") {
  const std::vector<std::pair<std::string, std::vector<std::string>>> commands = {
      {"new", {"collection", "id", "--content"}},
      {"serve", {"--port", "--host", "--content", "--templates", "--theme", "--quiet"}},
      {"schema", {"--out", "--content"}},
      {"docs", {"--out", "--content"}},
      {"check", {"--format", "--verbose"}},
  };
  for (const auto& [command, options] : commands) {
    CommandResult help = run(binary + " " + command + " --help");
    INFO(command << ": " << help.output);
    CHECK(help.status == 0);
    for (const auto& option : options) CHECK(help.output.find(option) != std::string::npos);
  }
  CHECK(run(binary + " serve --port 70000").status == 2);
}
