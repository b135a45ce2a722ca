#include "content/record.h"

#include <regex>

namespace passerelle {

std::vector<std::string> Record::terms(const std::string& taxonomy) const {
  std::vector<std::string> out;
  auto it = fields.find(taxonomy);
  if (it == fields.end() || !it->is_array()) return out;
  for (const auto& t : *it) out.push_back(t.get<std::string>());
  return out;
}

bool is_valid_record_id(const std::string& id) {
  static const std::regex pattern("[a-z0-9]+(-[a-z0-9]+)*");
  return std::regex_match(id, pattern);
}

}  // namespace passerelle
