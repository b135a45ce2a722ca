#include "catalogue/catalogue_config.h"

#include <algorithm>
#include <regex>
#include <set>

#include "content/yaml_document.h"
#include "diagnostics/edit_distance.h"

namespace passerelle {

CatalogueConfig load_catalogue_config(const FileSystem& fs, const std::string& content_dir,
                                      Diagnostics& diagnostics) {
  CatalogueConfig config;
  const std::string path = join_path(content_dir, "catalogue.yaml");
  if (!check_within(fs, content_dir, path, diagnostics)) return config;
  auto text = fs.read(path);
  if (!text) {
    diagnostics.error(path, 0, 0, "cannot read the catalogue settings",
                      "create catalogue.yaml with at least 'title:'");
    return config;
  }
  SourceFile file(path, *text);
  auto doc = parse_yaml(file, *text, 1, diagnostics);
  if (!doc) return config;
  if (!doc->root->is_map()) {
    diagnostics.add(file.error_at(1, 1, "catalogue.yaml must be a map of settings"));
    return config;
  }
  static const std::vector<std::string> known = {"title", "description", "language", "base_url",
                                                 "updated"};
  for (const auto& entry : doc->root->entries()) {
    const std::string& key = entry.key->scalar();
    Position p = entry.key->position();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      diagnostics.add(file.error_at(p.line, p.column, "unknown setting '" + key + "'",
                                    did_you_mean(key, known)));
      continue;
    }
    if (!entry.value->is_scalar()) {
      Position v = entry.value->position();
      diagnostics.add(file.error_at(v.line, v.column, "'" + key + "' must be text"));
      continue;
    }
    std::string value = entry.value->scalar();
    Position v = entry.value->position();
    if (key == "title") config.title = value;
    else if (key == "description") config.description = value;
    else if (key == "language") config.language = value;
    else if (key == "updated") {
      if (!std::regex_match(value, std::regex(R"(\d{4}-\d{2}-\d{2})")))
        diagnostics.add(file.error_at(v.line, v.column, "'updated' must be a date YYYY-MM-DD"));
      config.updated = value;
    } else if (key == "base_url") {
      if (value.rfind("http://", 0) != 0 && value.rfind("https://", 0) != 0)
        diagnostics.add(file.error_at(v.line, v.column, "base_url must start with http:// or https://",
                                      "for example https://example.org/catalogue/"));
      if (!value.empty() && value.back() != '/') value += '/';
      config.base_url = value;
    }
  }
  if (!doc->root->find("title"))
    diagnostics.add(file.error_at(1, 1, "catalogue.yaml has no 'title'"));
  return config;
}

}  // namespace passerelle
