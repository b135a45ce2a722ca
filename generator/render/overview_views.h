// The figures of the overview pages: where records are (a map of Europe) and
// what a country's records are about (bar charts), each with its numbers as
// data for a text equivalent.
//
// Counts are taken over the records given (all of them for the home page,
// those tagged with a term for a term page), a record counting once per
// country, theme or actor type it is tagged with. The SVG comes from the
// charts stage; this file decides what is counted and where each count
// links. Called once per overview page (the home page and ~90 term pages),
// never per record page.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "render/view_model.h"

namespace passerelle {

// {svg, legend: [{shade, label}], countries: [{label, url, count}]} where
// `countries` lists those with at least one record, in vocabulary order.
nlohmann::json map_view(const ViewModel& views, const std::vector<size_t>& indices, const std::string& root);

// The records of one country by collection, theme and actor type:
// [{id, title, dimension, svg, rows: [{label, url, count}]}], charts with no
// bar left out. Collection rows link to the page's own sections (#<id>);
// theme and actor rows to the search page filtered by country and term.
nlohmann::json country_charts(const ViewModel& views, const Term& country,
                              const std::vector<size_t>& indices, const std::string& root);

}  // namespace passerelle
