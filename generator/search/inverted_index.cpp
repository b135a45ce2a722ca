#include "search/inverted_index.h"

#include <cmath>
#include <string_view>
#include <tuple>
#include <utility>

namespace passerelle::search {

namespace {

constexpr uint32_t absent = UINT32_MAX;

struct GroupName {
  std::string_view stem, language;
  uint32_t analyser, group;
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

// Counts the terms of `document`, as `analyser` reads it, into `terms`: one
// entry for each key (`key_of(term number)`: the term's group, or the term
// itself), appended; and its fields' lengths. `position` (key → its entry)
// is all `absent` before and after.
template <typename KeyOf>
void count_terms(TermAnalyser& analyser, const SearchDocument& document, KeyOf key_of,
                 std::vector<uint32_t>& position, std::vector<TermCounts>& terms, FieldCounts& lengths) {
  const size_t begin = terms.size();
  auto count = [&](uint32_t term, size_t field) {
    const uint32_t key = key_of(term);
    if (key >= position.size()) position.resize(key + 1, absent);
    uint32_t& at = position[key];
    if (at == absent) {
      at = static_cast<uint32_t>(terms.size());
      terms.push_back({key, {}});
    }
    auto& frequency = terms[at].frequencies[field];
    if (frequency < UINT16_MAX) ++frequency;
    ++lengths[field];
  };
  auto count_text = [&](std::string_view text, Field f, const std::string& language) {
    const auto field = static_cast<size_t>(f);
    analyser.for_each_id(text, language, [&](uint32_t term) { count(term, field); });
  };
  for (const TextPart& part : document.parts)
    count_text(part.text, part.field, part.language.empty() ? document.language : part.language);
  count_text(document.body_text, Field::body, document.language);
  for (const std::string& code : document.codes)
    count(analyser.literal_id(code), static_cast<size_t>(Field::tags));
  for (size_t t = begin; t < terms.size(); ++t) position[terms[t].term] = absent;
}

// Adds to `index` the groups `listed(a, group)` of each of `analysers`,
// numbered by stem, then language, whatever the analysers called them (their
// postings empty), and returns each listed group's number by analyser.
template <typename Listed>
std::vector<std::vector<uint32_t>> number_groups(const std::vector<const TermAnalyser*>& analysers,
                                                 Listed listed, InvertedIndex& index) {
  std::vector<std::vector<GroupName>> per_analyser(analysers.size());
  parallel_slices(analysers.size(), [&](size_t first, size_t last) {
    for (size_t a = first; a < last; ++a) {
      for (uint32_t g = 0; g < analysers[a]->group_count(); ++g) {
        if (!listed(a, g)) continue;
        const auto [language, stem] = split_key(analysers[a]->group_key(g));
        per_analyser[a].push_back({stem, language, static_cast<uint32_t>(a), g});
      }
      std::sort(per_analyser[a].begin(), per_analyser[a].end(), [](const GroupName& x, const GroupName& y) {
        return std::tie(x.stem, x.language) < std::tie(y.stem, y.language);
      });
    }
  });
  const std::vector<GroupName> names =
      merged(std::move(per_analyser), [](const GroupName& x, const GroupName& y) {
        return std::tie(x.stem, x.language, x.analyser) < std::tie(y.stem, y.language, y.analyser);
      });
  std::vector<std::vector<uint32_t>> number(analysers.size());
  for (size_t a = 0; a < analysers.size(); ++a) number[a].assign(analysers[a]->group_count(), absent);
  for (size_t i = 0; i < names.size(); ++i) {
    if (i == 0 || names[i].stem != names[i - 1].stem || names[i].language != names[i - 1].language)
      index.groups.push_back({std::string(names[i].language), std::string(names[i].stem), {}});
    number[names[i].analyser][names[i].group] = static_cast<uint32_t>(index.groups.size() - 1);
  }
  return number;
}

// Adds to `index` each folded word of the terms `listed(a, term)` of each of
// `analysers`, with its groups (`number`: number_groups()'s), in order.
template <typename Listed>
void add_words(const std::vector<const TermAnalyser*>& analysers,
               const std::vector<std::vector<uint32_t>>& number, Listed listed, InvertedIndex& index) {
  using WordGroup = std::pair<std::string_view, uint32_t>;
  std::vector<std::vector<WordGroup>> per_analyser(analysers.size());
  parallel_slices(analysers.size(), [&](size_t first, size_t last) {
    for (size_t a = first; a < last; ++a) {
      for (uint32_t t = 0; t < analysers[a]->term_count(); ++t) {
        if (!listed(a, t)) continue;
        const AnalysedWord& term = analysers[a]->term(t);
        per_analyser[a].emplace_back(term.word, number[a][term.group]);
      }
      std::sort(per_analyser[a].begin(), per_analyser[a].end());
    }
  });
  std::vector<WordGroup> words = merged(std::move(per_analyser), std::less<>());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  for (size_t i = 0; i < words.size();) {
    auto& groups =
        index.words.emplace_hint(index.words.end(), std::string(words[i].first), std::vector<uint32_t>{})
            ->second;
    const std::string_view word = words[i].first;
    for (; i < words.size() && words[i].first == word; ++i) groups.push_back(words[i].second);
  }
}

// Average field lengths over the documents that have the field: an optional
// field (summary, names) must not look long wherever it is present.
class AverageLengths {
 public:
  void add(const FieldCounts& lengths) {
    for (size_t f = 0; f < kFieldCount; ++f) {
      sums_[f] += lengths[f];
      present_[f] += lengths[f] > 0;
    }
  }
  std::array<double, kFieldCount> averages() const {
    std::array<double, kFieldCount> out{};
    for (size_t f = 0; f < kFieldCount; ++f)
      out[f] = sums_[f] / static_cast<double>(std::max<size_t>(1, present_[f]));
    return out;
  }

