#include "catalogue/catalogue_config.h"

#include <algorithm>
#include <regex>
#include <set>

#include "content/yaml_document.h"
#include "diagnostics/edit_distance.h"

namespace passerelle {

namespace {

bool is_web_address(const std::string& value) {
  return value.starts_with("http://") || value.starts_with("https://");
}

// Hands each entry of the setting `name`, a map (`shape` says which), to `read(key, value,
// position of the value)`. A key not in `known` (with "did you mean") and a
// value that is not text are reported and skipped; so is a setting that is
// not a map. Returns false for the latter.
template <class Read>
bool read_text_map(const SourceFile& file, const YamlNode& node, const std::string& name,
                   const std::string& shape, const std::vector<std::string>& known, const std::string& example,
                   Diagnostics& diagnostics, Read read) {
  if (!node.is_map()) {
    const Position v = node.position();
    diagnostics.add(file.error_at(v.line, v.column, "'" + name + "' must be " + shape, example));
    return false;
  }
  for (const auto& entry : node.entries()) {
    const std::string& key = entry.key->scalar();
    const Position k = entry.key->position();
    const Position v = entry.value->position();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      diagnostics.add(file.error_at(k.line, k.column, "unknown key '" + key + "' in '" + name + "'",
                                    did_you_mean(key, known)));
      continue;
    }
    if (!entry.value->is_scalar() || entry.value->scalar().empty()) {
      diagnostics.add(
          file.error_at(v.line, v.column, "the " + name + "'s '" + key + "' must be text", example));
      continue;
    }
    read(key, entry.value->scalar(), v);
  }
  return true;
}

// `licence: {name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}`
// `at`: where the key `licence` is, for what the whole map lacks.
Licence read_licence(const SourceFile& file, const YamlNode& node, Position at, Diagnostics& diagnostics) {
  static const std::string example =
      "write 'licence: {name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}'";
  Licence licence;
  static const std::vector<std::string> known = {"name", "url"};
  const bool is_map =
      read_text_map(file, node, "licence", "a map with 'name' and 'url'", known, example, diagnostics,
                    [&](const std::string& key, const std::string& value, Position v) {
                      if (key == "name") {
                        licence.name = value;
                      } else if (!is_web_address(value)) {
                        diagnostics.add(file.error_at(v.line, v.column,
                                                      "the licence's url must start with http:// or https://",
                                                      "give the address of the licence's terms, e.g. "
                                                      "https://creativecommons.org/licenses/by/4.0/"));
                      } else {
                        licence.url = value;
                      }
                    });
  if (!is_map) return licence;
  if (!node.find("name"))
    diagnostics.add(file.error_at(at.line, at.column, "the licence has no 'name'", example));
  return licence;
}

// `cms: {backend: github, repo: owner/name, branch: main, site_url: …, folder: content}`
CmsSettings read_cms(const SourceFile& file, const YamlNode& node, Position at, Diagnostics& diagnostics) {
  static const std::string example = "write 'cms: {backend: github, repo: owner/name, branch: main}'";
  CmsSettings cms;
  cms.enabled = true;
  static const std::vector<std::string> known = {"backend", "repo", "branch", "site_url", "folder"};
  static const std::vector<std::string> backends = {"github", "gitlab", "gitea", "test-repo"};
  auto read = [&](const std::string& key, const std::string& value, Position v) {
    if (key == "backend") {
      if (std::find(backends.begin(), backends.end(), value) == backends.end()) {
        std::string hint = did_you_mean(value, backends);
        if (hint.empty()) hint = "the backends are github, gitlab, gitea and test-repo";
        diagnostics.add(file.error_at(v.line, v.column, "unknown cms backend '" + value + "'", hint));
      }
      cms.backend = value;
    } else if (key == "repo") {
      if (std::count(value.begin(), value.end(), '/') != 1 || value.front() == '/' || value.back() == '/')
        diagnostics.add(file.error_at(v.line, v.column, "the cms's repo must be written owner/name",
                                      "for example 'repo: my-network/catalogue'"));
      cms.repo = value;
    } else if (key == "branch") {
      cms.branch = value;
    } else if (key == "site_url") {
      if (!is_web_address(value))
        diagnostics.add(file.error_at(v.line, v.column,
                                      "the cms's site_url must start with http:// or https://",
                                      "give the address where the site is published"));
      cms.site_url = value;
    } else {  // folder
      std::string folder = value;
      while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
      if (folder.front() == '/' || folder.find("..") != std::string::npos)
        diagnostics.add(file.error_at(v.line, v.column, "the cms's folder must be a path inside the repository",
                                      "the catalogue folder as seen from the repository's root, e.g. "
                                      "'folder: content', or '.' when the catalogue is the repository"));
      cms.folder = folder;
    }
  };
  if (!read_text_map(file, node, "cms", "a map of settings", known, example, diagnostics, read)) return cms;
  if (cms.backend != "test-repo" && cms.repo.empty())
    diagnostics.add(file.error_at(at.line, at.column, "the cms has no 'repo'",
                                  "name the repository editors work in, e.g. 'repo: my-network/catalogue'"));
  return cms;
}

}  // namespace

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
  static const std::vector<std::string> known = {"title",    "tagline",         "description",
                                                 "language", "base_url",        "updated",
                                                 "licence",  "offline_archive", "cms"};
  for (const auto& entry : doc->root->entries()) {
    const std::string& key = entry.key->scalar();
    Position p = entry.key->position();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      diagnostics.add(
          file.error_at(p.line, p.column, "unknown setting '" + key + "'", did_you_mean(key, known)));
      continue;
    }
    if (key == "licence") {
      config.licence = read_licence(file, *entry.value, p, diagnostics);
      continue;
    }
    if (key == "cms") {
      config.cms = read_cms(file, *entry.value, p, diagnostics);
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
    else if (key == "tagline") config.tagline = value;
    else if (key == "language") config.language = value;
    else if (key == "offline_archive") {
      if (value != "true" && value != "false")
        diagnostics.add(file.error_at(v.line, v.column, "'offline_archive' must be true or false",
                                      "true writes catalogue.zip, the site for reading offline"));
      config.offline_archive = value == "true";
    } else if (key == "updated") {
      if (!std::regex_match(value, std::regex(R"(\d{4}-\d{2}-\d{2})")))
        diagnostics.add(file.error_at(v.line, v.column, "'updated' must be a date YYYY-MM-DD"));
      config.updated = value;
    } else if (key == "base_url") {
      if (!is_web_address(value))
        diagnostics.add(file.error_at(v.line, v.column, "base_url must start with http:// or https://",
                                      "for example https://example.org/catalogue/"));
      if (!value.empty() && value.back() != '/') value += '/';
      config.base_url = value;
    }
  }
  if (!doc->root->find("title")) diagnostics.add(file.error_at(1, 1, "catalogue.yaml has no 'title'"));
  return config;
}

}  // namespace passerelle
