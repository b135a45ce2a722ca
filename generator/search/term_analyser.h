// From text to index terms: words folded (search/text_folding.h), stop words
// dropped, each word paired with its stem group.
//
// A stem group is a language and a stem ("en:mediat"); every word that
// stems to it in that language belongs to it ("mediation", "mediations",
// "mediator"). The index keeps postings per group and, for each folded word,
// the groups it belongs to, so the browser finds "mediations" from
// "mediation" without a stemmer of its own. Languages libstemmer does not know
// are not stemmed: their words form groups of one (language ""). Every word
// as written is folded and stemmed once: the analyser remembers it, so that
// the hot loop of indexing a large catalogue (tens of millions of words, a few
// thousand distinct) costs one lookup per word. One analyser per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "search/stemming.h"
#include "search/text_folding.h"

namespace passerelle::search {

struct AnalysedWord {
  std::string word;    // folded: what a reader types, give or take case and accents
  uint32_t group = 0;  // this analyser's number for the group; see group_key()
};

class TermAnalyser {
 public:
  TermAnalyser() = default;
  TermAnalyser(TermAnalyser&&) noexcept = default;
  TermAnalyser& operator=(TermAnalyser&&) noexcept = default;

  // The index terms of `text`, stemmed in `language` (an ISO code).
  std::vector<AnalysedWord> analyse(std::string_view text, const std::string& language);

  // Calls `visit(term)` for each term of `text`, without copying.
  template <typename Visit>
  void for_each(std::string_view text, const std::string& language, Visit&& visit) {
    for_each_id(text, language, [&](uint32_t id) { visit(term(id)); });
  }

  // The same, each term by its number, which names it for as long as the
  // analyser lives (term()).
  template <typename Visit>
  void for_each_id(std::string_view text, const std::string& language, Visit&& visit);

  // An analyser whose terms are `terms` (word and group key, as term() and
  // group_key() give them), numbered in that order, as an analyser of a
  // build before numbered them (AnalysedDocuments::restored()). It analyses
  // new text as any other, numbering its new terms after these.
  static TermAnalyser of_terms(const std::vector<std::pair<std::string, std::string>>& terms);

  // `word` folded as one term, in a group of its own (language ""): not
  // stemmed, kept even when a stop word. For codes ("IT" → "it").
  const AnalysedWord& literal(std::string_view word) { return term(literal_id(word)); }
  uint32_t literal_id(std::string_view word);

  // A term by its number, from for_each_id() or literal_id(). Every term
  // the analyser has produced is numbered from 0 to term_count() - 1, once
  // for each spelling and language it came from (the same word and group
  // may come more than once).
  const AnalysedWord& term(uint32_t id) const { return terms_[id]; }
  size_t term_count() const { return terms_.size(); }

  // "<language>:<folded stem>", e.g. "en:mediat", of a group number.
  const std::string& group_key(uint32_t group) const { return group_keys_[group]; }
  size_t group_count() const { return group_keys_.size(); }
  // The number of the group `key` names, if any term of this analyser is in it.
  std::optional<uint32_t> find_group(std::string_view key) const;

 private:
  // A word's terms: a run of terms_.
  struct Run {
    uint32_t first = 0, count = 0;
  };
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // Raw word → its terms, for one language.
  using WordTable = std::unordered_map<std::string, Run, Hash, std::equal_to<>>;

  struct Language {
    std::string code;
    Stemmer stemmer;
    WordTable words;
  };

  Language& language_for(const std::string& code);
  Run analyse_word(std::string_view raw_word, Language& language);
  uint32_t intern(const std::string& key);

  std::vector<std::unique_ptr<Language>> languages_;
  Language* last_ = nullptr;  // most texts come in one language
  std::vector<AnalysedWord> terms_;
  std::unordered_map<std::string, uint32_t> literals_;  // word → its term
  std::unordered_map<std::string, uint32_t> group_ids_;
  std::vector<std::string> group_keys_;
};

template <typename Visit>
void TermAnalyser::for_each_id(std::string_view text, const std::string& language, Visit&& visit) {
  Language& lang = language_for(language);
  for (size_t from = 0;;) {
    const auto [begin, end] = next_word(text, from);
    if (begin == end) break;
    from = end;
    const std::string_view raw = text.substr(begin, end - begin);
    const auto found = lang.words.find(raw);
    const Run run = found != lang.words.end() ? found->second : analyse_word(raw, lang);
    for (uint32_t t = run.first; t < run.first + run.count; ++t) visit(t);
  }
}

}  // namespace passerelle::search
