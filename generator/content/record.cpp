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

namespace {

// `source` cut to what precedes `body`, its front matter.
void keep_front_matter(std::shared_ptr<const SourceFile>& source, std::string_view& body, bool& held) {
  if (!held || !source) return;
  const size_t start = static_cast<size_t>(body.data() - source->text().data());
  source = std::make_shared<SourceFile>(source->path(), source->text().substr(0, start));
  body = {};
  held = false;
}

// `translated` over `original`: texts replaced, lists of objects merged
// item by item (the loader checked that both have as many).
void merge_text(nlohmann::json& original, const nlohmann::json& translated) {
  if (original.is_array() && translated.is_array() && original.size() == translated.size()) {
    for (size_t i = 0; i < original.size(); ++i) merge_text(original[i], translated[i]);
  } else if (original.is_object() && translated.is_object()) {
    for (const auto& [key, value] : translated.items()) {
      if (original.contains(key)) merge_text(original[key], value);
      else original[key] = value;
    }
  } else {
    original = translated;
  }
}

}  // namespace

BodySource held_body(const Record& record) { return {record.source, record.body, record.body_line}; }

void release_body(Record& record) {
  keep_front_matter(record.source, record.body, record.body_held);
  for (auto& [language, translation] : record.translations)
    keep_front_matter(translation.source, translation.body, translation.body_held);
}

Record in_language(const Record& record, const std::string& language, const std::string& original) {
  Record shown = record;
  shown.translations.clear();
  auto it = record.translations.find(language);
  if (it == record.translations.end()) {
    shown.text_language = language == original ? "" : original;
    return shown;
  }
  const Translation& translation = it->second;
  merge_text(shown.fields, translation.fields);
  shown.source = translation.source;
  shown.body = translation.body;
  shown.body_line = translation.body_line;
  shown.body_held = translation.body_held;
  shown.text_language.clear();
  return shown;
}

bool is_valid_record_id(const std::string& id) { return is_valid_name(id); }

std::string suggest_record_id(const std::string& name) { return suggest_name(name); }

}  // namespace passerelle
