#include "charts/svg_text.h"

#include "util/escape.h"
namespace passerelle::charts {

std::string svg_escape(std::string_view text) { return escape_markup(text); }

std::string count_phrase(size_t count, std::string_view singular, std::string_view plural) {
  return std::to_string(count) + " " + std::string(count == 1 ? singular : plural);
}

}  // namespace passerelle::charts
