// The render stage's overview figures and whole-record pages, built in memory
// from the base fixture and from the shipped catalogue.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "output/site_sink.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;

namespace {

SiteFiles built(const FileSystem& files) {
  Progress quiet = Progress::silent();
  MemorySink sink;
  SiteBuild result = build_site(files, Inputs{}, "site", quiet, sink);
  INFO(formatted(result.diagnostics));
  REQUIRE_FALSE(result.diagnostics.has_errors());
  return sink.files();
}

bool has(const std::string& page, const std::string& text) { return page.find(text) != std::string::npos; }

size_t position(const std::string& page, const std::string& text) {
  const size_t at = page.find(text);
  INFO(text);
  REQUIRE(at != std::string::npos);
  return at;
}

}  // namespace

TEST_CASE("the home page maps records by country, each tile linking to its country", "[render]") {
  const SiteFiles site = built(fixture());
  const std::string& home = site.at("index.html");
  CHECK(has(home, "<svg class=\"chart europe-map\""));
  CHECK(has(home, "<a class=\"tile m5\" href=\"countries/fr.html\" tabindex=\"-1\"><title>France: 3 records</title>"));
  CHECK(has(home, "href=\"countries/gb.html\""));  // no record, still on the map
  // The text equivalent: the countries with records, with their counts.
  CHECK(has(home, "<li><a href=\"countries/fr.html\">France</a> <span class=\"count\">3</span></li>"));
  CHECK_FALSE(has(home, "<li><a href=\"countries/gb.html\">"));
  CHECK(has(home, "<span class=\"swatch m0\"></span> none"));
}

TEST_CASE("a country page charts its records, with tables linking to sections and filtered search", "[render]") {
  const SiteFiles site = built(fixture());
  const std::string& france = site.at("countries/fr.html");
  CHECK(has(france, "<title>Records in France by collection: Development Partnerships 2, Organisations 1.</title>"));
  CHECK(has(france, "<th scope=\"row\"><a href=\"#dps\">Development Partnerships</a></th><td class=\"num\">2</td>"));
  CHECK(has(france, "href=\"../search.html?country=FR&amp;theme=anti-discrimination\""));
  CHECK(has(france, "Records in France by actor type"));
  CHECK(has(france, "<h2 id=\"dps\">"));
  // A country without records has no chart, and no map.
  const std::string& britain = site.at("countries/gb.html");
  CHECK_FALSE(has(britain, "<svg class=\"chart"));
  CHECK(has(britain, "0 records"));
}

TEST_CASE("theme and actor pages map where their records are", "[render]") {
  const SiteFiles site = built(fixture());
  const std::string& theme = site.at("themes/anti-discrimination.html");
  CHECK(has(theme, "Where in Europe"));
  CHECK(has(theme, "href=\"../countries/fr.html\" tabindex=\"-1\""));
  CHECK_FALSE(has(theme, "bar-chart"));
  CHECK(has(site.at("actors/enterprises.html"), "<svg class=\"chart europe-map\""));
  CHECK(has(site.at("countries/index.html"), "<svg class=\"chart europe-map\""));
}

TEST_CASE("labels from the vocabulary are escaped in the map and the charts", "[render]") {
  MemoryFileSystem files = fixture();
  files.add("content/vocabularies/countries.yaml",
            "- id: FR\n  label: \"<script>x</script>\"\n- id: PT\n  label: Portugal\n- id: GB\n  label: UK\n");
  const SiteFiles site = built(files);
  for (const char* page : {"index.html", "countries/fr.html", "themes/anti-discrimination.html"}) {
    INFO(page);
    CHECK_FALSE(has(site.at(page), "<script>x"));
    CHECK(has(site.at(page), "&lt;script&gt;x&lt;/script&gt;"));
  }
}

