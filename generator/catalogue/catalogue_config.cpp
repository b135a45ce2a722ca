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

// `languages: [en, fr]`: ISO 639-1 codes, at least one, none twice.
std::vector<std::string> read_languages(const SourceFile& file, const YamlNode& value, Position at,
                                        Diagnostics& diagnostics) {
  std::vector<std::string> languages;
  if (!value.is_list() || value.items().empty()) {
    diagnostics.add(file.error_at(at.line, at.column, "'languages' must be a list of language codes",
                                  "for example languages: [en, fr]; the first is the default"));
    return languages;
  }
  for (const auto& item : value.items()) {
    Position p = item->position();
    const std::string code = item->is_scalar() ? item->scalar() : "";
    if (!std::regex_match(code, std::regex("[a-z]{2}"))) {
      diagnostics.add(file.error_at(p.line, p.column, "'" + code + "' is not a language code",
                                    "languages are ISO 639-1 codes such as en or fr"));
    } else if (std::find(languages.begin(), languages.end(), code) != languages.end()) {
      diagnostics.add(file.error_at(p.line, p.column, "'" + code + "' is listed twice in 'languages'"));
    } else {
      languages.push_back(code);
    }
  }
  return languages;
}

}  // namespace

CatalogueConfig catalogue_in_language(const CatalogueConfig& config, const std::string& language) {
  CatalogueConfig shown = config;
  shown.language = language;
  for (const auto& [key, texts] : config.translated) {
    auto text = texts.find(language);
    if (text == texts.end()) continue;
    if (key == "title") shown.title = text->second;
    else if (key == "tagline") shown.tagline = text->second;
    else if (key == "description") shown.description = text->second;
  }
  return shown;
}

std::string language_prefix(const CatalogueConfig& config) {
  return config.language == config.languages.front() ? "" : config.language + "/";
}

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
                                                 "language", "languages",       "base_url", "updated",
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
    if (key == "languages") {
      config.languages = read_languages(file, *entry.value, p, diagnostics);
      continue;
    }
    if ((key == "title" || key == "tagline" || key == "description") && entry.value->is_map()) {
      for (const auto& translation : entry.value->entries()) {
        Position t = translation.key->position();
        if (!translation.value->is_scalar())
          diagnostics.add(file.error_at(t.line, t.column,
                                        "the " + key + " in '" + translation.key->scalar() + "' must be text"));
        else
          config.translated[key][translation.key->scalar()] = translation.value->scalar();
      }
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
  if (doc->root->find("languages")) {
    if (const YamlNode* language = doc->root->find("language")) {
      Position l = language->position();
      diagnostics.add(file.error_at(l.line, l.column, "both 'language' and 'languages' are set",
                                    "keep 'languages: [" + (config.languages.empty() ? config.language
                                                                                    : config.languages.front()) +
                                        ", …]' alone: its first language is the default"));
    }
  }
  if (config.languages.empty()) config.languages = {config.language};
  config.language = config.languages.front();
  // A text per language has one in each, and in no other.
  for (const auto& [key, texts] : config.translated) {
    const YamlNode* node = doc->root->find(key);
    for (const auto& language : config.languages)
      if (!texts.count(language)) {
        Position p = node->position();
        diagnostics.add(file.error_at(p.line, p.column, "the " + key + " has no '" + language + "' text",
                                      "add '" + language + ": …' to it, or write one text for every language"));
      }
    for (const auto& entry : node->entries())
      if (std::find(config.languages.begin(), config.languages.end(), entry.key->scalar()) ==
          config.languages.end()) {
        Position p = entry.key->position();
        diagnostics.add(file.error_at(p.line, p.column,
                                      "'" + entry.key->scalar() + "' is not one of the catalogue's languages",
                                      did_you_mean(entry.key->scalar(), config.languages)));
      }
  }
  config = catalogue_in_language(config, config.language);
  return config;
}

}  // namespace passerelle
