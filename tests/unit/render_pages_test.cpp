// The render stage's overview figures and whole-record pages, built in memory
// from the base fixture and from the shipped catalogue.
#include <algorithm>

#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "output/site_sink.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;

namespace {

bool has(const std::string& page, const std::string& text) { return page.find(text) != std::string::npos; }

size_t position(const std::string& page, const std::string& text) {
  const size_t at = page.find(text);
  INFO(text);
  REQUIRE(at != std::string::npos);
  return at;
}

// The page's text from `start` to the end of the section it is in.
std::string section_of(const std::string& page, const std::string& start) {
  const size_t from = page.find(start);
  if (from == std::string::npos) return {};
  return page.substr(from, page.find("</section>", from) - from);
}

std::string connections(const std::string& page) { return section_of(page, "id=\"connections-heading\""); }
std::string facts(const std::string& page) { return section_of(page, "id=\"facts-heading\""); }

// The addresses of the records listed in `html`.
std::vector<std::string> record_links(const std::string& html) {
  std::vector<std::string> out;
  const std::string mark = "<a class=\"record-title\" href=\"";
  for (size_t at = html.find(mark); at != std::string::npos; at = html.find(mark, at + 1)) {
    const size_t start = at + mark.size();
    out.push_back(html.substr(start, html.find('"', start) - start));
  }
  return out;
}

const SiteFiles& shipped_site() {
  static const SiteFiles site = [] {
    MemoryFileSystem files;
    load_tree(files, source_dir + "/content", "content/");
    load_tree(files, source_dir + "/templates", "templates/");
    load_tree(files, source_dir + "/theme", "theme/");
    return built_site(files);
  }();
  return site;
}

bool is_record_page(const std::string& path) {
  return path.find('/') != std::string::npos && path.ends_with(".html") && !path.ends_with("/index.html") &&
         !path.starts_with("countries/") && !path.starts_with("themes/") && !path.starts_with("actors/") &&
         !path.starts_with("assets/");
}

}  // namespace

TEST_CASE("a record page gathers its connections once each, under the relation the schema names", "[render]") {
  const SiteFiles site = built_site(fixture());
  // Seen from the record referred to, a reference reads "<label> of".
  const std::string adecco = connections(site.at("organisations/adecco.html"));
  CHECK(has(adecco, "<h3 class=\"relation\">Lead partner of <span class=\"count\">1</span></h3>"));
  CHECK(record_links(adecco) == std::vector<std::string>{"../dps/espere.html"});
  CHECK_FALSE(has(site.at("organisations/adecco.html"), "Referenced by"));
  // `related` reads the same from both sides, and is said once.
  const std::string espere = site.at("dps/espere.html");
  CHECK(has(connections(espere), "<h3 class=\"relation\">Related <span class=\"count\">1</span></h3>"));
  CHECK(record_links(connections(espere)) == std::vector<std::string>{"../dps/lucidite.html"});
  CHECK(record_links(connections(site.at("dps/lucidite.html"))) ==
        std::vector<std::string>{"../dps/espere.html"});
  // A single reference is a fact beside the text, not repeated among the connections.
  CHECK(has(facts(espere), "href=\"../organisations/adecco.html\""));
  CHECK_FALSE(has(connections(espere), "adecco"));

  // A field's `inverse_label` names the relation where "<label> of" reads badly.
  MemoryFileSystem files = fixture();
  std::string schema = *files.read("content/schema.yaml");
  const std::string lead = "label: Lead partner}";
  schema.replace(schema.find(lead), lead.size(), "label: Lead partner, inverse_label: Leads}");
  files.add("content/schema.yaml", schema);
  CHECK(has(connections(built_site(files).at("organisations/adecco.html")),
            "<h3 class=\"relation\">Leads <span"));
}

TEST_CASE("lists of objects are sections of a record's page, not facts beside it", "[render]") {
  const SiteFiles site = built_site(fixture());
  const std::string& espere = site.at("dps/espere.html");
  CHECK(has(espere, "<h2 id=\"section-products\">Products</h2>"));
  CHECK(
      has(section_of(espere, "id=\"section-products\""),
          "<li class=\"entry\"><p class=\"entry-head\"><strong class=\"entry-title\">A training guide</strong> "
          "<span class=\"entry-meta\">validated</span></p></li>"));
  CHECK_FALSE(has(facts(espere), "A training guide"));
  CHECK(has(facts(espere), "FR-NAT-2001-10456"));  // a code stays a fact
}

