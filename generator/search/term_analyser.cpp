#include "search/term_analyser.h"

#include <algorithm>
#include <cstring>

namespace passerelle::search {

namespace {

// memcmp() without the call: most words are shorter than 16 bytes.
bool same_bytes(const char* key, std::string_view word) {
  size_t i = 0;
  for (; i + 8 <= word.size(); i += 8) {
    uint64_t a, b;
    std::memcpy(&a, key + i, 8);
    std::memcpy(&b, word.data() + i, 8);
    if (a != b) return false;
  }
  for (; i < word.size(); ++i)
    if (key[i] != word[i]) return false;
  return true;
}

bool is_digits(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

uint64_t word_hash(std::string_view word) {
  uint64_t hash = 0x9E3779B97F4A7C15ull ^ word.size();
  const char* p = word.data();
  size_t n = word.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t chunk;
    std::memcpy(&chunk, p, 8);
    hash = (hash ^ chunk) * 0xFF51AFD7ED558CCDull;
    hash ^= hash >> 32;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, p, n);
  hash = (hash ^ tail) * 0xC4CEB9FE1A85EC53ull;
  return hash ^ (hash >> 29);
}

const TermAnalyser::WordTable::Run* TermAnalyser::WordTable::find(std::string_view word, uint64_t hash) const {
  if (slots_.empty()) return nullptr;
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (!slot.used) return nullptr;
    if (slot.hash == hash && slot.length == word.size() && same_bytes(keys_.data() + slot.key, word))
      return &slot.run;
  }
}

void TermAnalyser::WordTable::insert(std::string_view word, uint64_t hash, Run run) {
  if ((used_ + 1) * 2 > slots_.size()) grow();
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].used) i = (i + 1) & mask;
  slots_[i] = {hash, static_cast<uint32_t>(keys_.size()), static_cast<uint32_t>(word.size()), run, true};
  keys_.append(word);
  ++used_;
}

void TermAnalyser::WordTable::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (!slot.used) continue;
    size_t i = slot.hash & mask;
    while (slots_[i].used) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

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

const AnalysedWord& TermAnalyser::literal(std::string_view word) {
  auto [it, added] = literals_.try_emplace(std::string(word), static_cast<uint32_t>(terms_.size()));
  if (added) {
    const std::string folded = fold(word);
    terms_.push_back({folded, intern(":" + folded)});
  }
  return terms_[it->second];
}

TermAnalyser::WordTable::Run TermAnalyser::analyse_word(std::string_view raw_word, Language& language) {
  const std::string group_language = language.stemmer.stems() ? language.code : std::string{};
  const uint32_t first = static_cast<uint32_t>(terms_.size());
  auto add = [&](std::string_view piece, std::string_view lower_form) {
    const size_t length = code_point_count(piece);
    if (length < kMinWordLength || length > kMaxWordLength || is_stop_word(piece)) return;
    // Snowball leaves numbers as they are, and they are many (codes, years).
    const std::string stem = is_digits(piece) ? std::string(piece) : language.stemmer.stem(lower_form, piece);
    terms_.push_back({std::string(piece), intern(group_language + ":" + stem)});
  };
  if (std::all_of(raw_word.begin(), raw_word.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
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
  const WordTable::Run run{first, static_cast<uint32_t>(terms_.size()) - first};
  language.words.insert(raw_word, word_hash(raw_word), run);
  return run;
}

}  // namespace passerelle::search
