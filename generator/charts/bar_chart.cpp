#include "charts/bar_chart.h"

#include <algorithm>

#include "charts/svg_text.h"
#include "util/escape.h"

namespace passerelle::charts {

namespace {

constexpr int width = 360;      // user units; pages show the chart at this size or smaller
constexpr int row_height = 34;  // label line, then the bar
// What the width holds of a label at the page's chart font; the title and
// the table beside the chart give longer ones whole.
constexpr size_t max_label_chars = 52;
constexpr int bar_height = 10;
constexpr int value_room = 44;  // right of the longest bar, for its value

}  // namespace

std::string bar_chart_svg(const BarChart& chart) {
  if (chart.bars.empty()) return {};
  size_t largest = 1;
  for (const auto& bar : chart.bars) largest = std::max(largest, bar.value);
  const int height = static_cast<int>(chart.bars.size()) * row_height + 2;
  const std::string size = std::to_string(width) + "\" height=\"" + std::to_string(height);

  std::string title = chart.title + ":";
  for (size_t i = 0; i < chart.bars.size(); ++i)
    title += (i ? ", " : " ") + chart.bars[i].label + " " + std::to_string(chart.bars[i].value);
  title += ".";

  const bool linked =
      std::any_of(chart.bars.begin(), chart.bars.end(), [](const Bar& b) { return !b.url.empty(); });
  std::string out = "<svg class=\"chart bar-chart\" viewBox=\"0 0 " + std::to_string(width) + " " +
                    std::to_string(height) + "\" width=\"" + size + "\"" +
                    (linked ? " aria-hidden=\"true\" focusable=\"false\">" : " role=\"img\">") + "<title>" +
                    escape_markup(title) + "</title>";
  int y = 0;
  for (const auto& bar : chart.bars) {
    // Integer arithmetic keeps the output identical on every machine.
    const size_t full = static_cast<size_t>(width - value_room);
    const size_t length = bar.value == 0 ? 0 : std::max<size_t>(2, bar.value * full / largest);
    const std::string top = std::to_string(y + 19);
    if (!bar.url.empty())
      out += "<a class=\"bar-link\" href=\"" + escape_markup(bar.url) + "\" tabindex=\"-1\">";
    out += "<text class=\"bar-label\" x=\"0\" y=\"" + std::to_string(y + 14) + "\">" +
           escape_markup(fitted_label(bar.label, max_label_chars)) + "</text>";
    out += "<rect class=\"bar\" x=\"0\" y=\"" + top + "\" width=\"" + std::to_string(length) + "\" height=\"" +
           std::to_string(bar_height) + "\" rx=\"2\"/>";
    out += "<text class=\"bar-value\" x=\"" + std::to_string(length + 6) + "\" y=\"" + std::to_string(y + 28) +
           "\">" + std::to_string(bar.value) + "</text>";
    if (!bar.url.empty()) out += "</a>";
    y += row_height;
  }
  return out + "</svg>";
}

}  // namespace passerelle::charts
