// content/catalogue.yaml: the catalogue's title, description, language, the
// licence of its content and data, and an optional base_url (used only for
// canonical links, permalinks, the feeds and the sitemap; every other link
// stays relative).
#pragma once

#include <string>

#include "diagnostics/diagnostic.h"
#include "fs/file_system.h"

namespace passerelle {

// The terms under which the catalogue's text and data may be reused, shown
// in every page's footer and carried in catalogue.json.
struct Licence {
  std::string name;  // "CC BY 4.0"; empty: no licence declared
  std::string url;   // where its terms are, http(s); may be empty
};

struct CatalogueConfig {
  std::string title = "Catalogue";
  std::string description;
  std::string language = "en";
  std::string base_url;  // empty, or ends with '/'
  std::string updated;   // YYYY-MM-DD, the feed's date; optional
  Licence licence;
  bool offline_archive = false;  // write catalogue.zip, offered in every footer
};

// With offline_archive, the site's ZIP (output/offline_archive.h) and what
// the pages carry where its size goes until the archive is made: private-use
// characters, which no template or escaping touches and no reader types.
inline constexpr const char* archive_path = "catalogue.zip";
inline constexpr const char* archive_size_marker = "\xee\x80\x80" "archive-size" "\xee\x80\x80";

CatalogueConfig load_catalogue_config(const FileSystem& fs, const std::string& content_dir,
                                      Diagnostics& diagnostics);

}  // namespace passerelle
