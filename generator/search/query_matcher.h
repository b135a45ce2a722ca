// How a query finds and ranks records: the rules theme/search.js applies in
// the browser, stated here in C++ so that they are unit-tested against real
// indexes. The numbers (kMatchRules) reach the browser through the index
// metadata, so both sides read them from here.
//
// A query is folded into words (search/text_folding.h), stop words and
// repeats dropped; a query of stop words only keeps them ("it" may be
// Italy's code, which the index keeps: search/search_document.h). Each word
// matches dictionary words exactly. The last one, while the reader is still
// typing it (no space after it), is kept even when it is a stop word ("the"
// may become "theme") and also matches the most frequent words it begins: two
// per letter typed after the first, up to eight, so that "co" brings two
// words, not the hundreds it begins. A word of five letters or more with no
// exact match also matches the words one typo away (a letter inserted,
// deleted or replaced, or two neighbours swapped, the first letter included:
// the browser finds those with a first-letter typo through the tail index of
// search/shard_writer.h).
// Numbers ("2001", "060") match exactly only: a year one digit away is
// another year. Matched words bring their stem groups. A record's score is,
// summed over the query words, the best weight × IDF × impact among the
// word's groups it holds. Records must hold every word; when none does, the
// records holding some are ranked by how many. Then come the records that
// hold more query words strongly, in their title or vocabulary terms (an
// impact of kStrongImpact or more: search/inverted_index.h), exactly or as
// the completion of a word being typed, not by a typo; then those whose
// collection has the lower search rank (schema.yaml's `search_rank`:
// practices before organisations), then the higher score. Ties go to
// catalogue order. So "discrimination" lists the practices about
// discrimination first, and "Adecco" the organisation of that name.
//
// theme/search.js applies the same rules; tests/search/cases.json holds
// queries and the results both must give on the shipped catalogue.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "search/inverted_index.h"

namespace passerelle::search {

struct MatchRules {
  size_t prefix_min_length = 2;       // shorter words are matched exactly only
  size_t completions = 8;             // at most, the most frequent first…
  size_t completions_per_letter = 2;  // …and so many per letter after the first
  size_t typo_min_length = 5;
  double exact_weight = 1.0;
  double prefix_weight = 0.7;
  double typo_weight = 0.5;
};
inline constexpr MatchRules kMatchRules;

struct QueryWord {
  std::string word;  // folded
  bool prefix;       // the reader may still be typing it
  bool operator==(const QueryWord&) const = default;
};

std::vector<QueryWord> parse_query(std::string_view query);

// How many words a prefix of `length` code points completes to.
size_t completions_for(size_t length);

// A word of digits only, which matches exactly only.
bool is_number(std::string_view word);

// True when `typed` becomes `word` by one insertion, deletion, substitution
// or swap of neighbours (optimal string alignment), counted in code points.
// Equal words are not a typo.
bool within_one_typo(std::string_view typed, std::string_view word);

enum class MatchKind { exact, prefix, typo };

struct WordMatch {
  std::string word;
  MatchKind kind;
};

// The dictionary words a query word matches, exact first.
std::vector<WordMatch> match_word(const InvertedIndex& index, const QueryWord& query_word);

double idf(uint32_t doc_count, uint32_t doc_frequency);

struct Hit {
  uint32_t doc;
  double score;
  unsigned words;   // query words the record holds
  unsigned strong;  // of them, those in its title or vocabulary terms
  unsigned rank;    // its collection's search rank
};

// True when `a` comes before `b` in the results.
bool ranks_before(const Hit& a, const Hit& b);

// The weight each stem group gets from a query word: the best of the
// matched words that bring it (exact, completion, typo: kMatchRules).
std::map<uint32_t, double> group_weights(const InvertedIndex& index, const QueryWord& word);

// The records matching query words given as their groups' weights, in
// catalogue order, unsorted: search() less the sort.
std::vector<Hit> matching(const InvertedIndex& index, const std::vector<std::map<uint32_t, double>>& words,
                          const std::vector<unsigned>& ranks);

// Every matching record, best first. `ranks[d]` is record d's collection's
// search rank (none given: all equal).
std::vector<Hit> search(const InvertedIndex& index, std::string_view query,
                        const std::vector<unsigned>& ranks = {});

}  // namespace passerelle::search
