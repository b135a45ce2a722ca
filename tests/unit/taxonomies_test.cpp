// Taxonomies as data (schema.yaml's `taxonomies`): a catalogue with a fourth
// taxonomy, or with two and no map, builds from its content alone, and every
// page, filter, document and message follows what it declares.
#include <catch2/catch.hpp>

#include <string>

#include "catalogue/schema.h"
#include "output/site_sink.h"
#include "schema_export/field_docs.h"
#include "schema_export/json_schema.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;

namespace {

bool has(const std::string& page, const std::string& text) { return page.find(text) != std::string::npos; }

MemoryFileSystem four() { return fixture(source_dir + "/tests/fixtures/taxonomies/four"); }
MemoryFileSystem two() { return fixture(source_dir + "/tests/fixtures/taxonomies/two"); }

std::string errors_with(MemoryFileSystem files, const std::string& path, const std::string& text) {
  files.add("content/" + path, text);
  return formatted(build(files).diagnostics);
}

}  // namespace

TEST_CASE("taxonomies: a fourth one, declared in content only, gets its pages, links and filter",
          "[taxonomies]") {
  const SiteFiles site = built_site(four());
  // Its pages: the list of terms and one per term.
  REQUIRE(site.count("programmes/index.html") == 1);
  REQUIRE(site.count("programmes/equal.html") == 1);
  CHECK(has(site.at("programmes/index.html"), "<h1>Funding programmes</h1>"));
  const std::string& equal = site.at("programmes/equal.html");
  CHECK(has(equal, "EQUAL Community Initiative"));
  CHECK(has(equal, "href=\"../dps/espere.html\""));
  CHECK(has(equal, "search.html?programme=equal"));  // "search and filter these records"
  CHECK(has(equal, "Records by country"));           // narrowed down by the other taxonomies
  // The menu of every page.
  CHECK(has(site.at("index.html"), "<a href=\"programmes/index.html\">Funding programmes</a>"));
  // The record's page shows it once, with the other taxonomies' terms.
  const std::string& espere = site.at("dps/espere.html");
  CHECK(has(
      espere,
      "<dt>Funding programmes</dt><dd><ul class=\"chips small\"><li><a href=\"../programmes/equal.html\">"));
  CHECK_FALSE(has(espere, "field-programmes"));
  // The other taxonomies' term pages count it in their tables.
  CHECK(has(site.at("countries/fr.html"), "Records by funding programme"));
  // The search page filters by it, under its singular.
  CHECK(has(site.at("search/meta.js"),
            "{\"id\":\"programme\",\"label\":\"Funding programme\",\"values\":[[\"equal\""));
  // The places beside search results are the map's taxonomy's.
  CHECK(has(site.at("search/meta.js"), "\"label\":\"Country\",\"places\":true"));
  // Its labels are searchable words, in both languages.
  CHECK(
      has(site.at("search/v.js"), "[\"programmes\",\"programmes/equal.html\",\"EQUAL Community Initiative\""));
}

TEST_CASE("taxonomies: one limited to some collections is a field of those only", "[taxonomies]") {
  const MemoryFileSystem files = four();
  const std::string record = "---\ntitle: ADECCO\nprogrammes: [equal]\n---\nAn agency.\n";
  const std::string found = errors_with(files, "organisations/adecco.md", record);
  INFO(found);
  CHECK(has(found, "content/organisations/adecco.md:3:1: error: unknown field 'programmes'"));
  // A term that is not in the vocabulary is named by the taxonomy's singular.
  const std::string dp = "---\ntitle: LUCIDITE\nprogrammes: [eqal]\n---\nA DP.\n";
  const std::string typo = errors_with(files, "dps/lucidite.md", dp);
  INFO(typo);
  CHECK(has(typo, "content/dps/lucidite.md:3:14: error: unknown funding programme 'eqal'"));
  CHECK(has(typo, "equal"));
}

