#include "search/inverted_index.h"

#include <atomic>
#include <cmath>
#include <map>
#include <optional>
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
// entry for each term number, appended; and its fields' lengths.
// `position` (term number → its entry) is all `absent` before and after.
void count_terms(TermAnalyser& analyser, const SearchDocument& document, std::vector<uint32_t>& position,
                 std::vector<TermCounts>& terms, FieldCounts& lengths) {
  const size_t begin = terms.size();
  auto count = [&](uint32_t term, size_t field) {
    if (term >= position.size()) position.resize(term + 1, absent);
    uint32_t& at = position[term];
    if (at == absent) {
      at = static_cast<uint32_t>(terms.size());
      terms.push_back({term, {}});
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

void put_number(std::string& out, uint32_t value) {
  for (; value >= 0x80; value >>= 7) out += static_cast<char>((value & 0x7f) | 0x80);
  out += static_cast<char>(value);
}

bool get_number(const char*& at, const char* end, uint32_t& value) {
  value = 0;
  for (unsigned shift = 0; at != end && shift < 35; shift += 7) {
    const auto byte = static_cast<unsigned char>(*at++);
    value |= static_cast<uint32_t>(byte & 0x7f) << shift;
    if (byte < 0x80) return true;
  }
  return false;
}

void put_text(std::string& out, std::string_view text) {
  put_number(out, static_cast<uint32_t>(text.size()));
  out += text;
}

bool get_text(const char*& at, const char* end, std::string_view& text) {
  uint32_t size = 0;
  if (!get_number(at, end, size) || size > static_cast<size_t>(end - at)) return false;
  text = std::string_view(at, size);
  at += size;
  return true;
}

// A document's analysis, packed: its field lengths, then its terms by
// ascending number, each as the difference from the one before (the first
// from 0), a byte of the fields it is in (bit f for field f) and its
// frequency in each of them; numbers as LEB128. Terms of the same number
// are summed.
std::string pack(std::vector<TermCounts> terms, const FieldCounts& lengths) {
  std::sort(terms.begin(), terms.end(),
            [](const TermCounts& x, const TermCounts& y) { return x.term < y.term; });
  std::string out;
  out.reserve(5 + 4 * terms.size());
  for (uint32_t length : lengths) put_number(out, length);
  uint32_t last = 0;
  for (size_t i = 0; i < terms.size();) {
    const uint32_t term = terms[i].term;
    std::array<uint32_t, kFieldCount> frequencies{};
    for (; i < terms.size() && terms[i].term == term; ++i)
      for (size_t f = 0; f < kFieldCount; ++f)
        frequencies[f] = std::min<uint32_t>(UINT16_MAX, frequencies[f] + terms[i].frequencies[f]);
    put_number(out, term - last);
    last = term;
    unsigned fields = 0;
    for (size_t f = 0; f < kFieldCount; ++f) fields |= (frequencies[f] > 0 ? 1u : 0u) << f;
    out += static_cast<char>(fields);
    for (size_t f = 0; f < kFieldCount; ++f)
      if (frequencies[f] > 0) put_number(out, frequencies[f]);
  }
  return out;
}

// Calls `visit(term)` for each term of a packed analysis, and sets
// `lengths`. False, having visited what came before, when `packed` is not
// what pack() writes.
template <typename Visit>
bool unpack(std::string_view packed, FieldCounts& lengths, Visit visit) {
  lengths = {};
  const char* at = packed.data();
  const char* const end = at + packed.size();
  for (uint32_t& length : lengths)
    if (!get_number(at, end, length)) return false;
  uint32_t last = 0;
  for (bool first = true; at != end; first = false) {
    uint32_t step = 0;
    if (!get_number(at, end, step) || at == end || (!first && step == 0) || step > UINT32_MAX - last)
      return false;
    TermCounts term{last += step, {}};
    const auto fields = static_cast<unsigned char>(*at++);
    if (fields == 0 || fields >= 1u << kFieldCount) return false;
    for (size_t f = 0; f < kFieldCount; ++f) {
      if (!(fields & (1u << f))) continue;
      uint32_t frequency = 0;
      if (!get_number(at, end, frequency) || frequency == 0 || frequency > UINT16_MAX) return false;
      term.frequencies[f] = static_cast<uint16_t>(frequency);
    }
    visit(term);
  }
  return true;
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
  void add(const AverageLengths& other) {
    for (size_t f = 0; f < kFieldCount; ++f) {
      sums_[f] += other.sums_[f];
      present_[f] += other.present_[f];
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

AnalysedDocuments::AnalysedDocuments(const std::vector<SearchDocument>& documents)
    : AnalysedDocuments(documents.size(), [&](size_t i) -> const SearchDocument& { return documents[i]; }) {}

AnalysedDocuments::Analysis AnalysedDocuments::analyse(uint32_t analyser, const SearchDocument& document,
                                                       std::vector<uint32_t>& position) {
  std::vector<TermCounts> terms;
  FieldCounts lengths{};
  count_terms(analysers_[analyser], document, position, terms, lengths);
  return {analyser, pack(std::move(terms), lengths)};
}

void AnalysedDocuments::insert(size_t at, const SearchDocument& document) {
  if (analysers_.empty()) analysers_.resize(1);
  const auto edits = static_cast<uint32_t>(analysers_.size() - 1);
  documents_.insert(documents_.begin() + static_cast<std::ptrdiff_t>(at), analyse(edits, document, position_));
}

void AnalysedDocuments::erase(size_t at) {
  documents_.erase(documents_.begin() + static_cast<std::ptrdiff_t>(at));
}

void AnalysedDocuments::replace(size_t at, const SearchDocument& document) {
  if (analysers_.empty()) analysers_.resize(1);
  documents_.at(at) = analyse(static_cast<uint32_t>(analysers_.size() - 1), document, position_);
}

std::vector<std::vector<bool>> AnalysedDocuments::held_terms(uint32_t first) const {
  std::vector<std::vector<bool>> held(analysers_.size());
  for (size_t a = first; a < analysers_.size(); ++a) held[a].assign(analysers_[a].term_count(), false);
  FieldCounts lengths;
  for (const Analysis& document : documents_)
    if (document.analyser >= first)
      unpack(document.packed, lengths,
             [&](const TermCounts& term) { held[document.analyser][term.term] = true; });
  return held;
}

InvertedIndex AnalysedDocuments::index() const {
  InvertedIndex index;
  index.doc_count = static_cast<uint32_t>(documents_.size());
  // Only what the documents hold now: an edit may have dropped a word or a group.
  std::vector<const TermAnalyser*> analysers;
  const std::vector<std::vector<bool>> term_held = held_terms();
  std::vector<std::vector<bool>> group_held(analysers_.size());
  for (size_t a = 0; a < analysers_.size(); ++a) {
    analysers.push_back(&analysers_[a]);
    group_held[a].assign(analysers_[a].group_count(), false);
    for (uint32_t t = 0; t < analysers_[a].term_count(); ++t)
      if (term_held[a][t]) group_held[a][analysers_[a].term(t).group] = true;
  }
  const std::vector<std::vector<uint32_t>> number = number_groups(
      analysers, [&](size_t a, uint32_t g) { return group_held[a][g]; }, index);
  // Each held term's group, by the index's number.
  std::vector<std::vector<uint32_t>> group_of(analysers_.size());
  for (size_t a = 0; a < analysers_.size(); ++a) {
    group_of[a].assign(analysers_[a].term_count(), absent);
    for (uint32_t t = 0; t < analysers_[a].term_count(); ++t)
      if (term_held[a][t]) group_of[a][t] = number[a][analysers_[a].term(t).group];
  }

  // Each document's words summed by group, read twice on every core, so
  // that nothing but the postings is held: first to count each group's
  // postings and the fields' lengths, then to fill the postings in.
  const size_t count = documents_.size();
  const size_t group_count = index.groups.size();
  auto for_each_group = [&](const Analysis& document, std::vector<uint32_t>& position,
                            std::vector<TermCounts>& sums, FieldCounts& lengths, auto&& visit) {
    const std::vector<uint32_t>& group_of_term = group_of[document.analyser];
    sums.clear();
    unpack(document.packed, lengths, [&](const TermCounts& term) {
      const uint32_t g = group_of_term[term.term];
      if (position[g] == absent) {
        position[g] = static_cast<uint32_t>(sums.size());
        sums.push_back({g, {}});
      }
      auto& sum = sums[position[g]].frequencies;
      for (size_t f = 0; f < kFieldCount; ++f)
        sum[f] = static_cast<uint16_t>(std::min<uint32_t>(UINT16_MAX, uint32_t{sum[f]} + term.frequencies[f]));
    });
    for (const TermCounts& sum : sums) {
      position[sum.term] = absent;
      visit(sum);
    }
  };
  std::vector<std::vector<uint32_t>> offset(slice_count(count));
  std::vector<AverageLengths> slice_lengths(offset.size());
  parallel_slices(count, [&](size_t begin, size_t end) {
    const size_t slice = begin / slice_size(count);
    std::vector<uint32_t>& counted = offset[slice];
    counted.assign(group_count, 0);
    std::vector<uint32_t> position(group_count, absent);
    std::vector<TermCounts> sums;
    FieldCounts lengths;
    for (size_t d = begin; d < end; ++d) {
      for_each_group(documents_[d], position, sums, lengths,
                     [&](const TermCounts& sum) { ++counted[sum.term]; });
      slice_lengths[slice].add(lengths);
    }
  });
  AverageLengths lengths;
  for (const AverageLengths& slice : slice_lengths) lengths.add(slice);
  const std::array<double, kFieldCount> averages = lengths.averages();
  // Where each slice's postings go in each group's list: slices hold
  // consecutive documents, so their postings, one slice after the other,
  // come out sorted.
  for (size_t g = 0; g < group_count; ++g) {
    uint32_t total = 0;
    for (std::vector<uint32_t>& slice : offset) total += std::exchange(slice[g], total);
    index.groups[g].postings.resize(total);
  }
  parallel_slices(count, [&](size_t begin, size_t end) {
    std::vector<uint32_t>& next = offset[begin / slice_size(count)];
    std::vector<uint32_t> position(group_count, absent);
    std::vector<TermCounts> sums;
    FieldCounts document_lengths;
    for (size_t d = begin; d < end; ++d)
      for_each_group(documents_[d], position, sums, document_lengths, [&](const TermCounts& sum) {
        index.groups[sum.term].postings[next[sum.term]++] = {
            static_cast<uint32_t>(d), impact(widened(sum.frequencies), document_lengths, averages)};
      });
  });

  add_words(
      analysers, number, [&](size_t a, uint32_t t) { return term_held[a][t]; }, index);
  return index;
}

AnalysedDocuments::Saved AnalysedDocuments::take_saved() {
  // The held terms of every analyser, each (word, group) once, in order:
  // the table's numbers do not depend on how many threads analysed. After
  // restored(), its table comes first, every term keeping its number (held
  // or not, so the table only grows until a build analyses everything
  // again), and only the edits' new terms follow: the documents it numbered
  // are then saved as they came (kept), not unpacked and packed again.
  const uint32_t first = restored_ ? 1 : 0;  // the first analyser whose terms are numbered here
  const std::vector<std::vector<bool>> held = held_terms(first);
  struct Named {
    std::string_view word, group;
    uint32_t analyser, term;
  };
  std::vector<Named> named;
  for (uint32_t a = first; a < analysers_.size(); ++a)
    for (uint32_t t = 0; t < analysers_[a].term_count(); ++t)
      if (held[a][t]) {
        const AnalysedWord& term = analysers_[a].term(t);
        named.push_back({term.word, analysers_[a].group_key(term.group), static_cast<uint32_t>(a), t});
      }
  std::sort(named.begin(), named.end(), [](const Named& x, const Named& y) {
    return std::tie(x.word, x.group) < std::tie(y.word, y.group);
  });
  Saved saved;
  std::vector<std::vector<uint32_t>> number(analysers_.size());
  for (size_t a = 0; a < analysers_.size(); ++a) number[a].assign(analysers_[a].term_count(), absent);
  uint32_t count = 0;
  // The restored table's terms that the edits hold too, by (group, word).
  std::map<std::pair<std::string_view, std::string_view>, uint32_t> restored_number;
  if (restored_) {
    const TermAnalyser& table = analysers_[0];
    std::vector<bool> wanted(table.group_count(), false);
    for (const Named& term : named)
      if (const std::optional<uint32_t> group = table.find_group(term.group)) wanted[*group] = true;
    for (uint32_t t = 0; t < table.term_count(); ++t) {
      const AnalysedWord& term = table.term(t);
      put_text(saved.terms, term.word);
      put_text(saved.terms, table.group_key(term.group));
      number[0][t] = t;
      if (wanted[term.group])
        restored_number.emplace(
            std::pair<std::string_view, std::string_view>(table.group_key(term.group), term.word), t);
    }
    count = static_cast<uint32_t>(table.term_count());
  }
  for (size_t i = 0; i < named.size(); ++i) {
    const auto found = restored_number.find({named[i].group, named[i].word});
    if (found != restored_number.end()) {
      number[named[i].analyser][named[i].term] = found->second;
      continue;
    }
    if (i == 0 || named[i].word != named[i - 1].word || named[i].group != named[i - 1].group) {
      put_text(saved.terms, named[i].word);
      put_text(saved.terms, named[i].group);
      ++count;
    }
    number[named[i].analyser][named[i].term] = count - 1;
  }
  // Each document by the table's numbers: spellings that fold to the same
  // word in the same group become one term, their frequencies summed.
  saved.documents.resize(documents_.size());
  saved.kept.resize(documents_.size());  // a vector of bits: set here, not on several threads
  for (size_t d = 0; d < documents_.size(); ++d) saved.kept[d] = restored_ && documents_[d].analyser == 0;
  parallel_slices(documents_.size(), [&](size_t begin, size_t end) {
    for (size_t d = begin; d < end; ++d) {
      Analysis& document = documents_[d];
      if (saved.kept[d]) {  // numbered by the table as it is
        saved.documents[d] = std::move(document.packed);
        continue;
      }
      std::vector<TermCounts> terms;
      FieldCounts lengths;
      unpack(document.packed, lengths, [&](const TermCounts& term) {
        terms.push_back({number[document.analyser][term.term], term.frequencies});
      });
      saved.documents[d] = pack(std::move(terms), lengths);
      document = {};
    }
  });
  documents_.clear();
  return saved;
}

std::optional<AnalysedDocuments> AnalysedDocuments::restored(std::string_view terms,
                                                             std::vector<std::string> documents) {
  std::vector<std::pair<std::string, std::string>> table;
  for (const char *at = terms.data(), *end = at + terms.size(); at != end;) {
    std::string_view word, group;
    if (!get_text(at, end, word) || !get_text(at, end, group) || group.find(':') == std::string_view::npos)
      return std::nullopt;
    table.emplace_back(word, group);
  }
  AnalysedDocuments out;
  out.restored_ = true;
  out.analysers_.push_back(TermAnalyser::of_terms(table));
  out.analysers_.emplace_back();  // the edits'
  out.documents_.resize(documents.size());
  std::atomic<bool> sound{true};
  parallel_slices(documents.size(), [&](size_t begin, size_t end) {
    for (size_t d = begin; d < end; ++d) {
      if (documents[d].empty()) continue;
      FieldCounts lengths;
      bool within = true;
      if (!unpack(documents[d], lengths,
                  [&](const TermCounts& term) { within = within && term.term < table.size(); }) ||
          !within)
        sound = false;
      out.documents_[d] = {0, std::move(documents[d])};
    }
  });
  if (!sound) return std::nullopt;
  return out;
}

InvertedIndex build_inverted_index(const std::vector<SearchDocument>& documents) {
  return AnalysedDocuments(documents).index();
}

}  // namespace passerelle::search
