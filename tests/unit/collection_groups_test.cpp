// Collection index pages grouped as the schema says (`group_by`,
// render/collection_view.h): groups and subgroups in the order of their
// values, headings that name and link what they group by, every record
// under each of its values, jump links that lead to the groups, numbers
// before titles (`numbered_by`), and the filter box's markup; on the base
// fixture with a schema that groups, and on the shipped catalogue.
#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>
#include <string>

#include "output/site_sink.h"
#include "render/collection_view.h"
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

// Every match of `pattern`'s first group in `html`.
std::vector<std::string> all(const std::string& html, const std::string& pattern) {
  std::vector<std::string> out;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

std::vector<std::string> jump_targets(const std::string& page) {
  const size_t from = page.find("<nav class=\"jump-links");
  if (from == std::string::npos) return {};
  return all(page.substr(from, page.find("</nav>", from) - from), "href=\"#([^\"]+)\"");
}

// The base fixture with groups: DPs by country then lead partner,
// recommendations by audience and numbered, organisations A–Z; a few more
// records to fill them.
MemoryFileSystem grouped_fixture() {
  MemoryFileSystem files = fixture();
  std::string schema = *files.read("content/schema.yaml");
  schema = replaced(schema, "    sort: [code]\n", "    sort: [code]\n    group_by: [countries, lead]\n");
  schema = replaced(schema, "  organisations:\n    label: Organisations\n",
                    "  organisations:\n    label: Organisations\n    sort: [title]\n    group_by: [title]\n");
  schema = replaced(schema, "    sort: [number]\n",
                    "    sort: [number]\n    group_by: [audience]\n    numbered_by: number\n");
  schema = replaced(schema, "trade-unions]}", "trade-unions], labels: {enterprises: Companies}}");
  files.add("content/schema.yaml", schema);
  files.add("content/organisations/ecole.md",
            "---\ntitle: \"École <b>&\\\"ouverte\\\"</b>\"\ncountries: [FR]\n---\n");
  files.add("content/organisations/trois-suisses.md", "---\ntitle: 3 Suisses\n---\n");
  files.add("content/dps/both.md",
            "---\ntitle: Two countries\ncountries: [PT, FR]\ncode: PT-1\nlead: organisations/ecole\n---\n");
  files.add("content/dps/nowhere.md", "---\ntitle: No country\ncode: X-1\n---\n");
  files.add("content/recommendations/rec-02.md", "---\ntitle: Second\nnumber: 2\naudience: general\n---\n");
  files.add("content/recommendations/rec-03.md", "---\ntitle: Third\nnumber: 3\n---\n");
  return files;
}

}  // namespace

TEST_CASE("a title falls under its first letter, accents folded", "[render][groups]") {
  CHECK(initial_of("ADECCO") == "A");
  CHECK(initial_of("école") == "E");
  CHECK(initial_of("Œuvre") == "O");
  CHECK(initial_of("\"Quoted\" title") == "Q");
  CHECK(initial_of("« Élan »") == "E");
  CHECK(initial_of("Æsop") == "A");
  CHECK(initial_of("3 Suisses") == "0–9");
  CHECK(initial_of("Ελλάδα") == "Other");
  CHECK(initial_of("") == "Other");
}

TEST_CASE("a collection grouped by a vocabulary then a reference", "[render][groups]") {
  const SiteFiles site = built_site(grouped_fixture());
  const std::string& page = site.at("dps/index.html");
  // Countries in the vocabulary's order (France, Portugal), records without
  // one last; within France, lead partners in their collection's order.
  const size_t france = position(page,
                                 "<h2 id=\"countries-fr\"><a href=\"../countries/fr.html\">France</a> <span "
                                 "class=\"count\">3</span></h2>");
  const size_t portugal = position(page,
                                   "<h2 id=\"countries-pt\"><a href=\"../countries/pt.html\">Portugal</a> "
                                   "<span class=\"count\">1</span></h2>");
  const size_t none =
      position(page, "<h2 id=\"countries-none\">Countries: none given <span class=\"count\">1</span></h2>");
  CHECK(france < portugal);
  CHECK(portugal < none);
  const size_t adecco = position(
      page, "<h3 id=\"countries-fr--lead-adecco\"><a href=\"../organisations/adecco.html\">ADECCO</a>");
  const size_t ecole =
      position(page, "<h3 id=\"countries-fr--lead-ecole\"><a href=\"../organisations/ecole.html\">");
  const size_t no_lead = position(page, "<h3 id=\"countries-fr--lead-none\">Lead partner: none given");
  CHECK(adecco < ecole);
  CHECK(ecole < no_lead);
  CHECK(no_lead < portugal);
  // A record with two countries is under each; one title is escaped in a heading.
  CHECK(all(page, "href=\"(../dps/both.html)\"").size() == 2);
  CHECK(has(page, "École &lt;b&gt;&amp;&quot;ouverte&quot;&lt;/b&gt;"));
  CHECK_FALSE(has(page, "<b>"));
  // The jump links name every group and subgroup, and each leads to one.
  const auto targets = jump_targets(page);
  CHECK(targets == std::vector<std::string>{"countries-fr", "countries-fr--lead-adecco",
                                            "countries-fr--lead-ecole", "countries-fr--lead-none",
                                            "countries-pt", "countries-pt--lead-ecole", "countries-none",
                                            "countries-none--lead-none"});
  for (const auto& id : targets) CHECK(all(page, "id=\"(" + id + ")\"").size() == 1);
}