TEST_CASE("no page of the shipped catalogue lists a record twice among its connections",
          "[render][catalogue]") {
  const SiteFiles& site = shipped_site();
  size_t pages = 0, with_connections = 0;
  for (const auto& [path, html] : site) {
    if (!is_record_page(path)) continue;
    ++pages;
    INFO(path);
    CHECK_FALSE(has(html, "Referenced by"));
    const std::string listed = connections(html);
    std::vector<std::string> links = record_links(listed);
    if (!links.empty()) ++with_connections;
    std::sort(links.begin(), links.end());
    CHECK(std::adjacent_find(links.begin(), links.end()) == links.end());
    // Nor one its facts already link.
    const std::string beside = facts(html);
    for (const auto& link : links) CHECK_FALSE(has(beside, "href=\"" + link + "\""));
  }
  CHECK(pages > 300);
  CHECK(with_connections > pages / 2);
}

TEST_CASE("shipped record pages name their relations and read their structured fields in the main column",
          "[render][catalogue]") {
  const SiteFiles& site = shipped_site();
  const std::string& adecco = site.at("organisations/adecco.html");
  CHECK(has(connections(adecco), ">Lead partner of <span"));
  CHECK(has(connections(site.at("organisations/adia.html")), ">Partner in <span"));
  const std::string& network = site.at("networks/pt-ntn-immigrants.html");
  CHECK(has(connections(network), ">Member partnerships <span"));
  CHECK(has(network, "<h2 id=\"section-roles\">Roles</h2>"));
  CHECK(has(network, "<h2 id=\"section-outcomes\">Outcomes</h2>"));
  CHECK_FALSE(has(facts(network), "Carlos Bronze"));
  const std::string& factor = site.at("factors/eurocities-key-01.html");
  CHECK(has(factor, "<h2 id=\"section-guiding_questions\">Guiding questions</h2>"));
  CHECK(position(factor, "id=\"section-guiding_questions\"") > position(factor, "class=\"body prose\""));
  CHECK_FALSE(has(facts(factor), "guiding_questions"));
  // A title in another language is marked with it, in normal case.
  CHECK(has(facts(factor), "<span lang=\"fr\">L&#39;engagement public</span>"));
  CHECK(has(site.at("benchmarks/eurocities-anti-discrimination.html"), "<i lang=\"fr\">"));
  CHECK(has(connections(site.at("sources/equal-national-networks.html")),
            ">Cited by <span class=\"relation-kind\">"));
}

TEST_CASE("the home page maps records by country, each tile linking to its country", "[render]") {
  const SiteFiles site = built_site(fixture());
  const std::string& home = site.at("index.html");
  CHECK(has(home, "<svg class=\"chart europe-map\""));
  CHECK(
      has(home,
          "<a class=\"tile m5\" href=\"countries/fr.html\" tabindex=\"-1\"><title>France: 3 records</title>"));
  CHECK(has(home, "href=\"countries/gb.html\""));  // no record, still on the map
  // The text equivalent: the countries with records, with their counts.
  CHECK(has(home, "<li><a href=\"countries/fr.html\">France</a> <span class=\"count\">3</span></li>"));
  CHECK_FALSE(has(home, "<li><a href=\"countries/gb.html\">"));
  CHECK(has(home, "<span class=\"swatch m0\"></span> none"));
}

TEST_CASE("a country page charts its records, with tables linking to sections and filtered search",
          "[render]") {
  const SiteFiles site = built_site(fixture());
  const std::string& france = site.at("countries/fr.html");
  CHECK(has(france,
            "<title>Records in France by collection: Development Partnerships 2, Organisations 1.</title>"));
  CHECK(has(france,
            "<th scope=\"row\"><a href=\"#dps\">Development Partnerships</a></th><td class=\"num\">2</td>"));
  CHECK(has(france, "href=\"../search.html?country=FR&amp;theme=anti-discrimination\""));
  CHECK(has(france, "Records in France by actor type"));
  CHECK(has(france, "<h2 id=\"dps\">"));
  // A country without records has no chart, and no map.
  const std::string& britain = site.at("countries/gb.html");
  CHECK_FALSE(has(britain, "<svg class=\"chart"));
  CHECK(has(britain, "0 records"));
}

