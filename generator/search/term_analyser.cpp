#include "search/term_analyser.h"

#include <algorithm>

namespace passerelle::search {

namespace {

bool is_digits(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::vector<AnalysedWord> TermAnalyser::analyse(std::string_view text, const std::string& language) {
  std::vector<AnalysedWord> out;
  for_each(text, language, [&](const AnalysedWord& term) { out.push_back(term); });
  return out;
}

TermAnalyser::Language& TermAnalyser::language_for(const std::string& code) {
  if (last_ && last_->code == code) return *last_;
  for (auto& language : languages_)
    if (language->code == code) return *(last_ = language.get());
  languages_.push_back(std::make_unique<Language>(Language{code, Stemmer(code), {}}));
  return *(last_ = languages_.back().get());
}

uint32_t TermAnalyser::intern(const std::string& key) {
  auto [it, added] = group_ids_.emplace(key, static_cast<uint32_t>(group_keys_.size()));
  if (added) group_keys_.push_back(key);
  return it->second;
}

std::optional<uint32_t> TermAnalyser::find_group(std::string_view key) const {
  const auto found = group_ids_.find(std::string(key));
  if (found == group_ids_.end()) return std::nullopt;
  return found->second;
}

TermAnalyser TermAnalyser::of_terms(const std::vector<std::pair<std::string, std::string>>& terms) {
  TermAnalyser analyser;
  analyser.terms_.reserve(terms.size());
  analyser.group_ids_.reserve(terms.size());  // no more groups than terms
  for (const auto& [word, key] : terms) analyser.terms_.push_back({word, analyser.intern(key)});
  return analyser;
}

uint32_t TermAnalyser::literal_id(std::string_view word) {
  auto [it, added] = literals_.try_emplace(std::string(word), static_cast<uint32_t>(terms_.size()));
  if (added) {
    const std::string folded = fold(word);
    terms_.push_back({folded, intern(":" + folded)});
  }
  return it->second;
}

TermAnalyser::Run TermAnalyser::analyse_word(std::string_view raw_word, Language& language) {
  const std::string group_language = language.stemmer.stems() ? language.code : std::string{};
  const uint32_t first = static_cast<uint32_t>(terms_.size());
  auto add = [&](std::string_view piece, std::string_view lower_form) {
    const size_t length = code_point_count(piece);
    if (length < kMinWordLength || length > kMaxWordLength || is_stop_word(piece)) return;
    // Snowball leaves numbers as they are, and they are many (codes, years).
    const std::string stem = is_digits(piece) ? std::string(piece) : language.stemmer.stem(lower_form, piece);
    terms_.push_back({std::string(piece), intern(group_language + ":" + stem)});
  };
  if (std::all_of(raw_word.begin(), raw_word.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    // Letters and digits only: lower case is the folded form, one piece.
    std::string folded(raw_word);
    for (char& c : folded)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    add(folded, folded);
  } else {
    const std::string lowered = lower(raw_word);
    const std::string folded = fold(raw_word);
    const std::vector<std::string_view> pieces = split_words(folded);
    // A word that folding split ("1½" → "1", "2") has no lower-case form of
    // its own: stem the folded piece.
    for (std::string_view piece : pieces) add(piece, pieces.size() == 1 ? std::string_view(lowered) : piece);
  }
  const Run run{first, static_cast<uint32_t>(terms_.size()) - first};
  language.words.emplace(std::string(raw_word), run);
  return run;
}

}  // namespace passerelle::search
