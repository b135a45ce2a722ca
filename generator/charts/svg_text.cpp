#include "charts/svg_text.h"

namespace passerelle::charts {

std::string count_phrase(size_t count, std::string_view singular, std::string_view plural) {
  return std::to_string(count) + " " + std::string(count == 1 ? singular : plural);
}

}  // namespace passerelle::charts
