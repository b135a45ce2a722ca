// Horizontal bar charts as SVG, written at build time.
//
// One bar per row, its label above it and its value at its end, so long
// labels never need truncating and the chart stays legible on a phone
// without scaling its text. Bars are drawn to scale from zero against the
// largest value. The SVG is an image (role="img") whose <title> states every
// value in words; pages pair it with a table of the same numbers. Colours
// come from the page's stylesheet (classes bar, bar-label, bar-value), so the
// chart follows the light, dark and print schemes. Does not sort: bars keep
// the order given. Bars with a URL are links, for the pointer only, as the
// map's tiles are: the chart is then hidden from assistive technology and
// out of the tab order, and pages put the same links in its table.
#pragma once

#include <string>
#include <vector>

namespace passerelle::charts {

struct Bar {
  std::string label;
  size_t value = 0;
  std::string url;  // where the bar leads, relative to the page; empty: nowhere
};

struct BarChart {
  std::string title;      // "Records in France by collection"
  std::vector<Bar> bars;  // in display order
};

// The chart as an <svg> element; labels are escaped. Empty when there is no bar.
std::string bar_chart_svg(const BarChart& chart);

}  // namespace passerelle::charts
