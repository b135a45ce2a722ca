#include "render/overview_views.h"

#include <algorithm>
#include <map>

#include "charts/bar_chart.h"
#include "charts/europe_map.h"
#include "model/ui_strings.h"

namespace passerelle {

using nlohmann::json;

namespace {

// How many of `indices` (ascending, as the index keeps them) are tagged with
// each term of `taxonomy`. Counted from the index's own lists by merging two
// sorted lists per term, never by reading records: this runs for each of ~90
// overview pages over up to every record.
std::map<std::string, size_t> count_terms(const SiteModel& site, const std::vector<size_t>& indices,
                                          const std::string& taxonomy) {
  std::map<std::string, size_t> counts;
  auto tagged = site.index.by_term.find(taxonomy);
  if (tagged == site.index.by_term.end()) return counts;
  const bool all = indices.size() == site.records.size();
  for (const auto& [term, members] : tagged->second) {
    size_t n = 0;
    if (all) n = members.size();
    else
      for (auto a = indices.begin(), b = members.begin(); a != indices.end() && b != members.end();)
        if (*a < *b) ++a;
        else if (*b < *a) ++b;
        else ++n, ++a, ++b;
    if (n) counts[term] = n;
  }
  return counts;
}

// The records of `indices` (ascending) that `taxonomy` tags with each of its
// terms, for the terms that tag any.
std::map<std::string, std::vector<size_t>> shared_records(const SiteModel& site,
                                                          const std::vector<size_t>& indices,
                                                          const std::string& taxonomy) {
  std::map<std::string, std::vector<size_t>> shared;
  auto tagged = site.index.by_term.find(taxonomy);
  if (tagged == site.index.by_term.end()) return shared;
  for (const auto& [term, members] : tagged->second) {
    std::vector<size_t> both;
    std::set_intersection(indices.begin(), indices.end(), members.begin(), members.end(),
                          std::back_inserter(both));
    if (!both.empty()) shared.emplace(term, std::move(both));
  }
  return shared;
}

std::string range_label(const UiStrings& strings, const charts::LegendStep& step) {
  if (step.shade == 0) return strings.text("legend_none");
  const std::string from = strings.number(static_cast<long long>(step.from));
  if (step.from == step.to) return from;
  return from + "–" + strings.number(static_cast<long long>(step.to));
}

std::string number(const SiteModel& site, size_t n) { return site.strings.number(static_cast<long long>(n)); }

json chart(const std::string& id, const std::string& title, const std::string& dimension,
           const std::vector<charts::Bar>& bars, json rows) {
  return {{"id", id},
          {"title", title},
          {"dimension", dimension},
          {"svg", charts::bar_chart_svg({title, bars})},
          {"rows", std::move(rows)}};
}

// Bars for the terms of `taxonomy` among `indices`, most records first.
// Each bar links to the search page showing those records, or, where search
// does not filter by one of the two taxonomies, to the term's page.
json term_chart(const ViewModel& views, const Taxonomy& places, const Term& country,
                const std::vector<size_t>& indices, const std::string& taxonomy, const std::string& root) {
  const SiteModel& site = views.site();
  const auto counts = count_terms(site, indices, taxonomy);
  std::vector<std::pair<const Term*, size_t>> found;
  for (const auto& term : site.vocabularies.at(taxonomy).terms)
    if (auto it = counts.find(term.id); it != counts.end()) found.emplace_back(&term, it->second);
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<charts::Bar> bars;
  json rows = json::array();
  const std::string facet = views.facet_of(taxonomy);
  for (const auto& [term, n] : found) {
    const std::string label = term->label(site.config.language);
    std::string url = facet.empty() || places.facet.empty()
                          ? root + term_path(taxonomy, term->id)
                          : search_url(root, {{places.facet, country.id}, {facet, term->id}});
    bars.push_back({label, n, url});
    rows.push_back({{"label", label}, {"count", number(site, n)}, {"url", std::move(url)}});
  }
  if (bars.empty()) return nullptr;
  const std::string dimension = views.taxonomy_singular(taxonomy);
  const std::string title = site.strings.format(
      "records_in_by", {{"place", country.label(site.config.language)}, {"dimension", lowercase(dimension)}});
  return chart(taxonomy, title, dimension, bars, std::move(rows));
}

}  // namespace

json map_view(const ViewModel& views, const std::vector<size_t>& indices, const std::string& root,
              const SearchFilters* within) {
  const SiteModel& site = views.site();
  const Taxonomy* places = site.schema.map_taxonomy();
  if (!places) return nullptr;
  const auto counts = count_terms(site, indices, places->id);
  std::vector<charts::MapCountry> tiles;
  json listed = json::array();
  size_t largest = 0;
  auto vocabulary = site.vocabularies.find(places->id);
  if (vocabulary != site.vocabularies.end())
    for (const auto& term : vocabulary->second.terms) {
      auto it = counts.find(term.id);
      const size_t n = it == counts.end() ? 0 : it->second;
      const std::string label = term.label(site.config.language);
      std::string url = root + term_path(places->id, term.id);
      if (within && !places->facet.empty()) {
        SearchFilters filters = *within;
        filters.emplace_back(places->facet, term.id);
        url = search_url(root, filters);
      }
      tiles.push_back({term.id, label, n, url, label + ": " + site.strings.count("records_count", n)});
      largest = std::max(largest, n);
      if (n) listed.push_back({{"label", label}, {"url", url}, {"count", number(site, n)}});
    }
  json legend = json::array();
  for (const auto& step : charts::map_legend(largest))
    legend.push_back({{"shade", std::to_string(step.shade)}, {"label", range_label(site.strings, step)}});
  return {
      {"svg", charts::europe_map_svg(tiles)}, {"legend", std::move(legend)}, {"countries", std::move(listed)}};
}

json country_charts(const ViewModel& views, const Term& country, const std::vector<size_t>& indices,
                    const std::string& root) {
  const SiteModel& site = views.site();
  json charts_out = json::array();
  std::vector<charts::Bar> bars;
  json rows = json::array();
  for (const auto& c : site.schema.collections) {
    size_t n = 0;
    for (size_t i : indices) n += site.records[i].collection == c.id;
    if (!n) continue;
    bars.push_back({c.label, n, "#" + c.id});
    rows.push_back({{"label", c.label}, {"count", number(site, n)}, {"url", "#" + c.id}});
  }
  if (!bars.empty())
    charts_out.push_back(
        chart("collections",
              site.strings.format("records_in_by", {{"place", country.label(site.config.language)},
                                                    {"dimension", site.strings.text("collection_dimension")}}),
              site.strings.text("collection"), bars, rows));
  const Taxonomy* places = site.schema.map_taxonomy();
  if (!places) return charts_out;
  for (const auto& taxonomy : site.schema.taxonomies)
    if (&taxonomy != places)
      if (json c = term_chart(views, *places, country, indices, taxonomy.id, root); !c.is_null())
        charts_out.push_back(std::move(c));
  return charts_out;
}

json combine_table(const ViewModel& views, const std::vector<size_t>& indices, const std::string& taxonomy,
                   const SearchFilters& base, const std::vector<CombineColumn>& columns,
                   const std::vector<std::string>& all_collections, const std::string& title,
                   const std::string& root) {
  const SiteModel& site = views.site();
  const std::string facet = views.facet_of(taxonomy);
  if (facet.empty()) return nullptr;  // its cells would link to search views that cannot be made
  const auto shared = shared_records(site, indices, taxonomy);
  if (shared.empty()) return nullptr;
  std::map<std::string, size_t> column_of;  // collection → column
  for (size_t k = 0; k < columns.size(); ++k)
    for (const auto& c : columns[k].collections) column_of.emplace(c, k);
  auto cell = [&](size_t n, SearchFilters filters, const std::string& name) {
    return json{
        {"count", number(site, n)}, {"linked", n > 0}, {"url", search_url(root, filters)}, {"name", name}};
  };
  struct Row {
    const Term* term;
    std::vector<size_t> counts;
    size_t total;
  };
  std::vector<Row> found;
  for (const auto& term : site.vocabularies.at(taxonomy).terms) {
    auto it = shared.find(term.id);
    if (it == shared.end()) continue;
    Row row{&term, std::vector<size_t>(columns.size()), it->second.size()};
    for (size_t i : it->second)
      if (auto k = column_of.find(site.records[i].collection); k != column_of.end()) ++row.counts[k->second];
    found.push_back(std::move(row));
  }
  std::stable_sort(found.begin(), found.end(), [](const Row& a, const Row& b) { return a.total > b.total; });
  json header = json::array();
  for (const auto& column : columns) header.push_back({{"label", column.label}});
  header.push_back({{"label", site.strings.text("all")}});
  json rows = json::array();
  for (const Row& row : found) {
    const std::string label = row.term->label(site.config.language);
    SearchFilters with_term = base;
    with_term.emplace_back(facet, row.term->id);
    json cells = json::array();
    for (size_t k = 0; k < columns.size(); ++k) {
      SearchFilters filters = with_term;
      for (const auto& c : columns[k].collections) filters.emplace_back("collection", c);
      cells.push_back(cell(row.counts[k], std::move(filters), columns[k].label + ", " + label));
    }
    for (const auto& c : all_collections) with_term.emplace_back("collection", c);
    cells.push_back(
        cell(row.total, std::move(with_term), site.strings.format("all_records_of", {{"label", label}})));
    rows.push_back({{"label", label}, {"cells", std::move(cells)}});
  }
  return {{"id", taxonomy},
          {"title", title},
          {"dimension", views.taxonomy_singular(taxonomy)},
          {"columns", std::move(header)},
          {"rows", std::move(rows)}};
}

}  // namespace passerelle
