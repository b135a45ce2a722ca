// From text to index terms: words folded (search/text_folding.h), stop words
// dropped, each word paired with its stem group.
//
// A stem group is a language and a stem ("en:mediat"); every word that
// stems to it in that language belongs to it ("mediation", "mediations",
// "mediator"). The index keeps postings per group and, for each folded word,
// the groups it belongs to, so the browser finds "mediations" from
// "mediation" without a stemmer of its own. Languages libstemmer does not know
// are not stemmed: their words form groups of one (language ""). Caches every
// word it has seen; one analyser per thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "search/stemming.h"
#include "search/text_folding.h"

namespace passerelle::search {

struct AnalysedWord {
  std::string word;     // folded: what a reader types, give or take case and accents
  uint32_t group = 0;   // this analyser's number for the group; see group_key()
};

class TermAnalyser {
 public:
  // The index terms of `text`, stemmed in `language` (an ISO code).
  std::vector<AnalysedWord> analyse(std::string_view text, const std::string& language);

  // Calls `visit(term)` for each term of `text`, without copying.
  template <typename Visit>
  void for_each(std::string_view text, const std::string& language, Visit&& visit);

  // "<language>:<folded stem>", e.g. "en:mediat", of a group number.
  const std::string& group_key(uint32_t group) const { return group_keys_[group]; }
  size_t group_count() const { return group_keys_.size(); }

  // Every term this analyser has produced, once each.
  template <typename Visit>
  void for_each_known_term(Visit&& visit) const;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Cache = std::unordered_map<std::string, std::vector<AnalysedWord>, Hash, std::equal_to<>>;

  const std::vector<AnalysedWord>& terms_of(std::string_view raw_word, const std::string& language);

  uint32_t intern(const std::string& key);

  Cache& cache_for(const std::string& language);

  std::map<std::string, Stemmer> stemmers_;
  std::unordered_map<std::string, uint32_t> group_ids_;
  std::vector<std::string> group_keys_;
  std::map<std::string, Cache> caches_;  // language → raw word → its terms
  const std::string* last_language_ = nullptr;  // most texts come in one language
  Cache* last_cache_ = nullptr;
};

template <typename Visit>
void TermAnalyser::for_each(std::string_view text, const std::string& language, Visit&& visit) {
  for (std::string_view raw : split_words(text))
    for (const AnalysedWord& term : terms_of(raw, language)) visit(term);
}

template <typename Visit>
void TermAnalyser::for_each_known_term(Visit&& visit) const {
  for (const auto& [language, cache] : caches_)
    for (const auto& [raw, terms] : cache)
      for (const AnalysedWord& term : terms) visit(term);
}

}  // namespace passerelle::search
