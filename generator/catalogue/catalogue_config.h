// content/catalogue.yaml: the catalogue's title, description, language and
// optional base_url (used only for canonical links, the feed and the sitemap;
// every other link stays relative).
#pragma once

#include <string>

#include "diagnostics/diagnostic.h"
#include "fs/file_system.h"

namespace passerelle {

struct CatalogueConfig {
  std::string title = "Catalogue";
  std::string description;
  std::string language = "en";
  std::string base_url;  // empty, or ends with '/'
  std::string updated;   // YYYY-MM-DD, the feed's date; optional
};

CatalogueConfig load_catalogue_config(const FileSystem& fs, const std::string& content_dir,
                                      Diagnostics& diagnostics);

}  // namespace passerelle
