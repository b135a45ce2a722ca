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

}  // namespace passerelle
