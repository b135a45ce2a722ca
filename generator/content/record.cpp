#include "content/record.h"

#include "fs/path_names.h"

namespace passerelle {

std::vector<std::string> Record::terms(const std::string& taxonomy) const {
  std::vector<std::string> out;
  auto it = fields.find(taxonomy);  // a list of ids
  if (it == fields.end() || !it->is_array()) return out;
  for (const auto& t : *it) out.push_back(t.get<std::string>());
  return out;
}

bool is_valid_record_id(const std::string& id) { return is_valid_name(id); }

std::string suggest_record_id(const std::string& name) { return suggest_name(name); }

}  // namespace passerelle
