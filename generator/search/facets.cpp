#include "search/facets.h"

#include <algorithm>
#include <map>

#include "model/ui_strings.h"

namespace passerelle::search {

namespace {

Facet collection_facet(const SiteModel& site) {
  Facet facet{"collection", site.strings.text("collection"), {}, false};
  std::map<std::string, size_t> position;
  for (const auto& c : site.schema.collections) {
    position[c.id] = facet.values.size();
    facet.values.push_back({c.id, c.label, {}});
  }
  for (uint32_t i = 0; i < site.records.size(); ++i)
    if (auto it = position.find(site.records[i].collection); it != position.end())
      facet.values[it->second].docs.push_back(i);
  return facet;
}

Facet taxonomy_facet(const SiteModel& site, const Taxonomy& taxonomy) {
  Facet facet{taxonomy.facet, taxonomy.singular, {}, taxonomy.map};
  auto vocabulary = site.vocabularies.find(taxonomy.id);
  if (vocabulary == site.vocabularies.end()) return facet;
  for (const auto& term : vocabulary->second.terms) {
    FacetValue value{term.id, term.label(site.config.language), {}};
    for (size_t doc : site.index.tagged(taxonomy.id, term.id)) value.docs.push_back(static_cast<uint32_t>(doc));
    std::sort(value.docs.begin(), value.docs.end());
    facet.values.push_back(std::move(value));
  }
  return facet;
}

int year_of(const nlohmann::json& period, const char* key) {
  auto it = period.find(key);
  return it != period.end() && it->is_number_integer() ? it->get<int>() : 0;
}

Facet period_facet(const SiteModel& site) {
  std::map<int, std::vector<uint32_t>> decades;
  for (uint32_t i = 0; i < site.records.size(); ++i) {
    auto period = site.records[i].fields.find("period");
    if (period == site.records[i].fields.end() || !period->is_object()) continue;
    int start = year_of(*period, "start");
    int end = year_of(*period, "end");
    if (start == 0) start = end;
    if (end == 0) end = start;
    if (start == 0) continue;
    if (end < start) std::swap(start, end);
    for (int decade = start / 10 * 10; decade <= end / 10 * 10; decade += 10) decades[decade].push_back(i);
  }
  Facet facet{"period", site.strings.text("period"), {}, false};
  for (auto& [decade, docs] : decades) {
    const std::string name = std::to_string(decade) + "s";
    facet.values.push_back({name, name, std::move(docs)});
  }
  return facet;
}

}  // namespace

std::vector<Facet> build_facets(const SiteModel& site) {
  std::vector<Facet> facets = {collection_facet(site)};
  for (const auto& taxonomy : site.schema.taxonomies)
    if (!taxonomy.facet.empty()) facets.push_back(taxonomy_facet(site, taxonomy));
  facets.push_back(period_facet(site));
  for (Facet& facet : facets)
    std::erase_if(facet.values, [](const FacetValue& value) { return value.docs.empty(); });
  return facets;
}

}  // namespace passerelle::search
