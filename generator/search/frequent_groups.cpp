#include "search/frequent_groups.h"

#include <algorithm>
#include <array>
#include <set>

#include "search/query_matcher.h"
#include "util/parallel.h"

namespace passerelle::search {

namespace {

// Highest impact first, then catalogue order: impacts take 16 values, so the
// best are found by counting, in one pass over the postings, not by sorting.
std::vector<uint32_t> best_records(const TermGroup& group, size_t count) {
  std::array<size_t, kImpactLevels + 2> at_least{};  // [level]: postings of that impact or more
  for (const Posting& p : group.postings) ++at_least[p.impact];
  for (size_t level = kImpactLevels; level-- > 0;) at_least[level] += at_least[level + 1];
  count = std::min(count, group.postings.size());
  // The lowest impact that makes the cut, and how many of it do.
  size_t lowest = kImpactLevels;
  while (lowest > 1 && at_least[lowest] < count) --lowest;
  const size_t of_lowest = count - at_least[lowest + 1];
  std::vector<std::vector<uint32_t>> by_level(kImpactLevels + 1);
  for (const Posting& p : group.postings)
    if (p.impact > lowest || (p.impact == lowest && by_level[lowest].size() < of_lowest))
      by_level[p.impact].push_back(p.doc);
  std::vector<uint32_t> docs;
  docs.reserve(count);
  for (size_t level = kImpactLevels; level >= lowest && level > 0; --level)
    docs.insert(docs.end(), by_level[level].begin(), by_level[level].end());
  return docs;
}

// For each record, its facet values, each as one number (the value's place
// among all facets' values), all records' in one array.
struct FacetValues {
  std::vector<uint32_t> start;  // record → first of its values; one more at the end
  std::vector<uint32_t> values;
  uint32_t count = 0;            // values of all facets
  std::vector<uint32_t> totals;  // value → its records
};

FacetValues facet_values(const std::vector<Facet>& facets, uint32_t doc_count) {
  FacetValues out;
  out.start.assign(doc_count + 1, 0);
  for (const Facet& facet : facets)
    for (const FacetValue& value : facet.values)
      for (uint32_t doc : value.docs) ++out.start[doc + 1];
  for (uint32_t d = 0; d < doc_count; ++d) out.start[d + 1] += out.start[d];
  out.values.resize(out.start[doc_count]);
  std::vector<uint32_t> next(out.start.begin(), out.start.end() - 1);
  for (const Facet& facet : facets)
    for (const FacetValue& value : facet.values) {
      for (uint32_t doc : value.docs) out.values[next[doc]++] = out.count;
      out.totals.push_back(static_cast<uint32_t>(value.docs.size()));
      ++out.count;
    }
  return out;
}

// For each facet value, how many of `docs` (ascending, distinct) have it.
std::vector<std::vector<uint32_t>> count_values(const FacetValues& values, const std::vector<Facet>& facets,
                                                const std::vector<uint32_t>& docs) {
  const uint32_t doc_count = static_cast<uint32_t>(values.start.size() - 1);
  std::vector<uint32_t> counts;
  if (docs.size() * 2 <= doc_count) {
    counts.assign(values.count, 0);
    for (uint32_t doc : docs)
      for (uint32_t k = values.start[doc]; k < values.start[doc + 1]; ++k) ++counts[values.values[k]];
  } else {  // most records: count those it misses, fewer
    counts = values.totals;
    size_t j = 0;
    for (uint32_t doc = 0; doc < doc_count; ++doc) {
      if (j < docs.size() && docs[j] == doc) {
        ++j;
        continue;
      }
      for (uint32_t k = values.start[doc]; k < values.start[doc + 1]; ++k) --counts[values.values[k]];
    }
  }
  std::vector<std::vector<uint32_t>> out;
  auto next = counts.begin();
  for (const Facet& facet : facets) {
    out.emplace_back(next, next + static_cast<std::ptrdiff_t>(facet.values.size()));
    next += static_cast<std::ptrdiff_t>(facet.values.size());
  }
  return out;
}

}  // namespace

std::map<uint32_t, FrequentGroup> frequent_groups(const InvertedIndex& index, const std::vector<Facet>& facets,
                                                  const std::vector<size_t>& record_bytes, size_t budget,
                                                  const FrequentLimits& limits) {
  // Groups worth it, most frequent first (then in the index's order).
  auto frequency = [&](uint32_t g) { return index.groups[g].postings.size(); };
  std::vector<uint32_t> groups;
  for (uint32_t g = 0; g < index.groups.size(); ++g)
    if (frequency(g) >= limits.min_records) groups.push_back(g);
  std::stable_sort(groups.begin(), groups.end(),
                   [&](uint32_t a, uint32_t b) { return frequency(a) > frequency(b); });

  // The groups' best records, a batch at a time on every core, while the budget lasts.
  std::vector<FrequentGroup> made(groups.size());
  size_t taken = 0;
  for (bool full = false; !full && taken < groups.size();) {
    const size_t batch_end = std::min(groups.size(), taken + 64);
    parallel_slices(batch_end - taken, [&](size_t begin, size_t end) {
      for (size_t i = taken + begin; i < taken + end; ++i)
        made[i].best = best_records(index.groups[groups[i]], limits.best_records);
    });
    for (; taken < batch_end; ++taken) {
      size_t bytes = 0;
      for (uint32_t doc : made[taken].best) bytes += record_bytes[doc];
      if (bytes > budget) {
        full = true;
        break;
      }
      budget -= bytes;
    }
  }
  if (taken == 0) return {};

  const FacetValues values = facet_values(facets, index.doc_count);
  parallel_slices(taken, [&](size_t begin, size_t end) {
    std::vector<uint32_t> docs;
    for (size_t i = begin; i < end; ++i) {
      docs.clear();
      for (const Posting& p : index.groups[groups[i]].postings) docs.push_back(p.doc);
      made[i].counts = count_values(values, facets, docs);
    }
  });
  std::map<uint32_t, FrequentGroup> chosen;
  for (size_t i = 0; i < taken; ++i) chosen.emplace(groups[i], std::move(made[i]));
  return chosen;
}

std::map<std::vector<uint32_t>, std::vector<std::vector<uint32_t>>> word_group_counts(
    const InvertedIndex& index, const std::vector<Facet>& facets, const std::map<uint32_t, FrequentGroup>& frequent) {
  // The sets, from the words of frequent groups, finished and being typed.
  std::set<std::vector<uint32_t>> sets;
  for (const auto& [word, groups] : index.words) {
    if (is_number(word) ||
        std::none_of(groups.begin(), groups.end(), [&](uint32_t g) { return frequent.count(g) > 0; }))
      continue;
    for (bool prefix : {false, true}) {
      std::set<uint32_t> set;
      for (const WordMatch& match : match_word(index, {word, prefix}))
        set.insert(index.words.at(match.word).begin(), index.words.at(match.word).end());
      if (set.size() > 1) sets.emplace(set.begin(), set.end());
    }
  }
  std::vector<std::vector<uint32_t>> keys(sets.begin(), sets.end());
  std::vector<std::vector<std::vector<uint32_t>>> counts(keys.size());
  const FacetValues values = facet_values(facets, index.doc_count);
  parallel_slices(keys.size(), [&](size_t begin, size_t end) {
    std::vector<uint8_t> held(index.doc_count);
    std::vector<uint32_t> docs;
    for (size_t i = begin; i < end; ++i) {
      docs.clear();
      for (uint32_t g : keys[i])
        for (const Posting& p : index.groups[g].postings)
          if (!held[p.doc]) {
            held[p.doc] = 1;
            docs.push_back(p.doc);
          }
      for (uint32_t doc : docs) held[doc] = 0;
      std::sort(docs.begin(), docs.end());
      counts[i] = count_values(values, facets, docs);
    }
  });
  std::map<std::vector<uint32_t>, std::vector<std::vector<uint32_t>>> out;
  for (size_t i = 0; i < keys.size(); ++i) out.emplace(std::move(keys[i]), std::move(counts[i]));
  return out;
}

std::map<std::map<uint32_t, double>, FirstPage> first_pages(const InvertedIndex& index,
                                                            const std::map<uint32_t, FrequentGroup>& frequent,
                                                            const std::vector<unsigned>& ranks, size_t records) {
  std::set<std::map<uint32_t, double>> queries;
  for (const auto& [word, groups] : index.words) {
    if (is_number(word) ||
        std::none_of(groups.begin(), groups.end(), [&](uint32_t g) { return frequent.count(g) > 0; }))
      continue;
    for (bool prefix : {false, true}) {
      std::map<uint32_t, double> weights = group_weights(index, {word, prefix});
      // Those whose facet counts travel too: else the page needs the postings anyway.
      if (weights.size() > 1 || (weights.size() == 1 && frequent.count(weights.begin()->first) > 0))
        queries.insert(std::move(weights));
    }
  }
  std::vector<std::map<uint32_t, double>> keys(queries.begin(), queries.end());
  std::vector<FirstPage> pages(keys.size());
  parallel_slices(keys.size(), [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      std::vector<Hit> hits = matching(index, {keys[i]}, ranks);
      const size_t shown = std::min(records, hits.size());
      std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(shown), hits.end(), ranks_before);
      pages[i].count = hits.size();
      for (size_t k = 0; k < shown; ++k) pages[i].docs.push_back(hits[k].doc);
    }
  });
  std::map<std::map<uint32_t, double>, FirstPage> out;
  for (size_t i = 0; i < keys.size(); ++i) out.emplace(std::move(keys[i]), std::move(pages[i]));
  return out;
}

}  // namespace passerelle::search