TEST_CASE("taxonomies: the editors' documents and JSON Schemas list a declared taxonomy", "[taxonomies]") {
  const MemoryFileSystem files = four();
  Diagnostics diagnostics;
  const Schema schema = load_schema(files, "content", diagnostics);
  const Vocabularies vocabularies = load_vocabularies(files, "content", schema.taxonomies, diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  CatalogueConfig config;
  const std::string docs = fields_markdown(config, schema, vocabularies);
  CHECK(has(docs, "### Funding programmes (`vocabularies/programmes.yaml`)"));
  CHECK(has(docs, "Used by `dps`."));
  CHECK(has(docs, "| `equal` | EQUAL Community Initiative |"));
  const std::string dps = front_matter_schema(schema, *schema.collection("dps"), vocabularies).dump();
  const std::string organisations =
      front_matter_schema(schema, *schema.collection("organisations"), vocabularies).dump();
  CHECK(has(dps, "\"programmes\""));
  CHECK(has(dps, "\"equal\""));
  CHECK_FALSE(has(organisations, "\"programmes\""));
}

TEST_CASE("taxonomies: two, no map: no map, no countries, a taxonomy without a search filter", "[taxonomies]") {
  const SiteFiles site = built_site(two());
  CHECK(site.count("countries/index.html") == 0);
  CHECK(site.count("actors/index.html") == 0);
  REQUIRE(site.count("sectors/care.html") == 1);
  const std::string& home = site.at("index.html");
  CHECK_FALSE(has(home, "Where in Europe"));
  CHECK_FALSE(has(home, "countries"));
  CHECK(has(home, "<a href=\"sectors/index.html\">Sectors</a>"));
  // The sentences that name the taxonomies follow them.
  CHECK(has(site.at("404.html"),
            "browse it by <a href=\"themes/index.html\">theme</a> or "
            "<a href=\"sectors/index.html\">sector</a>."));
  CHECK(has(site.at("search.html"), "<li><a href=\"sectors/index.html\">By sector</a></li>"));
  // Without a filter of its own, a sector's page cannot lead to a search
  // view of its records; a theme's page still narrows down by sector.
  const std::string& care = site.at("sectors/care.html");
  CHECK(has(care, "href=\"../dps/espere.html\""));
  CHECK_FALSE(has(care, "search.html?"));
  CHECK_FALSE(has(site.at("themes/training.html"), "Records by sector"));
  CHECK(has(site.at("themes/training.html"), "search.html?theme=training"));
  // Search filters by theme only, and names no places.
  const std::string& meta = site.at("search/meta.js");
  CHECK(has(meta, "{\"id\":\"theme\""));
  CHECK_FALSE(has(meta, "\"places\""));
  CHECK_FALSE(has(meta, "{\"id\":\"sector\""));
  // A record page lists its sectors.
  CHECK(has(site.at("dps/espere.html"), "<dt>Sectors</dt>"));
}

TEST_CASE("taxonomies: without the key, a catalogue has countries, themes and actors", "[taxonomies]") {
  Diagnostics diagnostics;
  const Schema schema = load_schema(fixture(), "content", diagnostics);
  CHECK(schema.taxonomy_ids() == std::vector<std::string>{"countries", "themes", "actors"});
  REQUIRE(schema.map_taxonomy() != nullptr);
  CHECK(schema.map_taxonomy()->id == "countries");
  CHECK(schema.taxonomy("actors")->facet == "actor");
}

TEST_CASE("taxonomies: mistakes in their declaration are reported where they are", "[taxonomies]") {
  const std::string base = *fixture().read("content/schema.yaml");
  auto errors = [&](const std::string& taxonomies) {
    return errors_with(fixture(), "schema.yaml", "taxonomies:\n" + taxonomies + base);
  };
  const std::string bad_name = errors("  Funding Programmes: {label: Programmes}\n");
  INFO(bad_name);
  CHECK(has(bad_name, "content/schema.yaml:2:3: error: invalid taxonomy name 'Funding Programmes'"));
  CHECK(has(bad_name, "write 'funding-programmes'"));
  const std::string two_maps =
      errors("  countries: {label: Countries, map: europe}\n  regions: {label: Regions, map: europe}\n");
  INFO(two_maps);
  CHECK(has(two_maps, "content/schema.yaml:3:34: error: taxonomy 'countries' is already drawn on the map"));
  const std::string same_facet =
      errors("  themes: {label: Themes, facet: theme}\n  topics: {label: Topics, facet: theme}\n");
  INFO(same_facet);
  CHECK(has(same_facet, "content/schema.yaml:3:34: error: facet name 'theme' is used by another taxonomy"));
  const std::string reserved_facet = errors("  themes: {label: Themes, facet: collection}\n");
  CHECK(has(reserved_facet, "error: invalid facet name 'collection' for taxonomy 'themes'"));
  const std::string taken = errors("  dps: {label: DPs}\n");
  INFO(taken);
  CHECK(has(taken, "content/schema.yaml:2:3: error: taxonomy name 'dps' is the name of a collection"));
  CHECK_FALSE(has(taken, "dps vocabulary"));  // one mistake, one message
  const std::string unknown = errors("  themes: {label: Themes, collections: [dp]}\n");
  INFO(unknown);
  CHECK(has(unknown, "content/schema.yaml:2:41: error: taxonomy 'themes' lists unknown collection 'dp'"));
  CHECK(has(unknown, "did you mean 'dps'?"));
  const std::string key = errors("  themes: {label: Themes, facets: theme}\n");
  CHECK(has(key, "error: unknown key 'facets' in taxonomy 'themes'"));
  const std::string field = errors("  title: {label: Titles}\n");
  CHECK(has(field, "error: taxonomy name 'title' is taken by a folder of the site or a field of every record"));
}
