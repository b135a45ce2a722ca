#include "search/text_folding.h"

#include <utf8proc.h>

#include <array>
#include <cstdlib>

namespace passerelle::search {

namespace {

enum class CharClass { other, word, mark };

CharClass classify(utf8proc_int32_t cp) {
  if (cp < 0x80) {
    const bool alnum = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    return alnum ? CharClass::word : CharClass::other;
  }
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: return CharClass::word;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME: return CharClass::mark;
    default: return CharClass::other;
  }
}

// Reads one code point at `i`; invalid bytes read as -1, one byte long.
utf8proc_int32_t next(std::string_view text, size_t& i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  if (byte < 0x80) {
    ++i;
    return byte;
  }
  utf8proc_int32_t cp = -1;
  utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                        static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
  i += n > 0 ? static_cast<size_t>(n) : 1;
  return n > 0 ? cp : -1;
}

void append(std::string& out, utf8proc_int32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
    return;
  }
  utf8proc_uint8_t buffer[4];
  utf8proc_ssize_t n = utf8proc_encode_char(cp, buffer);
  out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(n));
}

// Letters that NFKD leaves whole but readers type without their stroke.
const char* undecomposed(utf8proc_int32_t cp) {
  switch (cp) {
    case 0x00DF: return "ss";        // ß
    case 0x00E6: return "ae";        // æ
    case 0x0153: return "oe";        // œ
    case 0x00F8: return "o";         // ø
    case 0x0142: return "l";         // ł
    case 0x0111: return "d";         // đ
    case 0x00F0: return "d";         // ð
    case 0x0131: return "i";         // ı
    case 0x00FE: return "th";        // þ
    case 0x03C2: return "\xCF\x83";  // ς → σ
    default: return nullptr;
  }
}

utf8proc_int32_t to_lower(utf8proc_int32_t cp, void*) { return utf8proc_tolower(cp); }

}  // namespace

std::pair<size_t, size_t> next_word(std::string_view text, size_t from) {
  static constexpr auto alnum = [] {
    std::array<bool, 128> table{};
    for (int c = 0; c < 128; ++c)
      table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return table;
  }();
  const size_t n = text.size();
  size_t i = from;
  // Up to the first letter or digit; a mark with no letter before it is no word.
  while (i < n) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if (alnum[byte]) break;
      ++i;
      continue;
    }
    const size_t here = i;
    const utf8proc_int32_t cp = next(text, i);
    if (cp >= 0 && classify(cp) == CharClass::word) {
      i = here;
      break;
    }
  }
  if (i >= n) return {n, n};
  const size_t begin = i;
  // Then letters, digits and marks.
  while (i < n) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if (!alnum[byte]) break;
      ++i;
      continue;
    }
    const size_t here = i;
    const utf8proc_int32_t cp = next(text, i);
    if (cp < 0 || classify(cp) == CharClass::other) {
      i = here;
      break;
    }
  }
  return {begin, i};
}

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  for (size_t from = 0;;) {
    const auto [begin, end] = next_word(text, from);
    if (begin == end) break;
    words.push_back(text.substr(begin, end - begin));
    from = end;
  }
  return words;
}

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  utf8proc_int32_t decomposed[32];
  while (i < text.size()) {
    const utf8proc_int32_t cp = next(text, i);
    if (cp < 0) continue;
    if (cp < 0x80) {
      out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
      continue;
    }
    int last_boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        utf8proc_tolower(cp), decomposed, 32,
        static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK),
        &last_boundclass);
    for (utf8proc_ssize_t k = 0; k < n && k < 32; ++k) {
      const utf8proc_int32_t lowered = utf8proc_tolower(decomposed[k]);
      if (const char* replacement = undecomposed(lowered)) out += replacement;
      else append(out, lowered);
    }
  }
  return out;
}

std::string lower(std::string_view text) {
  utf8proc_uint8_t* result = nullptr;
  utf8proc_ssize_t n = utf8proc_map_custom(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
      &result, static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_STABLE), to_lower, nullptr);
  if (n < 0) return fold(text);  // invalid UTF-8: folding skips the bad bytes
  std::string out(reinterpret_cast<const char*>(result), static_cast<size_t>(n));
  std::free(result);
  return out;
}

std::vector<std::string> folded_words(std::string_view text) {
  std::vector<std::string> out;
  for (std::string_view word : split_words(text)) {
    const std::string folded = fold(word);
    for (std::string_view piece : split_words(folded)) {
      const size_t length = code_point_count(piece);
      if (length >= kMinWordLength && length <= kMaxWordLength) out.emplace_back(piece);
    }
  }
  return out;
}

}  // namespace passerelle::search
