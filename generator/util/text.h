// Small text helpers shared by every stage.
#pragma once

#include <cctype>
#include <string>

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

}  // namespace passerelle
