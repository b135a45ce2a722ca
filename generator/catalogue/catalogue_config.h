// content/catalogue.yaml: the catalogue's title, description, language, the
// licence of its content and data, an optional base_url (used only for
// canonical links, permalinks, the feeds and the sitemap; every other link
// stays relative), and an optional form editor (`cms:`).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "fs/file_system.h"

namespace passerelle {

// The terms under which the catalogue's text and data may be reused, shown
// in every page's footer and carried in catalogue.json.
struct Licence {
  std::string name;  // "CC BY 4.0"; empty: no licence declared
  std::string url;   // where its terms are, http(s); may be empty
};

// The form editor written into site/admin/ (generator/cms/cms_config.h), on
// when catalogue.yaml has `cms:`. Editors sign in to the git host named by
// `backend` and `repo`, or, in a Chromium browser, work on a local clone.
struct CmsSettings {
  bool enabled = false;
  std::string backend = "github";  // github, gitlab, gitea, or test-repo (in the browser only, for tests)
  std::string repo;                // owner/name on the git host; needed by every backend but test-repo
  std::string branch = "main";
  std::string site_url;  // where the site is published, linked from the editor; may be empty
  // The catalogue folder's path inside the repository: the records of `dps`
  // are under <folder>/dps.
  std::string folder = "content";
};

struct CatalogueConfig {
  std::string title = "Catalogue";
  std::string tagline;  // a line above the title on the home page; optional
  std::string description;
  // The languages the site is published in (`languages: [en, fr]`, or one
  // `language: en`), the first the default, at the site's root; each other
  // under a folder of its own name (fr/).
  std::vector<std::string> languages = {"en"};
  // The language being read or rendered: the first of `languages`, or, in
  // the copy of the settings a build makes for another, that one.
  std::string language = "en";
  std::string base_url;  // empty, or ends with '/'
  std::string updated;   // YYYY-MM-DD, the feed's date; optional
  Licence licence;
  // The title, tagline and description written per language,
  // `description: {en: …, fr: …}`: text → language → text.
  std::map<std::string, std::map<std::string, std::string>> translated;
  bool offline_archive = false;  // write catalogue.zip, offered in every footer
  CmsSettings cms;
};

// With offline_archive, the site's ZIP (output/offline_archive.h) and what
// the pages carry where its size goes until the archive is made: private-use
// characters, which no template or escaping touches and no reader types.
inline constexpr const char* archive_path = "catalogue.zip";
inline constexpr const char* archive_size_marker =
    "\xee\x80\x80"
    "archive-size"
    "\xee\x80\x80";

// The settings as the site in `language` reads them: that language, and
// its title, tagline and description where they are translated.
CatalogueConfig catalogue_in_language(const CatalogueConfig& config, const std::string& language);

// Where the pages of config.language go: "" for the default, "fr/" for French.
std::string language_prefix(const CatalogueConfig& config);

CatalogueConfig load_catalogue_config(const FileSystem& fs, const std::string& content_dir,
                                      Diagnostics& diagnostics);

}  // namespace passerelle
