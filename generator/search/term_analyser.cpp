#include "search/term_analyser.h"

namespace passerelle::search {

std::vector<AnalysedWord> TermAnalyser::analyse(std::string_view text, const std::string& language) {
  std::vector<AnalysedWord> out;
  for_each(text, language, [&](const AnalysedWord& term) { out.push_back(term); });
  return out;
}

TermAnalyser::Cache& TermAnalyser::cache_for(const std::string& language) {
  if (last_language_ == nullptr || *last_language_ != language) {
    auto it = caches_.try_emplace(language).first;
    last_language_ = &it->first;
    last_cache_ = &it->second;
  }
  return *last_cache_;
}

uint32_t TermAnalyser::intern(const std::string& key) {
  auto [it, added] = group_ids_.emplace(key, static_cast<uint32_t>(group_keys_.size()));
  if (added) group_keys_.push_back(key);
  return it->second;
}

const std::vector<AnalysedWord>& TermAnalyser::terms_of(std::string_view raw_word,
                                                       const std::string& language) {
  Cache& cache = cache_for(language);
  if (auto found = cache.find(raw_word); found != cache.end()) return found->second;

  auto stemmer = stemmers_.find(language);
  if (stemmer == stemmers_.end()) stemmer = stemmers_.emplace(language, Stemmer(language)).first;
  const std::string group_language = stemmer->second.stems() ? language : std::string{};

  std::vector<AnalysedWord> terms;
  const std::string lowered = lower(raw_word);
  const std::string folded = fold(raw_word);
  const std::vector<std::string_view> pieces = split_words(folded);
  for (std::string_view piece : pieces) {
    const size_t length = code_point_count(piece);
    if (length < kMinWordLength || length > kMaxWordLength || is_stop_word(piece)) continue;
    // A word that folding split ("1½" → "1", "2") has no lower-case form of
    // its own: stem the folded piece.
    const std::string_view lower_form = pieces.size() == 1 ? std::string_view(lowered) : piece;
    terms.push_back({std::string(piece), intern(group_language + ":" + stemmer->second.stem(lower_form, piece))});
  }
  return cache.emplace(std::string(raw_word), std::move(terms)).first->second;
}

}  // namespace passerelle::search
