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

// The search page's filters a page's links carry: {parameter, value}.
using SearchFilters = std::vector<std::pair<std::string, std::string>>;

// {svg, legend: [{shade, label}], countries: [{label, url, count}]} where
// `countries` lists those with at least one record, in vocabulary order.
// A country links to its page or, given `within`, to the search page with
// `within` and the country set: the records of a theme in that country.
nlohmann::json map_view(const ViewModel& views, const std::vector<size_t>& indices, const std::string& root,
                        const SearchFilters* within = nullptr);

// A column of a combination table: the records of some collections.
struct CombineColumn {
  std::string label;                     // "Practices"
  std::vector<std::string> collections;  // their ids
};

// How the records of a page (`indices`: a theme's, a section's) combine
// with the terms of another taxonomy: one row per term some of them have,
// most records first, one cell per column counting the records with the
// term in the column's collections, and a last cell for all of them (the
// records of `all_collections`, or of any collection when it is empty). Each
// count links to exactly those records: the search page with `base`, the
// term and the column's collections set.
// {id, title, dimension, columns: [{label}], rows: [{label, cells: [{count, linked, url, name}]}]},
// null when no record has a term of `taxonomy`.
nlohmann::json combine_table(const ViewModel& views, const std::vector<size_t>& indices,
                             const std::string& taxonomy, const SearchFilters& base,
                             const std::vector<CombineColumn>& columns,
                             const std::vector<std::string>& all_collections, const std::string& title,
                             const std::string& root);

// The records of one country by collection, theme and actor type:
// [{id, title, dimension, svg, rows: [{label, url, count}]}], charts with no
// bar left out. Collection rows link to the page's own sections (#<id>);
// theme and actor rows, and their bars, to the search page filtered by
// country and term.
nlohmann::json country_charts(const ViewModel& views, const Term& country, const std::vector<size_t>& indices,
                              const std::string& root);

}  // namespace passerelle
