#include "render/overview_views.h"

#include <algorithm>
#include <map>

#include "charts/bar_chart.h"
#include "charts/europe_map.h"

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

std::string range_label(const charts::LegendStep& step) {
  if (step.shade == 0) return "none";
  if (step.from == step.to) return std::to_string(step.from);
  return std::to_string(step.from) + "–" + std::to_string(step.to);
}

json chart(const std::string& id, const std::string& title, const std::string& dimension,
           const std::vector<charts::Bar>& bars, json rows) {
  return {{"id", id},
          {"title", title},
          {"dimension", dimension},
          {"svg", charts::bar_chart_svg({title, bars})},
          {"rows", std::move(rows)}};
}

// Bars for the terms of `taxonomy` among `indices`, most records first.
json term_chart(const ViewModel& views, const Term& country, const std::vector<size_t>& indices,
                const std::string& taxonomy, const std::string& facet, const std::string& root) {
  const SiteModel& site = views.site();
  const auto counts = count_terms(site, indices, taxonomy);
  std::vector<std::pair<const Term*, size_t>> found;
  for (const auto& term : site.vocabularies.at(taxonomy).terms)
    if (auto it = counts.find(term.id); it != counts.end()) found.emplace_back(&term, it->second);
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<charts::Bar> bars;
  json rows = json::array();
  for (const auto& [term, n] : found) {
    const std::string label = term->label(site.config.language);
    bars.push_back({label, n});
    rows.push_back({{"label", label},
                    {"count", std::to_string(n)},
                    {"url", root + "search.html?country=" + country.id + "&" + facet + "=" + term->id}});
  }
  if (bars.empty()) return nullptr;
  const std::string dimension = taxonomy == "actors" ? "Actor type" : "Theme";
  return chart(taxonomy, "Records in " + country.label(site.config.language) + " by " + lowercase(dimension),
               dimension, bars, std::move(rows));
}

}  // namespace

json map_view(const ViewModel& views, const std::vector<size_t>& indices, const std::string& root) {
  const SiteModel& site = views.site();
  const auto counts = count_terms(site, indices, "countries");
  std::vector<charts::MapCountry> tiles;
  json listed = json::array();
  size_t largest = 0;
  auto vocabulary = site.vocabularies.find("countries");
  if (vocabulary != site.vocabularies.end())
    for (const auto& term : vocabulary->second.terms) {
      auto it = counts.find(term.id);
      const size_t n = it == counts.end() ? 0 : it->second;
      const std::string label = term.label(site.config.language);
      const std::string url = root + term_path("countries", term.id);
      tiles.push_back({term.id, label, n, url});
      largest = std::max(largest, n);
      if (n) listed.push_back({{"label", label}, {"url", url}, {"count", std::to_string(n)}});
    }
  json legend = json::array();
  for (const auto& step : charts::map_legend(largest))
    legend.push_back({{"shade", std::to_string(step.shade)}, {"label", range_label(step)}});
  return {{"svg", charts::europe_map_svg(tiles)}, {"legend", std::move(legend)}, {"countries", std::move(listed)}};
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
    bars.push_back({c.label, n});
    rows.push_back({{"label", c.label}, {"count", std::to_string(n)}, {"url", "#" + c.id}});
  }
  if (!bars.empty()) charts_out.push_back(chart("collections",
                                     "Records in " + country.label(site.config.language) + " by collection",
                                     "Collection", bars, rows));
  for (const auto& [taxonomy, facet] : {std::pair("themes", "theme"), std::pair("actors", "actor")})
    if (json c = term_chart(views, country, indices, taxonomy, facet, root); !c.is_null())
      charts_out.push_back(std::move(c));
  return charts_out;
}

}  // namespace passerelle
