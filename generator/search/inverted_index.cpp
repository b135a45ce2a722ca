#include "search/inverted_index.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "search/term_analyser.h"
#include "util/parallel.h"

namespace passerelle::search {

namespace {

struct DocTerm {
  uint32_t group;  // the slice analyser's number
  std::array<uint16_t, kFieldCount> frequencies{};  // small: a large catalogue holds millions
};

struct AnalysedDoc {
  std::vector<DocTerm> terms;
  FieldCounts lengths{};
};

// What one thread made of its contiguous slice of documents.
struct Slice {
  TermAnalyser analyser;
  std::vector<AnalysedDoc> docs;
};

void analyse_slice(const std::vector<SearchDocument>& documents, size_t begin, size_t end, Slice& slice) {
  // Position of each group in the current document's term list, reset after it.
  std::vector<uint32_t> position;
  constexpr uint32_t absent = UINT32_MAX;
  slice.docs.resize(end - begin);
  for (size_t i = begin; i < end; ++i) {
    const SearchDocument& doc = documents[i];
    AnalysedDoc& out = slice.docs[i - begin];
    auto count = [&](std::string_view text, Field f, const std::string& language) {
      const auto field = static_cast<size_t>(f);
      slice.analyser.for_each(text, language, [&](const AnalysedWord& term) {
        if (term.group >= position.size()) position.resize(term.group + 1, absent);
        uint32_t& at = position[term.group];
        if (at == absent) {
          at = static_cast<uint32_t>(out.terms.size());
          out.terms.push_back({term.group, {}});
        }
        auto& frequency = out.terms[at].frequencies[field];
        if (frequency < UINT16_MAX) ++frequency;
        ++out.lengths[field];
      });
    };
    for (const TextPart& part : doc.parts)
      count(part.text, part.field, part.language.empty() ? doc.language : part.language);
    count(doc.body_text, Field::body, doc.language);
    for (const DocTerm& term : out.terms) position[term.group] = absent;
  }
}

std::pair<std::string, std::string> split_key(const std::string& key) {
  const size_t colon = key.find(':');
  return {key.substr(0, colon), key.substr(colon + 1)};
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
  const auto level = static_cast<int>(std::ceil(saturated * kImpactLevels));
  return static_cast<uint8_t>(std::clamp(level, 1, static_cast<int>(kImpactLevels)));
}

InvertedIndex build_inverted_index(const std::vector<SearchDocument>& documents) {
  InvertedIndex index;
  index.doc_count = static_cast<uint32_t>(documents.size());

  // Analyse every document, one slice per thread.
  const size_t n = documents.size();
  const size_t workers = std::max<size_t>(1, std::min(worker_count(), n));
  const size_t step = (n + workers - 1) / workers;  // 0 when there is no document
  std::vector<Slice> slices(step == 0 ? 0 : (n + step - 1) / step);
  parallel_slices(slices.size(), [&](size_t first, size_t last) {
    for (size_t s = first; s < last; ++s)
      analyse_slice(documents, s * step, std::min(n, (s + 1) * step), slices[s]);
  });

  // Number the groups by stem, then language, whatever the slices called them.
  std::set<std::pair<std::string, std::string>> keys;  // (stem, language)
  for (const Slice& slice : slices)
    for (uint32_t g = 0; g < slice.analyser.group_count(); ++g) {
      auto [language, stem] = split_key(slice.analyser.group_key(g));
      keys.emplace(std::move(stem), std::move(language));
    }
  std::map<std::pair<std::string, std::string>, uint32_t> number;
  for (const auto& [stem, language] : keys) {
    number.emplace(std::make_pair(stem, language), static_cast<uint32_t>(index.groups.size()));
    index.groups.push_back({language, stem, {}});
  }
  std::vector<std::vector<uint32_t>> renumber(slices.size());
  for (size_t s = 0; s < slices.size(); ++s)
    for (uint32_t g = 0; g < slices[s].analyser.group_count(); ++g) {
      auto [language, stem] = split_key(slices[s].analyser.group_key(g));
      renumber[s].push_back(number.at({stem, language}));
    }

  // Average lengths over the records that have the field: an optional field
  // (summary, names) must not look long wherever it is present.
  std::array<double, kFieldCount> averages{};
  std::array<size_t, kFieldCount> present{};
  for (const Slice& slice : slices)
    for (const AnalysedDoc& doc : slice.docs)
      for (size_t f = 0; f < kFieldCount; ++f) {
        averages[f] += doc.lengths[f];
        present[f] += doc.lengths[f] > 0;
      }
  for (size_t f = 0; f < kFieldCount; ++f) averages[f] /= static_cast<double>(std::max<size_t>(1, present[f]));

  // Documents in order, so every posting list comes out sorted.
  uint32_t doc_number = 0;
  for (size_t s = 0; s < slices.size(); ++s)
    for (AnalysedDoc& doc : slices[s].docs) {
      for (const DocTerm& term : doc.terms)
        index.groups[renumber[s][term.group]].postings.push_back(
            {doc_number, impact({term.frequencies[0], term.frequencies[1], term.frequencies[2],
                                 term.frequencies[3], term.frequencies[4]},
                                doc.lengths, averages)});
      doc = {};  // free as we go: large catalogues hold millions of these
      ++doc_number;
    }

  for (size_t s = 0; s < slices.size(); ++s)
    slices[s].analyser.for_each_known_term(
        [&](const AnalysedWord& term) { index.words[term.word].push_back(renumber[s][term.group]); });
  for (auto& [word, groups] : index.words) {
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
  }
  return index;
}

}  // namespace passerelle::search