TEST_CASE("a collection grouped A–Z by title, and one by an enum with numbered entries", "[render][groups]") {
  const SiteFiles site = built_site(grouped_fixture());
  const std::string& organisations = site.at("organisations/index.html");
  CHECK(jump_targets(organisations) == std::vector<std::string>{"letter-0-9", "letter-a", "letter-e"});
  CHECK(has(organisations, "<nav class=\"jump-links jump-flat\""));
  CHECK(has(organisations, "<h2 id=\"letter-e\">E <span class=\"count\">1</span></h2>"));
  CHECK(has(organisations, "<h2 id=\"letter-0-9\">0–9 <span class=\"count\">1</span></h2>"));

  const std::string& recommendations = site.at("recommendations/index.html");
  // Enum values in their declared order (general, enterprises), then none.
  const size_t general =
      position(recommendations, "<h2 id=\"audience-general\">General <span class=\"count\">1</span></h2>");
  const size_t enterprises = position(recommendations, "<h2 id=\"audience-enterprises\">Companies");
  const size_t none = position(recommendations, "<h2 id=\"audience-none\">audience: none given");
  CHECK(general < enterprises);
  CHECK(enterprises < none);
  CHECK(has(recommendations,
            "<a class=\"record-title\" href=\"../recommendations/rec-02.html\"><span "
            "class=\"record-number\">2</span> Second</a>"));
  // The number leads the record's title wherever it is listed.
  CHECK(has(site.at("countries/pt.html"), "<span class=\"record-number\">1</span> Open recruitment</a>"));
}

TEST_CASE("a term page whose records come from several collections has jump links to each",
          "[render][groups]") {
  const SiteFiles site = built_site(grouped_fixture());
  // France: DPs and organisations; Portugal: a DP and a recommendation;
  // the United Kingdom: nothing.
  for (const char* path : {"countries/fr.html", "countries/pt.html"}) {
    const std::string& page = site.at(path);
    INFO(path);
    const auto targets = jump_targets(page);
    CHECK(targets.size() == 2);
    for (const auto& id : targets) CHECK(all(page, "<h2 id=\"(" + id + ")\">").size() == 1);
  }
  CHECK(jump_targets(site.at("countries/gb.html")).empty());
  CHECK(jump_targets(site.at("themes/training.html")).empty());  // DPs only
}

TEST_CASE("every collection page has the filter box, hidden until its script runs", "[render][groups]") {
  const SiteFiles site = built_site(fixture());
  for (const char* path : {"dps/index.html", "organisations/index.html"}) {
    const std::string& page = site.at(path);
    INFO(path);
    CHECK(has(page,
              "<div id=\"list-filter\" class=\"list-filter\" role=\"search\" aria-label=\"Filter this list\" "
              "hidden>"));
    CHECK(has(page, "role=\"status\" aria-live=\"polite\""));
    CHECK(has(page, "<script src=\"../assets/list-filter.js\"></script>"));
    // Not grouped: one list, no jump links.
    CHECK_FALSE(has(page, "jump-links"));
    CHECK(std::regex_search(
        page,
        std::regex("<div id=\"collection-list\" class=\"collection-list\">\\s*<ul class=\"record-list\">")));
  }
  CHECK(site.count("assets/list-filter.js") == 1);
  CHECK(site.count("assets/list-filter-core.js") == 1);
}

TEST_CASE("the shipped catalogue's grouped pages list every record and lead to every group",
          "[render][groups][catalogue]") {
  MemoryFileSystem files;
  load_tree(files, source_dir + "/content", "content/");
  load_tree(files, source_dir + "/templates", "templates/");
  load_tree(files, source_dir + "/theme", "theme/");
  Diagnostics diagnostics;
  const Schema schema = load_schema(files, "content", diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  const SiteFiles site = built_site(files);
  // Recommendations, factors, DPs, initiatives and organisations are grouped.
  std::set<std::string> grouped;
  for (const auto& c : schema.collections)
    if (!c.group_by.empty()) grouped.insert(c.id);
  CHECK(grouped.count("recommendations") + grouped.count("factors") + grouped.count("dps") +
            grouped.count("initiatives") + grouped.count("organisations") ==
        5);
  for (const auto& c : schema.collections) {
    const std::string& page = site.at(c.id + "/index.html");
    INFO(c.id);
    // Every record of the collection is listed, and nothing else.
    std::set<std::string> listed, expected;
    for (const auto& href :
         all(page, "<a class=\"record-title\" href=\"\\.\\./" + c.id + "/([a-z0-9-]+)\\.html\""))
      listed.insert(href);
    for (const auto& [path, bytes] : site)
      if (path.starts_with(c.id + "/") && path != c.id + "/index.html" &&
          bytes.find("http-equiv=\"refresh\"") == std::string::npos)
        expected.insert(path.substr(c.id.size() + 1, path.size() - c.id.size() - 6));
    CHECK(listed == expected);
    if (c.group_by.empty()) continue;
    const auto targets = jump_targets(page);
    CHECK(targets.size() >= 2);
    for (const auto& id : targets) CHECK(all(page, "id=\"(" + id + ")\"").size() == 1);
  }
  // Factors of different benchmarks that share a title are told apart by
  // their group and their number.
  const std::string& factors = site.at("factors/index.html");
  CHECK(all(factors, "<span class=\"record-number\">([0-9]+)</span>").size() ==
        all(factors, "class=\"record-title\"()").size());
}
