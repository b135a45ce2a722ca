// A tile-grid map of Europe as SVG, written at build time.
//
// Each country is a square placed roughly where it lies (Iceland top left,
// Cyprus bottom right), shaded by how many records it has, labelled with its
// ISO code and its count, and linked to its page. A tile grid rather than
// country outlines: every country, Malta and Liechtenstein included, gets a
// tile the same size that can be read and clicked, and the map needs no
// geographic data. Countries the grid does not know are laid out on a row
// below it. Shades run from 0 (no record) to 5 on a square-root scale, so a
// country with a few records still stands out from one with none; the
// stylesheet gives the colours (classes m0…m5). The SVG is hidden from
// assistive technology and its links are left out of the tab order: pages
// put the same links, with their counts, in a list beside it.
#pragma once

#include <string>
#include <vector>

namespace passerelle::charts {

struct MapCountry {
  std::string code;   // ISO 3166-1 alpha-2, e.g. "FR"
  std::string label;  // "France"
  size_t count = 0;
  std::string url;  // relative to the page, e.g. "../countries/fr.html"
  // What its tile says on hover, in the page's language ("France: 12
  // records"); the label and count in English where empty.
  std::string title = {};
};

// One shade of the legend: counts from..to (inclusive) get shade `shade`.
struct LegendStep {
  int shade = 0;
  size_t from = 0;
  size_t to = 0;
};

// 0 when count is 0, else 1..5: the smallest s with count <= largest·(s/5)².
int shade_of(size_t count, size_t largest);

// The shades in use when the largest count is `largest`, from 0 (none) up;
// shades that no whole number falls into are left out.
std::vector<LegendStep> map_legend(size_t largest);

// The map as an <svg> element; labels and URLs are escaped.
std::string europe_map_svg(const std::vector<MapCountry>& countries);

}  // namespace passerelle::charts
