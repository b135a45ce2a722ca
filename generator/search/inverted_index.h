// The inverted index: for every stem group the records that hold it, each
// with a precomputed impact, and for every folded word the groups it
// belongs to.
//
// Impacts are BM25F term weights (Robertson and Zaragoza's BM25F, without the
// IDF, which the browser applies from the group's document frequency): each
// field's term frequency is normalised by the field's length and weighted
// (title 3, summary 2, names 2, body 1, tags 0.5), the sum saturates with
// k1 = 1.2, and the result is quantised so that a posting fits in a few
// bits. The upper half of the levels (kStrongImpact and above) is kept for
// strong matches, where the term is in the record's title or among its
// vocabulary terms and tags (a record tagged "Fighting discrimination" is
// about discrimination, whatever its text says); other matches take the
// lower half. A reader's query is about what a record is, so the browser
// ranks strong matches first (search/query_matcher.h). Postings are sorted by document number (the
// record's position in the catalogue), which is also the tie-break of the
// ranking. Building runs on every core; the result does not depend on how many.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "search/search_document.h"
#include "search/term_analyser.h"
#include "util/parallel.h"

namespace passerelle::search {

inline constexpr unsigned kImpactLevels = 16;
inline constexpr unsigned kStrongImpact = kImpactLevels / 2 + 1;  // 9 … 16: title or tags

struct Posting {
  uint32_t doc;
  uint8_t impact;  // 1 … kImpactLevels
  bool operator==(const Posting&) const = default;
};

struct TermGroup {
  std::string language;  // ISO code, empty when unstemmed
  std::string stem;      // folded
  std::vector<Posting> postings;
};

struct InvertedIndex {
  uint32_t doc_count = 0;
  std::vector<TermGroup> groups;  // sorted by stem, then language
  // folded word → numbers of the groups it belongs to, ascending
  std::map<std::string, std::vector<uint32_t>> words;
};

struct FieldWeight {
  double weight;
  double b;  // how much the field's length normalises (0 none, 1 fully)
};

// By Field (search/search_document.h).
inline constexpr std::array<FieldWeight, kFieldCount> kFieldWeights = {{
    {3.0, 0.5},   // title
    {2.0, 0.5},   // summary
    {2.0, 0.3},   // names
    {1.0, 0.75},  // body
    {0.5, 0.0},   // tags
}};
inline constexpr double kK1 = 1.2;

using FieldCounts = std::array<uint32_t, kFieldCount>;

// The quantised BM25F weight of a term with `frequencies` in a document whose
// fields have `lengths` words, when fields average `average_lengths`.
uint8_t impact(const FieldCounts& frequencies, const FieldCounts& lengths,
               const std::array<double, kFieldCount>& average_lengths);

// Documents analysed by one thread, in order: what the index keeps of each
// (its terms' frequencies by field, its field lengths), compact, in flat
// arrays. Impacts wait for the merge, which knows the average lengths.
class IndexSlice {
 public:
  void add(const SearchDocument& document);

 private:
  friend InvertedIndex merge_slices(std::vector<IndexSlice> slices);
  struct DocTerm {
    uint32_t group;                                   // the analyser's number
    std::array<uint16_t, kFieldCount> frequencies{};  // saturating
  };
  TermAnalyser analyser_;
  std::vector<DocTerm> terms_;  // every document's, one after the other
  std::vector<uint32_t> ends_;  // document → the end of its terms
  std::vector<FieldCounts> lengths_;
  std::vector<uint32_t> position_;  // group → its place in the current document's terms
};

// The index of the slices' documents, the slices in document order. Frees
// each slice's data as soon as it is read.
InvertedIndex merge_slices(std::vector<IndexSlice> slices);

// The index of `count` documents, `document(i)` making the i-th on the thread
// that analyses it: each document is dropped once analysed, so that the text
// of a large catalogue is never all held at once.
template <typename MakeDocument>
InvertedIndex build_inverted_index(size_t count, MakeDocument&& document) {
  const size_t workers = std::max<size_t>(1, std::min(worker_count(), count));
  const size_t step = (count + workers - 1) / workers;  // 0 when there is no document
  std::vector<IndexSlice> slices(step == 0 ? 0 : (count + step - 1) / step);
  parallel_slices(slices.size(), [&](size_t first, size_t last) {
    for (size_t s = first; s < last; ++s)
      for (size_t i = s * step; i < std::min(count, (s + 1) * step); ++i) slices[s].add(document(i));
  });
  return merge_slices(std::move(slices));
}

InvertedIndex build_inverted_index(const std::vector<SearchDocument>& documents);

}  // namespace passerelle::search
