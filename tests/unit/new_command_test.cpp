// `passerelle new <collection> <id>`: the record it writes lists every field
// and passes `check` as written; it refuses what it must refuse, with the
// exact messages.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "catalogue/schema.h"
#include "catalogue/vocabulary.h"
#include "schema_export/record_template.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;
namespace fs = std::filesystem;

namespace {

struct Catalogue {
  TempDir dir;
  fs::path content = dir.path() / "content";
  explicit Catalogue(const std::string& source = source_dir + "/tests/fixtures/base") {
    fs::copy(source, content, fs::copy_options::recursive);
  }
  CommandResult make(const std::string& args) const {
    return run(binary + " new " + args + " --content " + content.string());
  }
  CommandResult check() const {
    return run(binary + " check --content " + content.string() + " --templates " + source_dir +
               "/templates --theme " + source_dir + "/theme");
  }
};

}  // namespace

TEST_CASE("new writes a record that lists every field and passes check", "[new][e2e]") {
  Catalogue catalogue;
  CommandResult made = catalogue.make("dps sunrise");
  INFO(made.output);
  REQUIRE(made.status == 0);
  CHECK(made.output.find("created " + (catalogue.content / "dps/sunrise.md").string()) != std::string::npos);
  const std::string text = read_file(catalogue.content / "dps/sunrise.md");
  for (const char* field :
       {"title: \"Sunrise\"", "# summary: …", "countries: []", "# period: {start: 2002, end: 2005}",
        "related: []", "sources: []", "# code: …", "# round: 1", "# lead: organisations/…", "products: []",
        "#   - title: …", "# website: https://…"})
    CHECK(text.find(field) != std::string::npos);
  CommandResult checked = catalogue.check();
  INFO(checked.output);
  CHECK(checked.status == 0);
}

TEST_CASE("new's template, exactly, for a small collection", "[new]") {
  MemoryFileSystem files = fixture();
  Diagnostics diagnostics;
  Schema schema = load_schema(files, "content", diagnostics);
  Vocabularies vocabularies = load_vocabularies(files, "content", schema.taxonomies, diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  CHECK(record_template(schema, *schema.collection("recommendations"), "hire-openly", vocabularies) ==
        "---\n"
        "# A new Recommendations (recommendations/hire-openly).\n"
        "# Every field of the collection is listed below. Fill in what the sources say:\n"
        "# remove the '# ' in front of a field to use it, leave the others as they are.\n"
        "# Lists stay [] until they have something. The fields are described in\n"
        "# docs/fields.md; `passerelle check` (or `passerelle serve`) checks the file.\n"
        "# Title (text on one line, required): the record's name, as the sources give it\n"
        "title: \"Hire openly\"\n"
        "# Summary (text): one or two sentences in our own words, shown in lists, search results and the page "
        "head\n"
        "# summary: …\n"
        "# Countries (list of ids from vocabularies/countries.yaml): ISO 3166-1 alpha-2 codes, e.g. [PT, FR]\n"
        "countries: []\n"
        "# Themes (list of ids from vocabularies/themes.yaml): what the record is about\n"
        "themes: []\n"
        "# Actor types (list of ids from vocabularies/actors.yaml): the kinds of actors involved or addressed\n"
        "actors: []\n"
        "# Period ({start: YEAR, end: YEAR}): when it ran; start or end may be left out\n"
        "# period: {start: 2002, end: 2005}\n"
        "# Related (list of references <collection>/<id>): other records of the catalogue\n"
        "related: []\n"
        "# Sources (list of citations): the documents it is written from: {source: sources/<id>, section: "
        "\"…\"}, "
        "or {title: \"…\", url: \"…\"} for a document outside the catalogue\n"
        "sources: []\n"
        "#\n"
        "# Fields of Recommendations:\n"
        "# number (whole number)\n"
        "# number: 1\n"
        "# audience (one of: general, enterprises, trade-unions)\n"
        "# audience: general\n"
        "---\n");
}

TEST_CASE("every collection of the shipped schema gets a record that passes check", "[new][e2e]") {
  // The shipped schema and vocabularies, without the records (check stays fast).
  TempDir dir;
  const fs::path content = dir.path() / "content";
  fs::create_directories(content);
  for (const char* file : {"catalogue.yaml", "schema.yaml"})
    fs::copy(source_dir + "/content/" + file, content / file);
  fs::copy(source_dir + "/content/vocabularies", content / "vocabularies", fs::copy_options::recursive);
  MemoryFileSystem files;
  load_tree(files, content.string(), "content/");
  Diagnostics diagnostics;
  const Schema schema = load_schema(files, "content", diagnostics);
  REQUIRE(schema.collections.size() >= 5);
  for (const auto& c : schema.collections) {
    CommandResult made = run(binary + " new " + c.id + " a-new-one --quiet --content " + content.string());
    INFO(c.id << ": " << made.output);
    CHECK(made.status == 0);
    CHECK(made.output == "");
  }
  CommandResult checked = run(binary + " check --content " + content.string() + " --templates " + source_dir +
                              "/templates --theme " + source_dir + "/theme");
  INFO(checked.output);
  CHECK(checked.status == 0);
}

TEST_CASE("new refuses to overwrite, and rejects bad ids and unknown collections", "[new][e2e]") {
  Catalogue catalogue;
  const fs::path espere = catalogue.content / "dps/espere.md";
  const std::string before = read_file(espere);

  CommandResult taken = catalogue.make("dps espere");
  CHECK(taken.status == 1);
  CHECK(taken.output == "error: " + espere.string() +
                            " already exists\n"
                            "  hint: choose another id, or edit the record\n");
  CHECK(read_file(espere) == before);

  CommandResult bad = catalogue.make("dps Bad_Name");
  CHECK(bad.status == 2);
  CHECK(bad.output ==
        "error: invalid record id 'Bad_Name': use a-z, 0-9 and single hyphens\n"
        "  hint: try 'bad-name'\n");

  CommandResult unknown = catalogue.make("dp sunrise");
  CHECK(unknown.status == 2);
  CHECK(unknown.output == "error: unknown collection 'dp'\n  hint: did you mean 'dps'?\n");

  CommandResult far = catalogue.make("zzzzzz sunrise");
  CHECK(far.status == 2);
  CHECK(far.output ==
        "error: unknown collection 'zzzzzz'\n"
        "  hint: the collections are: dps, organisations, recommendations\n");

  CommandResult missing = run(binary + " new dps");
  CHECK(missing.status == 2);
  CHECK_FALSE(fs::exists(catalogue.content / "dps/sunrise.md"));
}

TEST_CASE("new notes an id used in another collection, and creates a collection's folder", "[new][e2e]") {
  Catalogue catalogue;
  fs::remove_all(catalogue.content / "recommendations");
  CommandResult made = catalogue.make("recommendations adecco");
  INFO(made.output);
  REQUIRE(made.status == 0);
  CHECK(fs::exists(catalogue.content / "recommendations/adecco.md"));
  CHECK(made.output.find("note: organisations/adecco exists too") != std::string::npos);
}
