// `passerelle mv <collection>/<old> <new>`: the text edits it plans (the
// alias added wherever `aliases` stands, references and links rewritten,
// everything else byte for byte), and the command end to end on a copy of
// the base fixture: the rename, the check, the old address after a build,
// and refusals that change nothing.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>

#include "edit/record_rename.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;
namespace fs = std::filesystem;

namespace {

const std::string espere = "content/dps/espere.md";
const std::string lucidite = "content/dps/lucidite.md";
const std::string rec = "content/recommendations/rec-01.md";

RenamePlan plan(const MemoryFileSystem& files, const std::string& old_id = "espere",
                const std::string& new_id = "espere-fr") {
  Diagnostics diagnostics;
  const Schema schema = load_schema(files, "content", diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  return plan_rename(files, schema, {"content", "dps", old_id, new_id});
}

// The renamed record's front matter when it was `front` (above a body, which stays).
std::string renamed_record(const std::string& front) {
  MemoryFileSystem files = fixture();
  const std::string body = "Body with [itself](espere.md#top).\n";
  files.add(espere, front + body);
  const RenamePlan p = plan(files);
  INFO(formatted(p.diagnostics));
  REQUIRE_FALSE(p.diagnostics.has_errors());
  const std::string renamed_body = "Body with [itself](espere-fr.md#top).\n";
  REQUIRE(p.record_text.size() > renamed_body.size());
  REQUIRE(p.record_text.substr(p.record_text.size() - renamed_body.size()) == renamed_body);
  CHECK(p.references.at(p.new_path) == 1);
  return p.record_text.substr(0, p.record_text.size() - renamed_body.size());
}

}  // namespace

TEST_CASE("mv adds the old id to aliases wherever they stand", "[mv]") {
  SECTION("no aliases yet: a line after the title") {
    CHECK(renamed_record("---\ntitle: ESPERE\ncountries: [FR]\n---\n") ==
          "---\ntitle: ESPERE\naliases: [espere]\ncountries: [FR]\n---\n");
  }
  SECTION("after a title on several lines, above the comment of the next field") {
    CHECK(renamed_record("---\ntitle: >\n  A long\n  title\n\n# Countries\ncountries: [FR]\n---\n") ==
          "---\ntitle: >\n  A long\n  title\naliases: [espere]\n\n# Countries\ncountries: [FR]\n---\n");
  }
  SECTION("the title last: at the end of the front matter") {
    CHECK(renamed_record("---\ncountries: [FR]\ntitle: ESPERE # the DP\n---\n") ==
          "---\ncountries: [FR]\ntitle: ESPERE # the DP\naliases: [espere]\n---\n");
  }
  SECTION("a flow list") {
    CHECK(renamed_record("---\ntitle: ESPERE\naliases: [espere-2002, old] # kept\n---\n") ==
          "---\ntitle: ESPERE\naliases: [espere-2002, old, espere] # kept\n---\n");
    CHECK(renamed_record("---\ntitle: ESPERE\naliases: [ ]\n---\n") ==
          "---\ntitle: ESPERE\naliases: [espere]\n---\n");
  }
  SECTION("a block list") {
    CHECK(renamed_record(
              "---\ntitle: ESPERE\naliases:\n  - first\n  - second # kept\nthemes: [training]\n---\n") ==
          "---\ntitle: ESPERE\naliases:\n  - first\n  - second # kept\n  - espere\nthemes: [training]\n---\n");
  }
  SECTION("an empty value") {
    CHECK(renamed_record("---\ntitle: ESPERE\naliases:\nthemes: [training]\n---\n") ==
          "---\ntitle: ESPERE\naliases: [espere]\nthemes: [training]\n---\n");
    CHECK(renamed_record("---\ntitle: ESPERE\naliases: ~ # none\n---\n") ==
          "---\ntitle: ESPERE\naliases: [espere] # none\n---\n");
  }
  SECTION("CRLF line endings stay CRLF") {
    CHECK(renamed_record("---\r\ntitle: ESPERE\r\naliases:\r\n  - first\r\ncountries: [FR]\r\n---\r\n") ==
          "---\r\ntitle: ESPERE\r\naliases:\r\n  - first\r\n  - espere\r\ncountries: [FR]\r\n---\r\n");
  }
}

TEST_CASE("mv rewrites references in front matter and links in bodies, nothing else", "[mv]") {
  MemoryFileSystem files = fixture();
  files.add(lucidite,
            "---\ntitle: LUCIDITE\ncountries: [FR]\nrelated: [dps/espere, dps/espere-bis]\nsummary: \"Like "
            "dps/espere\"\n"
            "sources:\n  - {source: 'dps/espere', section: \"2\"}\n  - \"dps/espere\"\n---\n"
            "See [ESPERE](espere.md#main), [again](./espere.md \"title\"), [its file](<../dps/espere.md>)\n"
            "and [ref].\n\n[ref]: espere.md\n\nNot [these](notespere.md) [nor](../organisations/espere.md):\n\n"
            "```\n[code](espere.md)\n```\n");
  const RenamePlan p = plan(files);
  INFO(formatted(p.diagnostics));
  CHECK(formatted(p.diagnostics) == "");
  REQUIRE(p.rewritten.count(lucidite) == 1);
  CHECK(
      p.rewritten.at(lucidite) ==
      "---\ntitle: LUCIDITE\ncountries: [FR]\nrelated: [dps/espere-fr, dps/espere-bis]\nsummary: \"Like "
      "dps/espere\"\n"
      "sources:\n  - {source: 'dps/espere-fr', section: \"2\"}\n  - \"dps/espere-fr\"\n---\n"
      "See [ESPERE](espere-fr.md#main), [again](./espere-fr.md \"title\"), [its file](<../dps/espere-fr.md>)\n"
      "and [ref].\n\n[ref]: espere-fr.md\n\nNot [these](notespere.md) [nor](../organisations/espere.md):\n\n"
      "```\n[code](espere.md)\n```\n");
  CHECK(p.references.at(lucidite) == 7);
  CHECK(p.rewritten.size() == 1);  // the other files do not refer to it
  CHECK(p.old_path == espere);
  CHECK(p.new_path == "content/dps/espere-fr.md");
}

TEST_CASE("mv refuses a new id that another record keeps as an alias", "[mv]") {
  MemoryFileSystem files = fixture();
  files.add(lucidite, replaced(*files.read(lucidite), "title: LUCIDITE\n",
                               "title: LUCIDITE\naliases: [lucie, espere-fr]\n"));
  CHECK(formatted(plan(files).diagnostics) ==
        "content/dps/lucidite.md:3:18: error: 'espere-fr' is an alias of dps/lucidite: its old address leads "
        "there\n"
        "  3 | aliases: [lucie, espere-fr]\n"
        "    |                  ^\n"
        "  hint: choose another id, or remove the alias from content/dps/lucidite.md\n");
}

namespace {

struct Catalogue {
  TempDir dir;
  fs::path content = dir.path() / "content";
  Catalogue() { fs::copy(source_dir + "/tests/fixtures/base", content, fs::copy_options::recursive); }

