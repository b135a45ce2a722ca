#include "search/inverted_index.h"

#include <cmath>
#include <string_view>
#include <tuple>
#include <utility>

namespace passerelle::search {

namespace {

struct GroupName {
  std::string_view stem, language;
  uint32_t slice, local;
};

// One sorted list from sorted lists.
template <typename T, typename Less>
std::vector<T> merged(std::vector<std::vector<T>> lists, Less less) {
  if (lists.empty()) return {};
  std::vector<T> out = std::move(lists[0]);
  for (size_t i = 1; i < lists.size(); ++i) {
    std::vector<T> both(out.size() + lists[i].size());
    std::merge(out.begin(), out.end(), lists[i].begin(), lists[i].end(), both.begin(), less);
    out = std::move(both);
  }
  return out;
}

std::pair<std::string_view, std::string_view> split_key(const std::string& key) {
  const size_t colon = key.find(':');
  return {std::string_view(key).substr(0, colon), std::string_view(key).substr(colon + 1)};
}

}  // namespace

uint8_t impact(const FieldCounts& frequencies, const FieldCounts& lengths,
               const std::array<double, kFieldCount>& average_lengths) {
  double weighted = 0;
  for (size_t f = 0; f < kFieldCount; ++f) {
    if (frequencies[f] == 0) continue;
    const auto [weight, b] = kFieldWeights[f];
    const double average = average_lengths[f] > 0 ? average_lengths[f] : 1.0;
    weighted += weight * frequencies[f] / (1.0 - b + b * lengths[f] / average);
  }
  const double saturated = weighted / (weighted + kK1);  // in [0, 1)
  constexpr int half = static_cast<int>(kImpactLevels / 2);
  const int level = std::clamp(static_cast<int>(std::ceil(saturated * half)), 1, half);
  const bool strong =
      frequencies[static_cast<size_t>(Field::title)] > 0 || frequencies[static_cast<size_t>(Field::tags)] > 0;
  return static_cast<uint8_t>(strong ? half + level : level);
}

void IndexSlice::add(const SearchDocument& doc) {
  constexpr uint32_t absent = UINT32_MAX;
  const size_t begin = terms_.size();
  FieldCounts& lengths = lengths_.emplace_back();
  auto count_term = [&](const AnalysedWord& term, size_t field) {
    if (term.group >= position_.size()) position_.resize(term.group + 1, absent);
    uint32_t& at = position_[term.group];
    if (at == absent) {
      at = static_cast<uint32_t>(terms_.size());
      terms_.push_back({term.group, {}});
    }
    auto& frequency = terms_[at].frequencies[field];
    if (frequency < UINT16_MAX) ++frequency;
    ++lengths[field];
  };
  auto count = [&](std::string_view text, Field f, const std::string& language) {
    const auto field = static_cast<size_t>(f);
    analyser_.for_each(text, language, [&](const AnalysedWord& term) { count_term(term, field); });
  };
  for (const TextPart& part : doc.parts)
    count(part.text, part.field, part.language.empty() ? doc.language : part.language);
  count(doc.body_text, Field::body, doc.language);
  for (const std::string& code : doc.codes)
    count_term(analyser_.literal(code), static_cast<size_t>(Field::tags));
  for (size_t t = begin; t < terms_.size(); ++t) position_[terms_[t].group] = absent;
  ends_.push_back(static_cast<uint32_t>(terms_.size()));
}

InvertedIndex merge_slices(std::vector<IndexSlice> slices) {
  InvertedIndex index;
  for (const IndexSlice& slice : slices) index.doc_count += static_cast<uint32_t>(slice.ends_.size());

  // Number the groups by stem, then language, whatever the slices called them.
  std::vector<std::vector<GroupName>> per_slice(slices.size());
  parallel_slices(slices.size(), [&](size_t first, size_t last) {
    for (size_t s = first; s < last; ++s) {
      for (uint32_t g = 0; g < slices[s].analyser_.group_count(); ++g) {
        const auto [language, stem] = split_key(slices[s].analyser_.group_key(g));
        per_slice[s].push_back({stem, language, static_cast<uint32_t>(s), g});
      }
      std::sort(per_slice[s].begin(), per_slice[s].end(), [](const GroupName& a, const GroupName& b) {
        return std::tie(a.stem, a.language) < std::tie(b.stem, b.language);
      });
    }
  });
  const std::vector<GroupName> names = merged(std::move(per_slice), [](const GroupName& a, const GroupName& b) {
    return std::tie(a.stem, a.language, a.slice) < std::tie(b.stem, b.language, b.slice);
  });
  std::vector<std::vector<uint32_t>> renumber(slices.size());
  for (uint32_t s = 0; s < slices.size(); ++s) renumber[s].resize(slices[s].analyser_.group_count());
  for (size_t i = 0; i < names.size(); ++i) {
    if (i == 0 || names[i].stem != names[i - 1].stem || names[i].language != names[i - 1].language)
      index.groups.push_back({std::string(names[i].language), std::string(names[i].stem), {}});
    renumber[names[i].slice][names[i].local] = static_cast<uint32_t>(index.groups.size() - 1);
  }

  // Average lengths over the records that have the field: an optional field
  // (summary, names) must not look long wherever it is present.
  std::array<double, kFieldCount> averages{};
  std::array<size_t, kFieldCount> present{};
  for (const IndexSlice& slice : slices)
    for (const FieldCounts& lengths : slice.lengths_)
      for (size_t f = 0; f < kFieldCount; ++f) {
        averages[f] += lengths[f];
        present[f] += lengths[f] > 0;
      }
  for (size_t f = 0; f < kFieldCount; ++f) averages[f] /= static_cast<double>(std::max<size_t>(1, present[f]));

  // Where each slice's postings go in each group's list: slices hold
  // consecutive documents, so their runs, one after the other, come out sorted.
  const size_t group_count = index.groups.size();
  std::vector<std::vector<uint32_t>> offset(slices.size(), std::vector<uint32_t>(group_count, 0));
  for (size_t s = 0; s < slices.size(); ++s)
    for (const IndexSlice::DocTerm& term : slices[s].terms_) ++offset[s][renumber[s][term.group]];
  for (size_t g = 0; g < group_count; ++g) {
    uint32_t total = 0;
    for (size_t s = 0; s < slices.size(); ++s) total += std::exchange(offset[s][g], total);
    index.groups[g].postings.resize(total);
  }
  std::vector<uint32_t> first_doc(slices.size(), 0);
  for (size_t s = 1; s < slices.size(); ++s)
    first_doc[s] = first_doc[s - 1] + static_cast<uint32_t>(slices[s - 1].ends_.size());
  parallel_slices(slices.size(), [&](size_t first, size_t last) {
    for (size_t s = first; s < last; ++s) {
      IndexSlice& slice = slices[s];
      uint32_t begin = 0;
      for (size_t d = 0; d < slice.ends_.size(); ++d) {
        const FieldCounts& lengths = slice.lengths_[d];
        for (uint32_t t = begin; t < slice.ends_[d]; ++t) {
          const IndexSlice::DocTerm& term = slice.terms_[t];
          const uint32_t g = renumber[s][term.group];
          const FieldCounts frequencies = {term.frequencies[0], term.frequencies[1], term.frequencies[2],
                                           term.frequencies[3], term.frequencies[4]};
          index.groups[g].postings[offset[s][g]++] = {first_doc[s] + static_cast<uint32_t>(d),
                                                      impact(frequencies, lengths, averages)};
        }
        begin = slice.ends_[d];
      }
      slice.terms_ = {};  // large catalogues hold millions of these
      slice.lengths_ = {};
      slice.ends_ = {};
    }
  });
  offset = {};

  // Each folded word with its groups, in order.
  using WordGroup = std::pair<std::string_view, uint32_t>;
  std::vector<std::vector<WordGroup>> slice_words(slices.size());
  parallel_slices(slices.size(), [&](size_t first, size_t last) {
    for (size_t s = first; s < last; ++s) {
      slices[s].analyser_.for_each_known_term(
          [&](const AnalysedWord& term) { slice_words[s].emplace_back(term.word, renumber[s][term.group]); });
      std::sort(slice_words[s].begin(), slice_words[s].end());
    }
  });
  std::vector<WordGroup> words = merged(std::move(slice_words), std::less<>());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  for (size_t i = 0; i < words.size();) {
    auto& groups =
        index.words.emplace_hint(index.words.end(), std::string(words[i].first), std::vector<uint32_t>{})
            ->second;
    const std::string_view word = words[i].first;
    for (; i < words.size() && words[i].first == word; ++i) groups.push_back(words[i].second);
  }
  return index;
}

InvertedIndex build_inverted_index(const std::vector<SearchDocument>& documents) {
  return build_inverted_index(documents.size(),
                              [&](size_t i) -> const SearchDocument& { return documents[i]; });
}

}  // namespace passerelle::search
