// The form editor's configuration, generated from the schema: what
// site/admin/ holds when catalogue.yaml has `cms:` (catalogue_config.h).
//
// Sveltia CMS (npm @sveltia/cms, cms/package.json) edits the records of a git
// repository through forms; it needs a config.yml naming every collection and
// field. Written here from schema.yaml and the vocabularies, it cannot drift
// from them: one folder collection per collection, every field with the
// widget of its type, enums and vocabulary terms as selects of the labels the
// site shows, references as relations searched by title. The editor checks
// only what a form can (required fields, choices, number types); `passerelle
// check` in CI still checks everything else. This stage only makes text; the
// pipeline copies the editor's script beside it (pipeline/stages.h).
#pragma once

#include <string>

#include "catalogue/catalogue_config.h"
#include "catalogue/schema.h"
#include "catalogue/vocabulary.h"

namespace passerelle {

// site/admin/config.yml.
std::string cms_config_yaml(const CatalogueConfig& config, const Schema& schema,
                            const Vocabularies& vocabularies);

// site/admin/index.html: loads the editor's script and fonts under a policy
// of its own.
std::string cms_admin_page(const CatalogueConfig& config);

// site/admin/fonts.css: the editor's fonts from admin/fonts/. The editor
// asks a CDN for them too; its policy refuses, and these are used instead.
std::string cms_fonts_css();

// A file of the npm packages (cms/package.json) the site serves under admin/.
struct CmsAsset {
  const char* module_path;  // under node_modules/
  const char* site_path;    // under admin/
};
inline constexpr CmsAsset kCmsAssets[] = {
    {"@sveltia/cms/dist/sveltia-cms.js", "sveltia-cms.js"},
    {"@fontsource-variable/material-symbols-outlined/files/material-symbols-outlined-latin-wght-normal.woff2",
     "fonts/material-symbols-outlined.woff2"},
    {"@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2",
     "fonts/source-sans-3.woff2"},
};

// The node_modules folder the assets are read from: $PASSERELLE_CMS_MODULES,
// else the one `npm ci` installs in the source tree's cms/ folder (`make
// site` and `make cms` do).
std::string default_cms_modules();

}  // namespace passerelle
