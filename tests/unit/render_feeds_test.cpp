// The machine-readable outputs, built in memory from the base fixture:
// catalogue.csv as a spreadsheet reads it.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <string>

#include "output/site_sink.h"
#include "render/catalogue_csv.h"
#include "render/feeds.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;
using nlohmann::json;

namespace {

const std::string bom = "\xEF\xBB\xBF";

// catalogue.csv of the base fixture with `extra` records added (path → text).
std::string csv_of(const std::map<std::string, std::string>& extra) {
  MemoryFileSystem files = fixture();
  for (const auto& [path, text] : extra) files.add(path, text);
  Progress quiet = Progress::silent();
  MemorySink sink;
  SiteBuild result = build_site(files, Inputs{}, "site", quiet, sink);
  INFO(formatted(result.diagnostics));
  REQUIRE_FALSE(result.diagnostics.has_errors());
  return sink.files().at("catalogue.csv");
}

// The line of `csv` that starts with `start`, without its CRLF.
std::string row(const std::string& csv, const std::string& start) {
  const size_t at = csv.find("\r\n" + start);
  INFO(start);
  REQUIRE(at != std::string::npos);
  return csv.substr(at + 2, csv.find("\r\n", at + 2) - at - 2);
}

FieldSpec field(const std::string& name, FieldType type) {
  FieldSpec f;
  f.name = name;
  f.type = type;
  return f;
}

}  // namespace

TEST_CASE("catalogue.csv starts with a UTF-8 byte-order mark, then its header", "[render][csv]") {
  const std::string csv = csv_of({});
  CHECK(csv.rfind(bom +
                      "collection,id,url,title,summary,countries,themes,actors,period,related,sources,aliases,"
                      "code,round,lead,products,website,acronym,number,audience\r\n",
                  0) == 0);
  // The mark comes once, not before every row.
  CHECK(csv.find(bom, 1) == std::string::npos);
}

TEST_CASE("catalogue.csv joins lists with '; ', writes periods and flattens objects and citations",
          "[render][csv]") {
  const std::string csv =
      csv_of({{"content/dps/cell-cases.md",
               "---\n"
               "title: 'Cooperative \"Ponte\", Lisbon'\n"
               "countries: [PT, FR]\n"
               "themes: [anti-discrimination, training]\n"
               "actors: [enterprises]\n"
               "period: {start: 2002, end: 2005}\n"
               "related: [dps/espere, dps/lucidite]\n"
               "sources:\n"
               "  - {title: A report, url: 'https://example.org/r', section: '2.3', note: the annex}\n"
               "  - dps/espere\n"
               "code: PT-2001-060\n"
               "round: 2\n"
               "lead: organisations/adecco\n"
               "products:\n"
               "  - {title: A training guide, validated: true}\n"
               "  - {title: A film, validated: false}\n"
               "---\n"
               "Body.\n"},
              {"content/dps/one-year.md", "---\ntitle: One year\nperiod: {start: 2004, end: 2004}\n---\n"},
              {"content/dps/open-ended.md", "---\ntitle: Open ended\nperiod: {start: 2007}\n---\n"}});
  CHECK(row(csv, "dps,cell-cases,") ==
        "dps,cell-cases,dps/cell-cases.html,\"Cooperative \"\"Ponte\"\", Lisbon\",,PT; FR,"
        "anti-discrimination; training,enterprises,2002–2005,dps/espere; dps/lucidite,"
        "\"A report, section 2.3 (https://example.org/r): the annex | dps/espere\",,"
        "PT-2001-060,2,organisations/adecco,"
        "title: A training guide; validated: yes | title: A film; validated: no,,,,");
  CHECK(row(csv, "dps,one-year,") == "dps,one-year,dps/one-year.html,One year,,,,,2004,,,,,,,,,,,");
  CHECK(row(csv, "dps,open-ended,") == "dps,open-ended,dps/open-ended.html,Open ended,,,,,2007–…,,,,,,,,,,,");
  // No cell holds JSON.
  CHECK(csv.find("[\"") == std::string::npos);
  CHECK(csv.find("{\"") == std::string::npos);
}

