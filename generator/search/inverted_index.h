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
// Every index is made from documents' analyses (AnalysedDocuments), which
// the dev server and the build cache keep, so that after an edit only the
// edited records are analysed again.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
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

// How often a document holds a term (or a group: whatever its counter
// numbers), by field.
struct TermCounts {
  uint32_t term;
  std::array<uint16_t, kFieldCount> frequencies{};  // saturating
};

// The index of `documents`, analysed on every core.
InvertedIndex build_inverted_index(const std::vector<SearchDocument>& documents);

// The analyses of a catalogue's documents, kept, so that after an edit the
// index is made again by analysing the edited document alone: the dev server
// holds one (pipeline/live_site.h), and a build keeps one for the next
// (take_saved(), restored(): pipeline/build_cache.h). Each document keeps its
// words (not only their groups) with their frequencies by field, so that a
// word no document holds any more leaves the index as it would leave a new
// build's; packed, a few bytes a word (some 1 KB for a record of 500 words).
// index() gives what analysing the same documents afresh gives, whatever
// was inserted, erased, replaced or restored before.
class AnalysedDocuments {
 public:
  AnalysedDocuments() = default;
  // Analyses `documents` on every core.
  explicit AnalysedDocuments(const std::vector<SearchDocument>& documents);
  // Analyses `count` documents on every core, `document(i)` making the i-th
  // on the thread that analyses it, each dropped once analysed.
  template <typename MakeDocument>
  AnalysedDocuments(size_t count, MakeDocument&& document);

  size_t size() const { return documents_.size(); }
  // `document` becomes document `at`, analysed on this thread.
  void insert(size_t at, const SearchDocument& document);
  void erase(size_t at);
  // `document` takes the place of document `at`, analysed on this thread.
  void replace(size_t at, const SearchDocument& document);

  InvertedIndex index() const;

  // The analyses as a build keeps them for the next: `terms`, every word
  // the documents hold with its group, once (after restored(), the words
  // of the table it was given too); `documents`, each document's analysis
  // by the numbers of those terms; `kept[i]`: documents[i] is the very
  // bytes restored() was given for it.
  struct Saved {
    std::string terms;
    std::vector<std::string> documents;
    std::vector<bool> kept;
  };
  // Lets go of each document's analysis as it saves it.
  Saved take_saved();
  // The analyses `saved()` gave, `documents[i]` document i's; an empty one
  // is a document to replace() before index(). Nothing when the bytes are
  // not what take_saved() writes.
  static std::optional<AnalysedDocuments> restored(std::string_view terms, std::vector<std::string> documents);

 private:
  struct Analysis {
    uint32_t analyser = 0;  // which of analysers_ numbered its terms
    std::string packed;     // its field lengths, then its terms by that analyser's numbers
  };
  Analysis analyse(uint32_t analyser, const SearchDocument& document, std::vector<uint32_t>& position);
  // For each analyser from `first` on, which of its terms the documents hold.
  std::vector<std::vector<bool>> held_terms(uint32_t first = 0) const;

  // One per thread of the first analysis; the last analyses the edits.
  std::vector<TermAnalyser> analysers_;
  std::vector<Analysis> documents_;
  std::vector<uint32_t> position_;  // the edits' scratch (analyse())
  bool restored_ = false;           // analysers_[0] is the table restored() was given
};

template <typename MakeDocument>
AnalysedDocuments::AnalysedDocuments(size_t count, MakeDocument&& document) : documents_(count) {
  analysers_.resize(slice_count(count) + 1);  // the last analyses the edits
  parallel_slices(count, [&](size_t begin, size_t end) {
    const auto analyser = static_cast<uint32_t>(begin / slice_size(count));
    std::vector<uint32_t> position;
    for (size_t i = begin; i < end; ++i) documents_[i] = analyse(analyser, document(i), position);
  });
}

}  // namespace passerelle::search
