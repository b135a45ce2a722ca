#include "charts/europe_map.h"

#include <algorithm>
#include <map>

#include "charts/svg_text.h"
#include "util/escape.h"

namespace passerelle::charts {

namespace {

struct Cell {
  int column, row;
};

// Columns run west to east, rows north to south; laid out by hand so that
// neighbours stay neighbours where the grid allows.
const std::map<std::string, Cell>& grid() {
  static const std::map<std::string, Cell> cells = {
      {"IS", {0, 0}}, {"NO", {3, 0}}, {"SE", {4, 0}}, {"FI", {5, 0}}, {"EE", {6, 0}}, {"IE", {0, 1}},
      {"GB", {1, 1}}, {"DK", {4, 1}}, {"LV", {6, 1}}, {"NL", {3, 2}}, {"DE", {4, 2}}, {"PL", {5, 2}},
      {"LT", {6, 2}}, {"BE", {3, 3}}, {"LU", {4, 3}}, {"CZ", {5, 3}}, {"SK", {6, 3}}, {"UA", {7, 3}},
      {"FR", {2, 4}}, {"CH", {3, 4}}, {"LI", {4, 4}}, {"AT", {5, 4}}, {"HU", {6, 4}}, {"RO", {7, 4}},
      {"MD", {8, 4}}, {"PT", {1, 5}}, {"ES", {2, 5}}, {"IT", {4, 5}}, {"SI", {5, 5}}, {"HR", {6, 5}},
      {"RS", {7, 5}}, {"BG", {8, 5}}, {"TR", {9, 5}}, {"MT", {4, 6}}, {"BA", {6, 6}}, {"ME", {7, 6}},
      {"MK", {8, 6}}, {"AL", {7, 7}}, {"GR", {8, 7}}, {"CY", {9, 7}},
  };
  return cells;
}

constexpr int columns = 10;
constexpr int rows = 8;
constexpr int cell = 44;  // user units per grid step
constexpr int tile = 40;  // the square inside it

}  // namespace

int shade_of(size_t count, size_t largest) {
  if (count == 0) return 0;
  largest = std::max(largest, count);
  for (int s = 1; s < 5; ++s)
    if (count * 25 <= largest * static_cast<size_t>(s * s)) return s;
  return 5;
}

std::vector<LegendStep> map_legend(size_t largest) {
  std::vector<LegendStep> steps = {{0, 0, 0}};
  if (largest == 0) return steps;
  for (int s = 1; s <= 5; ++s) {
    const size_t from = largest * static_cast<size_t>((s - 1) * (s - 1)) / 25 + 1;
    const size_t to = s == 5 ? largest : largest * static_cast<size_t>(s * s) / 25;
    if (from <= to) steps.push_back({s, from, to});
  }
  return steps;
}

std::string europe_map_svg(const std::vector<MapCountry>& countries) {
  size_t largest = 0;
  for (const auto& c : countries) largest = std::max(largest, c.count);
  // Countries off the grid go on extra rows below it, in the order given.
  int extra = 0;
  for (const auto& c : countries) extra += grid().count(c.code) == 0;
  const int total_rows = rows + (extra + columns - 1) / columns;
  const int width = columns * cell - (cell - tile);
  const int height = total_rows * cell - (cell - tile);

  std::string out = "<svg class=\"chart europe-map\" viewBox=\"0 0 " + std::to_string(width) + " " +
                    std::to_string(height) + "\" width=\"" + std::to_string(width) + "\" height=\"" +
                    std::to_string(height) + "\" aria-hidden=\"true\" focusable=\"false\">";
  int placed = 0;
  for (const auto& c : countries) {
    Cell at{0, 0};
    if (auto it = grid().find(c.code); it != grid().end()) at = it->second;
    else {
      at = {placed % columns, rows + placed / columns};
      ++placed;
    }
    const int x = at.column * cell, y = at.row * cell;
    const std::string middle = std::to_string(x + tile / 2);
    out += "<a class=\"tile m" + std::to_string(shade_of(c.count, largest)) + "\" href=\"" +
           escape_markup(c.url) + "\" tabindex=\"-1\"><title>" +
           escape_markup(c.title.empty() ? c.label + ": " + count_phrase(c.count) : c.title) + "</title>";
    out += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
           std::to_string(tile) + "\" height=\"" + std::to_string(tile) + "\" rx=\"4\"/>";
    out += "<text class=\"code\" x=\"" + middle + "\" y=\"" + std::to_string(y + (c.count ? 18 : 25)) + "\">" +
           escape_markup(c.code) + "</text>";
    if (c.count)
      out += "<text class=\"n\" x=\"" + middle + "\" y=\"" + std::to_string(y + 33) + "\">" +
             std::to_string(c.count) + "</text>";
    out += "</a>";
  }
  return out + "</svg>";
}

}  // namespace passerelle::charts
