// Small helpers shared by the chart writers.
//
// Charts are SVG written as text by the generator, embedded in HTML pages.
// Every label that comes from the catalogue goes through escape_markup() (util/escape.h); the
// numbers and class names the charts write themselves need no escaping.
#pragma once

#include <string>
#include <string_view>

namespace passerelle::charts {

// "1 record", "12 records".
std::string count_phrase(size_t count, std::string_view singular = "record",
                         std::string_view plural = "records");

// `label` as a line of at most `max_chars` code points: SVG text does not
// wrap, so a longer one is cut at its last space that fits (else at the
// limit) and ends with "…". Whoever draws it says the whole label elsewhere
// (the chart's title, its table).
std::string fitted_label(std::string_view label, size_t max_chars);

}  // namespace passerelle::charts