TEST_CASE("a collection with a template of its own presents each record with its parts", "[render]") {
  MemoryFileSystem files = fixture();
  // Organisations are the whole, DPs naming one as `lead` its parts.
  files.add("templates/record_organisations.mustache",
            "<h1>{{record.title}}</h1>{{#whole.groups}}<h2 id=\"{{id}}\">{{label}} {{count}}</h2>"
            "{{#parts}}<p class=\"part\"><a href=\"{{url}}\">{{title}}</a> {{fields.code}}</p>{{/parts}}"
            "{{/whole.groups}}{{#has_backlinks}}BACKLINKS{{/has_backlinks}}");
  const SiteFiles site = built(files);
  const std::string& adecco = site.at("organisations/adecco.html");
  CHECK(has(adecco, "<h2 id=\"dps\">Development Partnerships 1</h2>"));
  CHECK(has(adecco, "<p class=\"part\"><a href=\"../dps/espere.html\">ESPERE</a> FR-NAT-2001-10456</p>"));
  CHECK_FALSE(has(adecco, "BACKLINKS"));  // its only backlink is a part
  CHECK_FALSE(has(site.at("dps/espere.html"), "class=\"part\""));
  // The home page offers such records as tools.
  CHECK(has(site.at("index.html"), "<a class=\"card-link\" href=\"organisations/adecco.html\">"));
}

TEST_CASE("the shipped benchmarks present their factors by kind, in the schema's order", "[render][catalogue]") {
  MemoryFileSystem files;
  load_tree(files, source_dir + "/content", "content/");
  load_tree(files, source_dir + "/templates", "templates/");
  load_tree(files, source_dir + "/theme", "theme/");
  const SiteFiles site = built(files);
  const std::string& eurocities = site.at("benchmarks/eurocities-anti-discrimination.html");
  CHECK(position(eurocities, "id=\"factors-key-heading\">Key factors") <
        position(eurocities, "id=\"factors-contextual-heading\">Contextual factors"));
  CHECK(position(eurocities, "data-factor=\"eurocities-key-01\"") < position(eurocities, "data-factor=\"eurocities-key-02\""));
  CHECK(position(eurocities, "data-factor=\"eurocities-key-11\"") < position(eurocities, "data-factor=\"eurocities-context-01\""));
  CHECK(has(eurocities, "<h2 id=\"standard-heading\">The standard</h2>"));
  CHECK(has(eurocities, "<h4>Guiding questions</h4>"));
  CHECK(has(eurocities, "<input type=\"radio\" name=\"status-eurocities-key-03\" value=\"partly\">"));
  CHECK(has(eurocities, "<script src=\"../assets/benchmark.js\"></script>"));
  const std::string& grid = site.at("benchmarks/pt-validation-grid.html");
  CHECK(position(grid, ">Mandatory factors") < position(grid, ">Discretionary factors"));
  // The weight every criterion of a level shares is said once, for the level.
  CHECK(has(grid, "<p class=\"shared\"><strong>Weight:</strong> Level 1: the six mandatory criteria"));
  CHECK_FALSE(has(grid, "<p><strong>Weight:</strong>"));
  // Factor pages stay ordinary record pages.
  CHECK_FALSE(has(site.at("factors/impart-core-1.html"), "benchmark.js"));
}

TEST_CASE("every page links the theme's favicon, so no host is asked for /favicon.ico", "[render]") {
  const SiteFiles site = built(fixture());
  REQUIRE(site.count("assets/favicon.svg") == 1);
  CHECK(has(site.at("assets/favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\""));
  std::set<std::string> pages;
  for (const auto& [path, text] : site) {
    if (!path.ends_with(".html")) continue;
    std::string root;
    for (char c : path)
      if (c == '/') root += "../";
    INFO(path);
    CHECK(has(text, "<link rel=\"icon\" href=\"" + root + "assets/favicon.svg\" type=\"image/svg+xml\">"));
    // The page's policy lets it load images from the site itself.
    CHECK(has(text, "img-src 'self'"));
    pages.insert(path);
  }
  for (const char* page : {"index.html", "404.html", "search.html", "dps/espere.html", "dps/index.html",
                           "countries/fr.html", "themes/index.html"})
    CHECK(pages.count(page) == 1);
}
