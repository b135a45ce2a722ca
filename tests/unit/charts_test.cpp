// The charts stage: bar charts and the tile-grid map of Europe as SVG text.
#include <catch2/catch.hpp>

#include <regex>

#include "charts/bar_chart.h"
#include "charts/europe_map.h"
#include "charts/svg_text.h"
#include "test_support.h"

using namespace passerelle::charts;
using passerelle::testing::occurrences;

TEST_CASE("shades run 0 to 5 on a square-root scale of the largest count", "[charts]") {
  CHECK(shade_of(0, 100) == 0);
  CHECK(shade_of(1, 100) == 1);  // 1 ≤ 100·(1/5)² = 4
  CHECK(shade_of(4, 100) == 1);
  CHECK(shade_of(5, 100) == 2);
  CHECK(shade_of(16, 100) == 2);
  CHECK(shade_of(17, 100) == 3);
  CHECK(shade_of(64, 100) == 4);
  CHECK(shade_of(65, 100) == 5);
  CHECK(shade_of(100, 100) == 5);
  CHECK(shade_of(1, 1) == 5);
}

TEST_CASE("the legend covers every count from 1 to the largest once, in order", "[charts]") {
  for (size_t largest : {1u, 2u, 3u, 7u, 25u, 82u, 1000u}) {
    INFO("largest " << largest);
    const auto steps = map_legend(largest);
    REQUIRE(steps.front().shade == 0);
    size_t next = 1;
    for (size_t i = 1; i < steps.size(); ++i) {
      CHECK(steps[i].from == next);
      CHECK(steps[i].to >= steps[i].from);
      for (size_t n = steps[i].from; n <= steps[i].to; ++n) CHECK(shade_of(n, largest) == steps[i].shade);
      next = steps[i].to + 1;
    }
    CHECK(next == largest + 1);
  }
  CHECK(map_legend(0).size() == 1);
}

TEST_CASE("the map links every country, shades it and escapes its label", "[charts]") {
  const std::string svg = europe_map_svg({{"FR", "France", 12, "countries/fr.html"},
                                          {"PT", "Portugal <&>", 3, "countries/pt.html"},
                                          {"GB", "United Kingdom", 0, "countries/gb.html"}});
  CHECK(svg.rfind("<svg class=\"chart europe-map\"", 0) == 0);
  CHECK(svg.find("aria-hidden=\"true\"") != std::string::npos);
  CHECK(occurrences(svg, "<a ") == 3);
  CHECK(occurrences(svg, "tabindex=\"-1\"") == 3);
  CHECK(svg.find("<a class=\"tile m5\" href=\"countries/fr.html\"") != std::string::npos);
  CHECK(svg.find("<a class=\"tile m0\" href=\"countries/gb.html\"") != std::string::npos);
  CHECK(svg.find("<title>France: 12 records</title>") != std::string::npos);
  CHECK(svg.find("<title>Portugal &lt;&amp;&gt;: 3 records</title>") != std::string::npos);
  CHECK(svg.find("<title>United Kingdom: 0 records</title>") != std::string::npos);
  CHECK(svg.find("<&>") == std::string::npos);
  // France at column 2, row 4 of 44-unit cells.
  CHECK(svg.find("<rect x=\"88\" y=\"176\"") != std::string::npos);
}

TEST_CASE("countries the grid does not know go on a row below it", "[charts]") {
  const std::string svg = europe_map_svg(
      {{"FR", "France", 1, "fr.html"}, {"XK", "Kosovo", 1, "xk.html"}, {"ZZ", "Elsewhere", 0, "zz.html"}});
  CHECK(svg.find("viewBox=\"0 0 436 392\"") != std::string::npos);  // nine rows instead of eight
  CHECK(svg.find("<rect x=\"0\" y=\"352\"") != std::string::npos);
  CHECK(svg.find("<rect x=\"44\" y=\"352\"") != std::string::npos);
  CHECK(europe_map_svg({{"FR", "France", 1, "fr.html"}}).find("viewBox=\"0 0 436 348\"") != std::string::npos);
}

TEST_CASE("a label too long for the chart's width ends with an ellipsis, and the title keeps it whole",
          "[charts]") {
  const std::string long_label = "European Fund for the Integration of Third-Country Nationals";
  const std::string svg =
      bar_chart_svg({"Records by funding programme", {{long_label, 3, ""}, {"EQUAL", 9, ""}}});
  CHECK(svg.find(">European Fund for the Integration of Third-Country…</text>") != std::string::npos);
  CHECK(svg.find("<title>Records by funding programme: " + long_label) != std::string::npos);
  CHECK(svg.find(">EQUAL</text>") != std::string::npos);
  CHECK(fitted_label("Société générale des œuvres", 10) == "Société…");
  CHECK(fitted_label("Short", 10) == "Short");
}

TEST_CASE("a bar chart draws bars to scale and says every value in its title", "[charts]") {
  const std::string svg =
      bar_chart_svg({"Records by theme", {{"Work", 10, ""}, {"Housing <b>", 5, ""}, {"None", 0, ""}}});
  CHECK(svg.find("role=\"img\"") != std::string::npos);
  CHECK(svg.find("<title>Records by theme: Work 10, Housing &lt;b&gt; 5, None 0.</title>") !=
        std::string::npos);
  CHECK(svg.find("width=\"316\" height=\"10\"") != std::string::npos);  // the largest: full length
  CHECK(svg.find("width=\"158\" height=\"10\"") != std::string::npos);  // half of it
  CHECK(svg.find("width=\"0\" height=\"10\"") != std::string::npos);
  CHECK(svg.find("<b>") == std::string::npos);
  CHECK(occurrences(svg, "class=\"bar-label\"") == 3);
  CHECK(svg.find("viewBox=\"0 0 360 104\"") != std::string::npos);
  CHECK(bar_chart_svg({"Nothing", {}}).empty());
}

TEST_CASE("bars with an address are links for the pointer, the chart then hidden from assistive technology",
          "[charts]") {
  const std::string linked =
      bar_chart_svg({"By theme", {{"Work", 3, "../search.html?theme=work&country=FR"}, {"Care", 1, ""}}});
  CHECK(linked.find("aria-hidden=\"true\"") != std::string::npos);
  CHECK(linked.find("role=\"img\"") == std::string::npos);
  CHECK(occurrences(
            linked,
            "<a class=\"bar-link\" href=\"../search.html?theme=work&amp;country=FR\" tabindex=\"-1\">") == 1);
  CHECK(occurrences(linked, "<a ") == 1);  // a bar without an address is not a link
  const std::string plain = bar_chart_svg({"By theme", {{"Work", 3, ""}}});
  CHECK(plain.find("role=\"img\"") != std::string::npos);
  CHECK(plain.find("<a ") == std::string::npos);
}

TEST_CASE("a small value still shows as a bar", "[charts]") {
  const std::string svg = bar_chart_svg({"Skewed", {{"Many", 1000, ""}, {"One", 1, ""}}});
  CHECK(svg.find("width=\"2\" height=\"10\"") != std::string::npos);
}
