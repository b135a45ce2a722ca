#include "content/record.h"

#include <cctype>
#include <regex>

namespace passerelle {

std::vector<std::string> Record::terms(const std::string& taxonomy) const {
  std::vector<std::string> out;
  auto it = fields.find(taxonomy);  // a list of ids
  if (it == fields.end() || !it->is_array()) return out;
  for (const auto& t : *it) out.push_back(t.get<std::string>());
  return out;
}

bool is_valid_record_id(const std::string& id) {
  static const std::regex pattern("[a-z0-9]+(-[a-z0-9]+)*");
  return std::regex_match(id, pattern);
}

std::string suggest_record_id(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return is_valid_record_id(out) ? out : std::string{};
}

}  // namespace passerelle
