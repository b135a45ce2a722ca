// Sections (schema.yaml's `sections`): how collections are grouped for
// readers, and the combined views that lead from a page's counts to exactly
// the records with both terms.
#include <catch2/catch.hpp>

#include <string>

#include "output/site_sink.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;

namespace {

const std::string sections =
    "sections:\n"
    "  practices:\n"
    "    label: Practices\n"
    "    description: What was done.\n"
    "    collections: [dps, recommendations]\n"
    "  supporting:\n"
    "    label: Organisations\n"
    "    collections: [organisations]\n";

MemoryFileSystem with_sections(const std::string& text = sections) {
  MemoryFileSystem files = fixture();
  files.add("content/schema.yaml", *files.read("content/schema.yaml") + text);
  return files;
}

std::string errors_of(const std::string& text) { return formatted(build(with_sections(text)).diagnostics); }

bool has(const std::string& page, const std::string& text) { return page.find(text) != std::string::npos; }

}  // namespace

TEST_CASE("sections: the menu, the home page and the breadcrumbs follow them", "[sections]") {
  const SiteFiles site = built_site(with_sections());
  const std::string& home = site.at("index.html");
  // A section of several collections has a page; a section of one leads to it.
  CHECK(has(home, "<li><a href=\"practices.html\">Practices</a></li>"));
  CHECK(has(home, "<li><a href=\"organisations/index.html\">Organisations</a></li>"));
  CHECK_FALSE(has(home, ">Development Partnerships</a></li></ul>"));  // collections are not in the menu
  // The home page's counts are by section: 2 DPs and 1 recommendation are 3 practices.
  CHECK(has(home, "<a href=\"practices.html\"><strong>3</strong> Practices</a>"));
  CHECK(site.count("practices.html") == 1);
  CHECK(site.count("supporting.html") == 0);
  // A collection's pages lead back through their section's page.
  CHECK(has(site.at("dps/index.html"), "<li><a href=\"../practices.html\">Practices</a></li>"));
  CHECK(has(site.at("dps/espere.html"), "<li><a href=\"../practices.html\">Practices</a></li>"));
  CHECK(has(site.at("dps/espere.html"), "href=\"../practices.html\" aria-current=\"page\""));
}

TEST_CASE("sections: a section's page combines its collections with each taxonomy", "[sections]") {
  const SiteFiles site = built_site(with_sections());
  const std::string& page = site.at("practices.html");
  CHECK(has(page, "<h1>Practices</h1>"));
  CHECK(has(page,
            "<a class=\"card-link\" href=\"dps/index.html\">Development Partnerships</a> <span "
            "class=\"count\">2</span>"));
  // France: the 2 DPs, no recommendation; each count links to exactly those
  // records, the last to the whole section's.
  CHECK(has(page,
            "<tr><th scope=\"row\">France</th><td class=\"num\"><a "
            "href=\"search.html?country=FR&amp;collection=dps\">2"));
  CHECK(has(page, "<a href=\"search.html?country=FR&amp;collection=dps&amp;collection=recommendations\">2"));
  CHECK(has(page,
            "<tr><th scope=\"row\">Portugal</th><td class=\"num\"><span class=\"none\">–</span></td>"
            "<td class=\"num\"><a href=\"search.html?country=PT&amp;collection=recommendations\">1"));
}

TEST_CASE("sections: a term's page counts and lists its records by section, and combines them", "[sections]") {
  const SiteFiles site = built_site(with_sections());
  const std::string& france = site.at("countries/fr.html");
  // 2 DPs (practices) and ADECCO (organisations), counted and grouped apart.
  CHECK_FALSE(has(france, "href=\"#section-practices\""));  // one collection of the section has records
  CHECK(has(france, "<li><a href=\"#dps\">Practices</a> <span class=\"count\">2</span></li>"));
  CHECK(has(france, "<li><a href=\"#organisations\">Organisations</a> <span class=\"count\">1</span></li>"));
  CHECK(has(france, "<h2 id=\"dps\">Practices <span class=\"count\">2</span></h2>"));
  // Combined with a theme: a column per section with records here, then all.
  const std::string row = "<tr><th scope=\"row\">Fighting discrimination</th>";
  REQUIRE(has(france, row));
  const std::string cells = france.substr(france.find(row), 600);
  CHECK(has(cells,
            "<a "
            "href=\"../"
            "search.html?country=FR&amp;theme=anti-discrimination&amp;collection=dps&amp;collection="
            "recommendations\">1"));
  CHECK(has(cells, "<span class=\"none\">–</span>"));  // no organisation has the theme
  CHECK(has(cells, "<a href=\"../search.html?country=FR&amp;theme=anti-discrimination\">1"));
  // The records come before the tables and the charts.
  CHECK(france.find("<h2 id=\"dps\">") < france.find("id=\"narrow\""));
  CHECK(france.find("id=\"narrow\"") < france.find("At a glance"));
  // A theme's map leads to the theme in each country, not to the country's page.
  const std::string& theme = site.at("themes/anti-discrimination.html");
  CHECK(has(theme,
            "<a class=\"tile m5\" href=\"../search.html?theme=anti-discrimination&amp;country=FR\" "
            "tabindex=\"-1\">"));
  CHECK(has(theme, "<li><a href=\"../search.html?theme=anti-discrimination&amp;country=FR\">France</a>"));
  CHECK(has(theme, "Narrow down by country or actor type"));
}

TEST_CASE("sections: a catalogue without them has a section per collection", "[sections]") {
  const SiteFiles site = built_site(fixture());
  const std::string& home = site.at("index.html");
  CHECK(has(home, "<li><a href=\"dps/index.html\">Development Partnerships</a></li>"));
  CHECK(has(home, "<li><a href=\"recommendations/index.html\">Recommendations</a></li>"));
  for (const auto& [path, page] : site) CHECK_FALSE(path == "practices.html");
}

TEST_CASE("sections: mistakes are reported where they stand", "[sections]") {
  SECTION("an unknown collection, with the likely one") {
    const std::string out =
        errors_of("sections:\n  all:\n    label: All\n    collections: [dps, recomendations, organisations]\n");
    CHECK(has(out, "content/schema.yaml:"));
    CHECK(has(out, "error: section 'all' lists unknown collection 'recomendations'"));
    CHECK(has(out, "did you mean 'recommendations'?"));
    CHECK(has(out, "error: collection 'recommendations' is in no section"));
  }
  SECTION("a collection in two sections") {
    const std::string out = errors_of(
        "sections:\n  a:\n    collections: [dps, organisations]\n  b:\n    collections: [dps, "
        "recommendations]\n");
    CHECK(has(out, "error: collection 'dps' is already in section 'a'"));
  }
  SECTION("a name that cannot be a page, or is another page's") {
    CHECK(has(errors_of("sections:\n  All Of It:\n    collections: [dps, organisations, recommendations]\n"),
              "error: invalid section name 'All Of It'"));
    CHECK(has(errors_of("sections:\n  search:\n    collections: [dps, organisations, recommendations]\n"),
              "error: section name 'search' is taken by the site's page search.html"));
  }
  SECTION("a section without collections, an unknown key") {
    CHECK(has(errors_of("sections:\n  a:\n    label: A\n"), "error: section 'a' lists no collections"));
    CHECK(has(
        errors_of(
            "sections:\n  a:\n    colections: [dps]\n    collections: [dps, organisations, recommendations]\n"),
        "error: unknown key 'colections' in section 'a'"));
    CHECK(has(errors_of("section:\n  a:\n    collections: [dps]\n"),
              "error: unknown key 'section' in the schema"));
  }
}
