// The interface's words per language (model/ui_strings.h): counts with each
// language's plural, numbers and dates as the language writes them, and the
// checks that keep every language's file in step with the default's.
#include <catch2/catch.hpp>

#include "model/ui_strings.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;

namespace {

const char* months = "months: [January, February, March, April, May, June, July, August, September, October, "
                     "November, December]\n";

}  // namespace

TEST_CASE("ui strings: counts, numbers and dates follow the language", "[languages]") {
  MemoryFileSystem files;
  files.add("s/en.yaml", std::string("records: {one: \"{n} record\", other: \"{n} records\"}\n"
                                     "in: \"Records in {place}\"\n") + months);
  files.add("s/fr.yaml", "records: {one: \"{n} fiche\", other: \"{n} fiches\"}\nin: \"Fiches : {place}\"\n"
                         "months: [janvier, février, mars, avril, mai, juin, juillet, août, septembre, octobre, "
                         "novembre, décembre]\n");
  Diagnostics diagnostics;
  const UiStrings en = UiStrings::load(files, "s", "en", nullptr, diagnostics);
  const UiStrings fr = UiStrings::load(files, "s", "fr", &en, diagnostics);
  REQUIRE(formatted(diagnostics) == "");
  CHECK(en.count("records", 0) == "0 records");
  CHECK(en.count("records", 1) == "1 record");
  CHECK(en.count("records", 12345) == "12,345 records");
  CHECK(fr.count("records", 0) == "0 fiche");
  CHECK(fr.count("records", 1) == "1 fiche");
  CHECK(fr.count("records", 2) == "2 fiches");
  CHECK(fr.number(1234) == "1234");
  CHECK(fr.number(12345) == "12\u202f345");
  CHECK(fr.format("in", {{"place", "France"}}) == "Fiches : France");
  CHECK(en.date("2026-03-01T10:00:00Z") == "1 March 2026");
  CHECK(fr.date("2026-03-01") == "1er mars 2026");
  CHECK(fr.date("2026-08-14") == "14 août 2026");
  CHECK(fr.text("nothing") == "[nothing]");
}

TEST_CASE("ui strings: another language's file has exactly the default's strings, said at their line",
          "[languages]") {
  MemoryFileSystem files;
  files.add("s/en.yaml", std::string("search: Search\nhome: Home\n") + months);
  files.add("s/fr.yaml", std::string("search: Rechercher\nserch: Chercher\nsearch: Encore\n") + months);
  Diagnostics diagnostics;
  const UiStrings en = UiStrings::load(files, "s", "en", nullptr, diagnostics);
  UiStrings::load(files, "s", "fr", &en, diagnostics);
  UiStrings::load(files, "s", "de", &en, diagnostics);
  const std::string said = formatted(diagnostics);
  INFO(said);
  CHECK(said.find("s/fr.yaml:1: error: the string 'home' is missing") != std::string::npos);
  CHECK(said.find("add its translation of en.yaml's: Home") != std::string::npos);
  CHECK(said.find("s/fr.yaml:2:1: error: unknown string 'serch'") != std::string::npos);
  CHECK(said.find("did you mean 'search'?") != std::string::npos);
  CHECK(said.find("s/fr.yaml:3:1: error: the string 'search' is given twice") != std::string::npos);
  CHECK(said.find("s/de.yaml: error: no interface strings for the language 'de'") != std::string::npos);
}

TEST_CASE("ui strings: the built-in English and French files load without a word", "[languages]") {
  DiskFileSystem disk;
  Diagnostics diagnostics;
  const std::string dir = source_dir + "/templates/strings";
  const UiStrings en = UiStrings::load(disk, dir, "en", nullptr, diagnostics);
  const UiStrings fr = UiStrings::load(disk, dir, "fr", &en, diagnostics);
  CHECK(formatted(diagnostics) == "");
  CHECK(en.view().size() > 100);
  CHECK(fr.view().size() == en.view().size());
  CHECK(fr.script().size() == en.script().size());
}