  std::string site_options() const {
    return " --content " + content.string() + " --templates " + source_dir + "/templates --theme " +
           source_dir + "/theme";
  }
  CommandResult mv(const std::string& args) const { return run(binary + " mv " + args + site_options()); }
  CommandResult build() const {
    return run(binary + " build --quiet --out " + (dir.path() / "site").string() + site_options());
  }
  void write(const std::string& relative, const std::string& text) const {
    std::ofstream(content / relative, std::ios::binary) << text;
  }
  std::string read(const std::string& relative) const { return read_file(content / relative); }
  // Every file of the catalogue, to show that a refusal changed nothing.
  std::map<std::string, std::string> files() const {
    std::map<std::string, std::string> out;
    for (const auto& entry : fs::recursive_directory_iterator(content))
      if (entry.is_regular_file()) out[fs::relative(entry.path(), content).string()] = read_file(entry.path());
    return out;
  }
};

}  // namespace

TEST_CASE("mv renames a record end to end and its old address still leads to it", "[mv][e2e]") {
  Catalogue catalogue;
  const std::string lucidite_before = catalogue.read("dps/lucidite.md");
  catalogue.write("dps/lucidite.md", replaced(lucidite_before, "code: FR-RAL-2001-11139\n",
                                              "code: FR-RAL-2001-11139\nrelated: [dps/espere]\n") +
                                         "With [ESPERE](espere.md#main).\n");
  catalogue.write("recommendations/rec-01.md",
                  replaced(catalogue.read("recommendations/rec-01.md"), "Recruit openly.",
                           "Recruit openly, as [ESPERE](../dps/espere.md) did."));
  const std::string espere_before = catalogue.read("dps/espere.md");

  const CommandResult moved = catalogue.mv("dps/espere espere-fr");
  INFO(moved.output);
  REQUIRE(moved.status == 0);
  const std::string content = catalogue.content.string();
  CHECK(moved.output.find(
            "renamed " + content + "/dps/espere.md to " + content +
            "/dps/espere-fr.md (its old address is kept as an alias); updated 3 references in 2 files\n"
            "  " +
            content +
            "/dps/lucidite.md: 2\n"
            "  " +
            content + "/recommendations/rec-01.md: 1\n") != std::string::npos);
  CHECK(moved.output.find("4 records checked, every link resolves") != std::string::npos);

  CHECK_FALSE(fs::exists(catalogue.content / "dps/espere.md"));
  CHECK(catalogue.read("dps/espere-fr.md") ==
        replaced(espere_before, "title: ESPERE\n", "title: ESPERE\naliases: [espere]\n"));
  CHECK(catalogue.read("dps/lucidite.md").find("related: [dps/espere-fr]") != std::string::npos);
  // espere-fr's own link to lucidite is unchanged; lucidite's link follows the rename.
  CHECK(catalogue.read("dps/lucidite.md").find("With [ESPERE](espere-fr.md#main).") != std::string::npos);
  CHECK(catalogue.read("recommendations/rec-01.md").find("[ESPERE](../dps/espere-fr.md) did.") !=
        std::string::npos);

  const CommandResult built = catalogue.build();
  INFO(built.output);
  REQUIRE(built.status == 0);
  const std::string redirect = read_file(catalogue.dir.path() / "site/dps/espere.html");
  CHECK(redirect.find("<meta http-equiv=\"refresh\" content=\"0; url=espere-fr.html\">") != std::string::npos);
  CHECK(redirect.find("<a href=\"espere-fr.html\">ESPERE</a>") != std::string::npos);
  CHECK(read_file(catalogue.dir.path() / "site/dps/espere-fr.html").find("<h1") != std::string::npos);

  // A second rename keeps the first alias and adds the second.
  const CommandResult again =
      catalogue.mv((catalogue.content / "dps/espere-fr.md").string() + " espere-france");
  INFO(again.output);
  REQUIRE(again.status == 0);
  CHECK(catalogue.read("dps/espere-france.md").find("aliases: [espere, espere-fr]\n") != std::string::npos);
}

TEST_CASE("mv refuses what it must and then changes nothing", "[mv][e2e]") {
  Catalogue catalogue;
  catalogue.write("dps/lucidite.md", replaced(catalogue.read("dps/lucidite.md"), "title: LUCIDITE\n",
                                              "title: LUCIDITE\naliases: [lucie]\n"));
  const auto before = catalogue.files();
  struct Case {
    std::string args;
    int status;
    std::string message;
  };
  const std::string content = catalogue.content.string();
  for (const Case& c : std::vector<Case>{
           {"dps/esperr espere-fr", 2,
            "error: no record dps/esperr: " + content +
                "/dps/esperr.md does not exist\n  hint: did you mean 'dps/espere'?\n"},
           {"dp/espere espere-fr", 2, "error: unknown collection 'dp'\n  hint: did you mean 'dps'?\n"},
           {"espere espere-fr", 2,
            "error: 'espere' does not name a record\n  hint: write it <collection>/<id>, e.g. dps/espere\n"},
           {"dps/espere Espere_FR", 2,
            "error: invalid record id 'Espere_FR': use a-z, 0-9 and single hyphens\n  hint: try 'espere-fr'\n"},
           {"dps/espere organisations/espere", 2, "error: 'organisations/espere' is not an id of dps/\n"},
           {"dps/espere espere", 2, "error: the record is already called espere\n"},
           {"dps/espere lucidite", 1,
            "error: " + content + "/dps/lucidite.md already exists\n  hint: choose another id\n"},
           {"dps/espere lucie", 1,
            content + "/dps/lucidite.md:3:11: error: 'lucie' is an alias of dps/lucidite"},
       }) {
    const CommandResult result = catalogue.mv(c.args);
    INFO(c.args << "\n" << result.output);
    CHECK(result.status == c.status);
    CHECK(result.output.find(c.message) != std::string::npos);
    CHECK(catalogue.files() == before);
  }
}