TEST_CASE("a cell puts objects inside objects in brackets and joins the lists inside them with commas",
          "[render][csv]") {
  FieldSpec place = field("place", FieldType::object);
  place.fields = {field("city", FieldType::string), field("country", FieldType::string)};
  FieldSpec tags = field("tags", FieldType::list);
  tags.items = std::make_shared<FieldSpec>(field("", FieldType::string));
  FieldSpec example = field("", FieldType::object);
  example.fields = {field("description", FieldType::text), place, tags};
  FieldSpec examples = field("examples", FieldType::list);
  examples.items = std::make_shared<FieldSpec>(example);

  const json value = json::parse(R"([
    {"description": "Mentoring", "place": {"city": "Lyon", "country": "FR"}, "tags": ["work", "housing"]},
    {"description": "A fair"}
  ])");
  CHECK(csv_cell_text(&examples, value) ==
        "description: Mentoring; place: (city: Lyon; country: FR); tags: work, housing | description: A fair");
  // Without a schema the value is read by its shape, keys in order.
  CHECK(csv_cell_text(nullptr, json::parse(R"({"b": [1, 2], "a": true})")) == "a: yes; b: 1, 2");
  CHECK(csv_cell_text(nullptr, json::parse(R"([{"a": 1}, {"a": 2}])")) == "a: 1 | a: 2");
}

TEST_CASE("a citation reads as its document, section, address and note", "[render][csv]") {
  FieldSpec citation = field("", FieldType::citation);
  CHECK(csv_cell_text(&citation, json{{"source", "sources/guide"}, {"section", "2.1"}}) ==
        "sources/guide, section 2.1");
  CHECK(csv_cell_text(&citation, json{{"source", "sources/guide"}, {"url", "https://example.org/g.pdf"}}) ==
        "sources/guide (https://example.org/g.pdf)");
  CHECK(csv_cell_text(&citation, json{{"url", "https://example.org/g.pdf"}, {"note", "archived"}}) ==
        "https://example.org/g.pdf: archived");
}

namespace {

// The feeds render_feeds() makes of `site`, given `before`.
SiteFiles feeds_of(const SiteModel& site, const FeedsBefore& before) {
  SiteFiles files;
  render_feeds(site, files, before);
  return files;
}

// `text` with `insert` put before the first `at` after the first `after`.
std::string inserted(const std::string& text, const std::string& after, const std::string& at,
                     const std::string& insert) {
  const size_t start = text.find(after);
  REQUIRE(start != std::string::npos);
  const size_t where = text.find(at, start + after.size());
  REQUIRE(where != std::string::npos);
  return text.substr(0, where) + insert + text.substr(where);
}

// `text` with the entry that holds `key` moved to the end of its list: an
// entry of catalogue.json (a line "  {" to a line "  }", the entries joined
// by ",\n", the list closed by "\n ]"), or a row of catalogue.csv (which
// ends the file).
std::string moved_last(const std::string& text, const std::string& key, bool json) {
  const size_t at = text.find(key);
  REQUIRE(at != std::string::npos);
  if (json) {
    const size_t begin = text.rfind("\n  {\n", at) + 1, end = text.find("\n  }", at) + 4;
    const std::string entry = text.substr(begin, end - begin);
    const std::string without = text.substr(0, begin) + text.substr(end + 2);  // its ",\n" too
    const size_t close = without.rfind("\n ]");
    return without.substr(0, close) + ",\n" + entry + without.substr(close);
  }
  const size_t begin = at + 2, end = text.find("\r\n", begin) + 2;
  return text.substr(0, begin) + text.substr(end) + text.substr(begin, end - begin);
}

}  // namespace

