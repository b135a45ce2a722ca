#include "search/stemming.h"

#include <libstemmer.h>

#include <algorithm>
#include <array>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "search/text_folding.h"

namespace passerelle::search {

namespace {

using WordSet = std::unordered_set<std::string_view>;

// Snowball's lists, folded and shortened to the words that carry no meaning
// on their own ("son" is left out: it is an English word too).
const WordSet& english_stop_words() {
  static const WordSet words = {
      "about",     "above",   "after",      "again", "against", "all",     "am",      "an",     "and",
      "any",       "are",     "as",         "at",    "be",      "because", "been",    "before", "being",
      "below",     "between", "both",       "but",   "by",      "did",     "do",      "does",   "doing",
      "during",    "each",    "for",        "from",  "further", "had",     "has",     "have",   "having",
      "he",        "her",     "here",       "hers",  "herself", "him",     "himself", "his",    "how",
      "if",        "in",      "into",       "is",    "it",      "its",     "itself",  "me",     "my",
      "myself",    "nor",     "of",         "off",   "on",      "once",    "or",      "our",    "ours",
      "ourselves", "she",     "should",     "so",    "such",    "than",    "that",    "the",    "their",
      "theirs",    "them",    "themselves", "then",  "there",   "these",   "they",    "this",   "those",
      "through",   "to",      "too",        "until", "was",     "we",      "were",    "what",   "when",
      "where",     "which",   "while",      "who",   "whom",    "why",     "with",    "you",    "your",
      "yours",     "yourself"};
  return words;
}

const WordSet& french_stop_words() {
  static const WordSet words = {
      "au",    "aux",  "avec", "ce",  "ces",     "cette", "dans", "de",   "des",   "du",  "elle",
      "elles", "en",   "est",  "et",  "etaient", "etait", "ete",  "etre", "eux",   "il",  "ils",
      "je",    "la",   "le",   "les", "leur",    "leurs", "lui",  "ma",   "mais",  "me",  "meme",
      "mes",   "moi",  "mon",  "ne",  "nos",     "notre", "nous", "on",   "ont",   "ou",  "par",
      "pas",   "pour", "qu",   "que", "qui",     "sa",    "se",   "ses",  "sont",  "sur", "ta",
      "te",    "tes",  "toi",  "ton", "tu",      "un",    "une",  "vos",  "votre", "vous"};
  return words;
}

// Which lists a folded word is on: bit 1 English, bit 2 French. One lookup
// for both, as it is read for the first hundred words of every record.
unsigned stop_word_lists(std::string_view folded_word) {
  static const std::unordered_map<std::string_view, unsigned> lists = [] {
    std::unordered_map<std::string_view, unsigned> out;
    for (std::string_view word : english_stop_words()) out[word] |= 1;
    for (std::string_view word : french_stop_words()) out[word] |= 2;
    return out;
  }();
  const auto it = lists.find(folded_word);
  return it == lists.end() ? 0 : it->second;
}

}  // namespace

Stemmer::Stemmer(const std::string& language) : language_(language) {
  if (!language.empty()) stemmer_ = sb_stemmer_new(language.c_str(), "UTF_8");
}

Stemmer::Stemmer(Stemmer&& other) noexcept
    : language_(std::move(other.language_)), stemmer_(std::exchange(other.stemmer_, nullptr)) {}

Stemmer& Stemmer::operator=(Stemmer&& other) noexcept {
  if (this != &other) {
    if (stemmer_) sb_stemmer_delete(stemmer_);
    language_ = std::move(other.language_);
    stemmer_ = std::exchange(other.stemmer_, nullptr);
  }
  return *this;
}

Stemmer::~Stemmer() {
  if (stemmer_) sb_stemmer_delete(stemmer_);
}

std::string Stemmer::stem(std::string_view lower_word, std::string_view folded_word) {
  if (!stemmer_) return std::string(folded_word);
  const bool after_folding = language_ == "en";
  const std::string_view input = after_folding ? folded_word : lower_word;
  const sb_symbol* stemmed = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(input.data()),
                                             static_cast<int>(input.size()));
  if (!stemmed) return std::string(folded_word);  // out of memory: index the word itself
  std::string out(reinterpret_cast<const char*>(stemmed), static_cast<size_t>(sb_stemmer_length(stemmer_)));
  return after_folding ? out : fold(out);
}

std::string language_code(std::string_view name) {
  static const std::array<std::pair<const char*, const char*>, 12> names = {{
      {"english", "en"},
      {"french", "fr"},
      {"portuguese", "pt"},
      {"spanish", "es"},
      {"italian", "it"},
      {"german", "de"},
      {"dutch", "nl"},
      {"swedish", "sv"},
      {"danish", "da"},
      {"finnish", "fi"},
      {"norwegian", "no"},
      {"romanian", "ro"},
  }};
  // Vocabulary labels are keyed by codes ("en", "fr"): no need to fold those.
  const bool is_code =
      name.size() == 2 && std::all_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (is_code) {
    for (const auto& [full, code] : names)
      if (name == code) return code;
    return {};
  }
  const std::vector<std::string> words = folded_words(name);
  if (words.empty()) return {};
  const std::string& first = words.front();
  for (const auto& [full, code] : names)
    if (first == full || first == code) return code;
  return {};
}

bool is_stop_word(std::string_view folded_word) { return stop_word_lists(folded_word) != 0; }

std::vector<std::string> stop_words() {
  std::set<std::string> all(english_stop_words().begin(), english_stop_words().end());
  all.insert(french_stop_words().begin(), french_stop_words().end());
  return {all.begin(), all.end()};
}

std::string guess_language(const std::vector<std::string_view>& texts, const std::string& fallback) {
  // A hundred words tell English from French; reading whole bodies
  // would only cost time on large catalogues.
  constexpr size_t enough = 100;
  size_t seen = 0, english = 0, french = 0;
  for (std::string_view text : texts) {
    text = text.substr(0, std::min<size_t>(text.size(), 8 * (enough - seen)));
    for (size_t from = 0; seen < enough;) {
      const auto [begin, end] = next_word(text, from);
      if (begin == end) break;
      from = end;
      ++seen;
      const std::string_view word = text.substr(begin, end - begin);
      // Stop words are short and, but for a few French ones, plain ASCII.
      char lowered[8];
      if (word.size() > sizeof lowered) continue;
      bool ascii = true;
      for (size_t i = 0; i < word.size(); ++i) {
        const auto c = static_cast<unsigned char>(word[i]);
        ascii = ascii && c < 0x80;
        lowered[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
      }
      const std::string folded = ascii ? std::string() : fold(word);
      const unsigned lists =
          stop_word_lists(ascii ? std::string_view(lowered, word.size()) : std::string_view(folded));
      if (lists == 1) ++english;
      if (lists == 2) ++french;
    }
  }
  // A few French words quoted in an English text ("la lutte contre les …")
  // must not turn it French: ask for a clear majority.
  if (french >= 5 && french > 2 * english) return "fr";
  if (english >= 5 && english > 2 * french) return "en";
  return fallback;
}

}  // namespace passerelle::search