TEST_CASE("theme and actor pages map where their records are", "[render]") {
  const SiteFiles site = built_site(fixture());
  const std::string& theme = site.at("themes/anti-discrimination.html");
  CHECK(has(theme, "Where in Europe"));
  CHECK(has(theme, "href=\"../search.html?theme=anti-discrimination&amp;country=FR\" tabindex=\"-1\""));
  CHECK_FALSE(has(theme, "bar-chart"));
  CHECK(has(site.at("actors/enterprises.html"), "<svg class=\"chart europe-map\""));
  CHECK(has(site.at("countries/index.html"), "<svg class=\"chart europe-map\""));
}

TEST_CASE("labels from the vocabulary are escaped in the map and the charts", "[render]") {
  MemoryFileSystem files = fixture();
  files.add("content/vocabularies/countries.yaml",
            "- id: FR\n  label: \"<script>x</script>\"\n- id: PT\n  label: Portugal\n- id: GB\n  label: UK\n");
  const SiteFiles site = built_site(files);
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
            "{{/whole.groups}}{{#has_connections}}CONNECTIONS{{/has_connections}}");
  const SiteFiles site = built_site(files);
  const std::string& adecco = site.at("organisations/adecco.html");
  CHECK(has(adecco, "<h2 id=\"dps\">Development Partnerships 1</h2>"));
  CHECK(has(adecco, "<p class=\"part\"><a href=\"../dps/espere.html\">ESPERE</a> FR-NAT-2001-10456</p>"));
  CHECK_FALSE(has(adecco, "CONNECTIONS"));  // its only backlink is a part
  CHECK_FALSE(has(site.at("dps/espere.html"), "class=\"part\""));
  // The home page offers such records as tools.
  CHECK(has(site.at("index.html"), "<a class=\"card-link\" href=\"organisations/adecco.html\">"));
}

TEST_CASE("the shipped benchmarks present their factors by kind, in the schema's order",
          "[render][catalogue]") {
  const SiteFiles& site = shipped_site();
  const std::string& eurocities = site.at("benchmarks/eurocities-anti-discrimination.html");
  CHECK(position(eurocities, "id=\"factors-key-heading\">Key factors") <
        position(eurocities, "id=\"factors-contextual-heading\">Contextual factors"));
  CHECK(position(eurocities, "data-factor=\"eurocities-key-01\"") <
        position(eurocities, "data-factor=\"eurocities-key-02\""));
  CHECK(position(eurocities, "data-factor=\"eurocities-key-11\"") <
        position(eurocities, "data-factor=\"eurocities-context-01\""));
  CHECK(has(eurocities, "<h2 id=\"standard-heading\">The standard</h2>"));
  CHECK(has(eurocities, "<h4>Guiding questions</h4>"));
  // The marks come from the benchmark's `scoring`, which the page's script
  // reads from an attribute, escaped like any text.
  CHECK(has(eurocities, "<input type=\"radio\" name=\"mark-eurocities-key-03\" value=\"partly\">"));
  CHECK(has(eurocities, "data-scoring=\"{&quot;kind&quot;:&quot;status&quot;"));
  CHECK(has(eurocities,
            "<script src=\"../assets/assessment-core.js\"></script>\n<script src=\"../assets/benchmark.js\">"));
  const std::string& grid = site.at("benchmarks/pt-validation-grid.html");
  CHECK(position(grid, ">Mandatory factors") < position(grid, ">Discretionary factors"));
  // The weight every criterion of a level shares is said once, for the level.
  CHECK(has(grid, "<p class=\"shared\"><strong>Weight:</strong> Level 1: the six mandatory criteria"));
  CHECK_FALSE(has(grid, "<p><strong>Weight:</strong>"));
  // Scored 1 to 5, weighted by level; the criteria the report leaves
  // undefined say so.
  CHECK(has(grid, "<input type=\"radio\" name=\"mark-pt-grid-mandatory-1\" value=\"5\">"));
  CHECK(has(grid, "&quot;weight&quot;:&quot;2/3&quot;"));
  CHECK(has(grid, "data-kind=\"discretionary\""));
  CHECK(occurrences(grid, "<p class=\"undefined\">") == 6);
  // Factor pages stay ordinary record pages.
  CHECK_FALSE(has(site.at("factors/impart-core-1.html"), "benchmark.js"));
}

TEST_CASE("every page links the theme's favicon, so no host is asked for /favicon.ico", "[render]") {
  const SiteFiles site = built_site(fixture());
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
