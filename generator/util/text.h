// Small text helpers shared by every stage.
#pragma once

#include <utf8proc.h>

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle {

// ASCII letters in lower case; other bytes as they are.
inline std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// "public-authorities" → "Public authorities"
inline std::string humanize(const std::string& id) {
  std::string out = id;
  for (char& c : out)
    if (c == '-' || c == '_') c = ' ';
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

// The byte offset at which each code point of `text` starts; a byte that is
// not valid UTF-8 counts as one code point.
inline std::vector<size_t> code_point_starts(std::string_view text) {
  std::vector<size_t> starts;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  for (size_t i = 0; i < text.size();) {
    starts.push_back(i);
    utf8proc_int32_t code_point;
    const utf8proc_ssize_t n =
        utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(text.size() - i), &code_point);
    i += n > 0 ? static_cast<size_t>(n) : 1;
  }
  return starts;
}

// The number of code points in `text`, counted as code_point_starts() does.
inline size_t code_point_count(std::string_view text) {
  size_t count = 0;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  for (size_t i = 0; i < text.size(); ++count) {
    utf8proc_int32_t code_point;
    const utf8proc_ssize_t n =
        utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(text.size() - i), &code_point);
    i += n > 0 ? static_cast<size_t>(n) : 1;
  }
  return count;
}

}  // namespace passerelle