TEST_CASE("after record edits, the feeds copy the entries of the records as they were from the last build's",
          "[render][csv][cache]") {
  // The base fixture's site, its feeds as a clean build writes them.
  MemoryFileSystem files = fixture();
  Progress quiet = Progress::silent();
  MemorySink sink;
  BuiltModel model;
  const SiteBuild built = build_site(files, Inputs{}, "site", quiet, sink, &model);
  REQUIRE_FALSE(built.diagnostics.has_errors());
  const SiteModel site = model.site();
  const std::string json_text = sink.files().at("catalogue.json"), csv_text = sink.files().at("catalogue.csv");
  REQUIRE(site.records.size() > 3);
  size_t espere = 0;
  while (site.records[espere].id != "espere") REQUIRE(++espere < site.records.size());

  // The last build's files, where ESPERE's entries say something this
  // build's would not: a field more, and a quoted cell holding a comma, a
  // line break and a quote.
  SiteFiles last = {
      {"catalogue.json", inserted(json_text, "\"id\": \"espere\"", "\n   \"url\": ", ",\n   \"kept\": true")},
      {"catalogue.csv",
       inserted(csv_text, "\r\ndps,espere,", "\r\n", ",\"kept, from\r\nthe \"\"last\"\" build\"")}};
  REQUIRE(last.at("catalogue.json") != json_text);
  REQUIRE(last.at("catalogue.csv") != csv_text);
  FeedsBefore before;
  before.previous = [&](const std::string& path) -> std::optional<std::string> {
    if (!last.count(path)) return std::nullopt;
    return last.at(path);
  };
  before.as_before.assign(site.records.size(), true);

  SECTION("a record as it was: its entries are the last build's") {
    const SiteFiles feeds = feeds_of(site, before);
    CHECK(feeds.at("catalogue.json") == last.at("catalogue.json"));
    CHECK(feeds.at("catalogue.csv") == last.at("catalogue.csv"));
  }
  SECTION("a record edited: its entries are written again, the others copied") {
    before.as_before[espere] = false;
    last["catalogue.csv"] = inserted(last.at("catalogue.csv"), "\r\ndps,lucidite,", "\r\n", ",copied");
    const SiteFiles feeds = feeds_of(site, before);
    CHECK(feeds.at("catalogue.json") == json_text);
    CHECK(feeds.at("catalogue.csv") == inserted(csv_text, "\r\ndps,lucidite,", "\r\n", ",copied"));
  }
  SECTION("the last build's entries in another order: each is found by its record's address") {
    const SiteFiles in_order = last;
    last["catalogue.json"] = moved_last(in_order.at("catalogue.json"), "\"id\": \"espere\"", true);
    // LUCIDITE's row as the last build wrote it, a cell more, moved last.
    const std::string csv_copied = inserted(csv_text, "\r\ndps,lucidite,", "\r\n", ",copied");
    last["catalogue.csv"] = moved_last(csv_copied, "\r\ndps,lucidite,", false);
    REQUIRE(last.at("catalogue.json") != in_order.at("catalogue.json"));
    REQUIRE(last.at("catalogue.csv") != csv_copied);
    // A record after ESPERE edited: its entry is written, not looked for.
    size_t edited = espere + 1;
    if (edited < site.records.size() && site.records[edited].id == "lucidite") ++edited;
    REQUIRE(edited < site.records.size());
    before.as_before[edited] = false;
    const SiteFiles feeds = feeds_of(site, before);
    CHECK(feeds.at("catalogue.json") == in_order.at("catalogue.json"));
    CHECK(feeds.at("catalogue.csv") == csv_copied);
  }
  SECTION("a record the last build's files lack, or files not as a build writes them: written again") {
    last["catalogue.json"] = replaced(last.at("catalogue.json"), "\"url\": \"dps/espere.html\"", "\"url\": 1");
    last["catalogue.csv"] = replaced(last.at("catalogue.csv"), "\r\ndps,espere,", "\r\ndps,other,");
    CHECK(feeds_of(site, before).at("catalogue.json") == json_text);
    CHECK(feeds_of(site, before).at("catalogue.csv") == csv_text);
    last = {{"catalogue.json", "[]"}, {"catalogue.csv", "\"unclosed\r\n" + csv_text}};
    CHECK(feeds_of(site, before).at("catalogue.json") == json_text);
    CHECK(feeds_of(site, before).at("catalogue.csv") == csv_text);
  }
  SECTION("no last build, or no record said to be as it was: every entry written") {
    before.previous = nullptr;
    CHECK(feeds_of(site, before).at("catalogue.json") == json_text);
    before.previous = [&](const std::string& path) -> std::optional<std::string> { return last.at(path); };
    before.as_before.clear();
    CHECK(feeds_of(site, before).at("catalogue.csv") == csv_text);
  }
}
