#include "charts/svg_text.h"

#include <vector>

#include "util/text.h"

namespace passerelle::charts {

std::string count_phrase(size_t count, std::string_view singular, std::string_view plural) {
  return std::to_string(count) + " " + std::string(count == 1 ? singular : plural);
}

std::string fitted_label(std::string_view label, size_t max_chars) {
  const std::vector<size_t> starts = code_point_starts(label);
  if (starts.size() <= max_chars || max_chars < 2) return std::string(label);
  size_t cut = starts[max_chars - 1];  // room for the ellipsis
  if (const size_t space = label.rfind(' ', cut); space != std::string_view::npos && space > cut / 2)
    cut = space;
  std::string_view kept = label.substr(0, cut);
  while (!kept.empty() && (kept.back() == ' ' || kept.back() == ',' || kept.back() == '-'))
    kept.remove_suffix(1);
  return std::string(kept) + "…";
}

}  // namespace passerelle::charts
