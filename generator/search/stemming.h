// Languages for search: Snowball stemmers (libstemmer), stop words, and a
// record's language.
//
// A record is stemmed in its own language: the `language` field when it names
// one libstemmer knows ("French", "fr", "English, with passages in French"),
// else a guess from the English and French stop words it uses, else the
// catalogue's language. Stop words are the union of the English and French
// lists; they are neither indexed nor looked up (theme/search.js receives the
// list in the index metadata). The browser never stems: the index tells it
// which words share a stem (search/inverted_index.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct sb_stemmer;

namespace passerelle::search {

// One libstemmer stemmer. Not safe to share between threads: make one per
// thread. A language libstemmer does not know leaves words as they are.
class Stemmer {
 public:
  explicit Stemmer(const std::string& language);
  Stemmer(Stemmer&&) noexcept;
  Stemmer& operator=(Stemmer&&) noexcept;
  ~Stemmer();

  // The stem of a folded word (see search/text_folding.h), itself folded.
  // English is stemmed after folding, since its stemmer does not know
  // accents ("médiation" must stem like "mediation"); other languages are
  // stemmed before folding, since theirs read accents ("médiatrice").
  std::string stem(std::string_view lower_word, std::string_view folded_word);
  const std::string& language() const { return language_; }
  bool stems() const { return stemmer_ != nullptr; }

 private:
  std::string language_;
  sb_stemmer* stemmer_ = nullptr;
};

// An ISO 639-1 code libstemmer knows, from a code or an English name ("fr",
// "French", "English, with passages in French" → "en"); empty when none.
std::string language_code(std::string_view name);

// True for the folded stop words of English and French.
bool is_stop_word(std::string_view folded_word);
// The stop words, sorted: for the browser.
std::vector<std::string> stop_words();

// "fr" when the texts' first few hundred words hold clearly more French stop
// words than English ones, "en" when the reverse, else `fallback`.
std::string guess_language(const std::vector<std::string_view>& texts, const std::string& fallback);

}  // namespace passerelle::search
