#include "search/frequent_groups.h"

#include <algorithm>

namespace passerelle::search {

namespace {

std::vector<uint32_t> best_records(const TermGroup& group, size_t count) {
  std::vector<Posting> postings = group.postings;
  count = std::min(count, postings.size());
  std::partial_sort(postings.begin(), postings.begin() + static_cast<std::ptrdiff_t>(count), postings.end(),
                    [](const Posting& a, const Posting& b) {
                      return a.impact != b.impact ? a.impact > b.impact : a.doc < b.doc;
                    });
  std::vector<uint32_t> docs;
  for (size_t i = 0; i < count; ++i) docs.push_back(postings[i].doc);
  return docs;
}

// For each record, its facet values as (facet, value) packed in one number,
// all records' in one array.
struct FacetValues {
  std::vector<uint32_t> start;  // record → first of its values; one more at the end
  std::vector<uint32_t> values;
};

FacetValues facet_values(const std::vector<Facet>& facets, uint32_t doc_count) {
  std::vector<std::vector<uint32_t>> of(doc_count);
  for (uint32_t f = 0; f < facets.size(); ++f)
    for (uint32_t v = 0; v < facets[f].values.size(); ++v)
      for (uint32_t doc : facets[f].values[v].docs) of[doc].push_back(f << 16 | v);
  FacetValues out;
  for (const auto& values : of) {
    out.start.push_back(static_cast<uint32_t>(out.values.size()));
    out.values.insert(out.values.end(), values.begin(), values.end());
  }
  out.start.push_back(static_cast<uint32_t>(out.values.size()));
  return out;
}

}  // namespace

std::map<uint32_t, FrequentGroup> frequent_groups(const InvertedIndex& index, const std::vector<Facet>& facets,
                                                  const std::vector<size_t>& record_bytes, size_t budget,
                                                  const FrequentLimits& limits) {
  std::vector<uint32_t> order(index.groups.size());
  for (uint32_t g = 0; g < order.size(); ++g) order[g] = g;
  auto frequency = [&](uint32_t g) { return index.groups[g].postings.size(); };
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return frequency(a) > frequency(b); });

  std::map<uint32_t, FrequentGroup> chosen;
  for (uint32_t g : order) {
    if (frequency(g) < limits.min_records) break;
    std::vector<uint32_t> best = best_records(index.groups[g], limits.best_records);
    size_t bytes = 0;
    for (uint32_t doc : best) bytes += record_bytes[doc];
    if (bytes > budget) break;
    budget -= bytes;
    chosen[g].best = std::move(best);
  }
  if (chosen.empty()) return chosen;

  const FacetValues values = facet_values(facets, index.doc_count);
  for (auto& [g, group] : chosen) {
    for (const Facet& facet : facets) group.counts.emplace_back(facet.values.size(), 0);
    for (const Posting& p : index.groups[g].postings)
      for (uint32_t i = values.start[p.doc]; i < values.start[p.doc + 1]; ++i)
        ++group.counts[values.values[i] >> 16][values.values[i] & 0xFFFF];
  }
  return chosen;
}

}  // namespace passerelle::search