 private:
  std::array<double, kFieldCount> sums_{};
  std::array<size_t, kFieldCount> present_{};
};

FieldCounts widened(const std::array<uint16_t, kFieldCount>& frequencies) {
  return {frequencies[0], frequencies[1], frequencies[2], frequencies[3], frequencies[4]};
}

// Fills the postings of `index.groups` from `runs` of consecutive documents,
// one run after the other, their terms numbered `number(run, term)` in the
// index. Frees each run's data once read.
template <typename Number>
void fill_postings(std::vector<CountedDocuments>& runs, Number number,
                   const std::array<double, kFieldCount>& averages, InvertedIndex& index) {
  // Where each run's postings go in each group's list: runs hold consecutive
  // documents, so their postings, one run after the other, come out sorted.
  const size_t group_count = index.groups.size();
  std::vector<std::vector<uint32_t>> offset(runs.size(), std::vector<uint32_t>(group_count, 0));
  for (size_t r = 0; r < runs.size(); ++r)
    for (const TermCounts& term : runs[r].terms) ++offset[r][number(r, term.term)];
  for (size_t g = 0; g < group_count; ++g) {
    uint32_t total = 0;
    for (size_t r = 0; r < runs.size(); ++r) total += std::exchange(offset[r][g], total);
    index.groups[g].postings.resize(total);
  }
  std::vector<uint32_t> first_doc(runs.size(), 0);
  for (size_t r = 1; r < runs.size(); ++r)
    first_doc[r] = first_doc[r - 1] + static_cast<uint32_t>(runs[r - 1].ends.size());
  parallel_slices(runs.size(), [&](size_t first, size_t last) {
    for (size_t r = first; r < last; ++r) {
      CountedDocuments& run = runs[r];
      uint32_t begin = 0;
      for (size_t d = 0; d < run.ends.size(); ++d) {
        for (uint32_t t = begin; t < run.ends[d]; ++t) {
          const TermCounts& term = run.terms[t];
          const uint32_t g = number(r, term.term);
          index.groups[g].postings[offset[r][g]++] = {
              first_doc[r] + static_cast<uint32_t>(d),
              impact(widened(term.frequencies), run.lengths[d], averages)};
        }
        begin = run.ends[d];
      }
      run = {};  // large catalogues hold millions of these
    }
  });
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

void IndexSlice::add(const SearchDocument& document) {
  count_terms(
      analyser_, document, [&](uint32_t term) { return analyser_.term(term).group; }, position_, counted_.terms,
      counted_.lengths.emplace_back());
  counted_.ends.push_back(static_cast<uint32_t>(counted_.terms.size()));
}

InvertedIndex merge_slices(std::vector<IndexSlice> slices) {
  InvertedIndex index;
  for (const IndexSlice& slice : slices) index.doc_count += static_cast<uint32_t>(slice.counted_.ends.size());
  std::vector<const TermAnalyser*> analysers;
  for (const IndexSlice& slice : slices) analysers.push_back(&slice.analyser_);
  auto every = [](size_t, uint32_t) { return true; };  // a slice's every group and term has a posting
  const std::vector<std::vector<uint32_t>> number = number_groups(analysers, every, index);

  AverageLengths lengths;
  std::vector<CountedDocuments> runs;
  for (IndexSlice& slice : slices) {
    for (const FieldCounts& document : slice.counted_.lengths) lengths.add(document);
    runs.push_back(std::move(slice.counted_));
  }
  fill_postings(
      runs, [&](size_t run, uint32_t group) { return number[run][group]; }, lengths.averages(), index);
  add_words(analysers, number, every, index);
  return index;
}

AnalysedDocuments::AnalysedDocuments(const std::vector<SearchDocument>& documents)
    : documents_(documents.size()) {
  analysers_.resize(slice_count(documents.size()) + 1);  // the last analyses the edits
  parallel_slices(documents.size(), [&](size_t begin, size_t end) {
    const auto analyser = static_cast<uint32_t>(begin / slice_size(documents.size()));
    std::vector<uint32_t> position;
    for (size_t i = begin; i < end; ++i) documents_[i] = analyse(analyser, documents[i], position);
  });
}

AnalysedDocuments::Analysis AnalysedDocuments::analyse(uint32_t analyser, const SearchDocument& document,
                                                       std::vector<uint32_t>& position) {
  Analysis out{analyser, {}, {}};
  count_terms(
      analysers_[analyser], document, [](uint32_t term) { return term; }, position, out.terms, out.lengths);
  out.terms.shrink_to_fit();
  return out;
}

void AnalysedDocuments::insert(size_t at, const SearchDocument& document) {
  if (analysers_.empty()) analysers_.resize(1);
  const auto edits = static_cast<uint32_t>(analysers_.size() - 1);
  documents_.insert(documents_.begin() + static_cast<std::ptrdiff_t>(at), analyse(edits, document, position_));
}

void AnalysedDocuments::erase(size_t at) {
  documents_.erase(documents_.begin() + static_cast<std::ptrdiff_t>(at));
}

InvertedIndex AnalysedDocuments::index() const {
  InvertedIndex index;
  index.doc_count = static_cast<uint32_t>(documents_.size());
  // Only what the documents hold now: an edit may have dropped a word or a group.
  std::vector<const TermAnalyser*> analysers;
  std::vector<std::vector<bool>> term_held(analysers_.size()), group_held(analysers_.size());
  for (size_t a = 0; a < analysers_.size(); ++a) {
    analysers.push_back(&analysers_[a]);
    term_held[a].assign(analysers_[a].term_count(), false);
    group_held[a].assign(analysers_[a].group_count(), false);
  }
  AverageLengths lengths;
  for (const Analysis& document : documents_) {
    lengths.add(document.lengths);
    for (const TermCounts& term : document.terms) term_held[document.analyser][term.term] = true;
  }
  for (size_t a = 0; a < analysers_.size(); ++a)
    for (uint32_t t = 0; t < analysers_[a].term_count(); ++t)
      if (term_held[a][t]) group_held[a][analysers_[a].term(t).group] = true;
  const std::vector<std::vector<uint32_t>> number = number_groups(
      analysers, [&](size_t a, uint32_t g) { return group_held[a][g]; }, index);
  const std::array<double, kFieldCount> averages = lengths.averages();
  // Each held term's group, by the index's number.
  std::vector<std::vector<uint32_t>> group_of(analysers_.size());
  for (size_t a = 0; a < analysers_.size(); ++a) {
    group_of[a].assign(analysers_[a].term_count(), absent);
    for (uint32_t t = 0; t < analysers_[a].term_count(); ++t)
      if (term_held[a][t]) group_of[a][t] = number[a][analysers_[a].term(t).group];
  }

  // Each document's words summed by group, as a slice counts them, on every core.
  std::vector<CountedDocuments> runs(slice_count(documents_.size()));
  parallel_slices(documents_.size(), [&](size_t begin, size_t end) {
    CountedDocuments& run = runs[begin / slice_size(documents_.size())];
    std::vector<uint32_t> position(index.groups.size(), absent);
    for (size_t d = begin; d < end; ++d) {
      const Analysis& document = documents_[d];
      const std::vector<uint32_t>& group_of_term = group_of[document.analyser];
      const size_t first = run.terms.size();
      for (const TermCounts& term : document.terms) {
        const uint32_t g = group_of_term[term.term];
        if (position[g] == absent) {
          position[g] = static_cast<uint32_t>(run.terms.size());
          run.terms.push_back({g, {}});
        }
        auto& sum = run.terms[position[g]].frequencies;
        for (size_t f = 0; f < kFieldCount; ++f)
          sum[f] =
              static_cast<uint16_t>(std::min<uint32_t>(UINT16_MAX, uint32_t{sum[f]} + term.frequencies[f]));
      }
      for (size_t t = first; t < run.terms.size(); ++t) position[run.terms[t].term] = absent;
      run.ends.push_back(static_cast<uint32_t>(run.terms.size()));
      run.lengths.push_back(document.lengths);
    }
  });
  fill_postings(
      runs, [](size_t, uint32_t group) { return group; }, averages, index);

  add_words(
      analysers, number, [&](size_t a, uint32_t t) { return term_held[a][t]; }, index);
  return index;
}

InvertedIndex build_inverted_index(const std::vector<SearchDocument>& documents) {
  return build_inverted_index(documents.size(),
                              [&](size_t i) -> const SearchDocument& { return documents[i]; });
}

}  // namespace passerelle::search
