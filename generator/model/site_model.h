// The site model: what every stage after loading reads (render/, search/,
// output/, the dev server): the catalogue's settings, its valid records in
// display order, their index, and its own pages; and where each of them is
// published. It holds references only and owns nothing: the pipeline keeps
// the values (pipeline/stages.h: LoadedCatalogue). It sits below render/ and
// search/ so that neither has to include the other to know what a site is;
// how a page shows a record is render/'s business (render/view_model.h).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "catalogue/catalogue_config.h"
#include "catalogue/catalogue_index.h"
#include "catalogue/schema.h"
#include "catalogue/vocabulary.h"
#include "content/record.h"

namespace passerelle {

// One of the catalogue's own pages (content/pages/, validation/page_loader.h)
// and its body as HTML, which the pipeline fills in before the pages render
// (render_page_bodies()).
struct FreePage {
  Record page;
  std::string html;
};

const std::vector<FreePage>& no_free_pages();

class UiStrings;
// No interface strings: each is shown as its name (render/ui_strings.h).
const UiStrings& no_strings();

struct SiteModel {
  const CatalogueConfig& config;
  const Schema& schema;
  const Vocabularies& vocabularies;
  const std::vector<Record>& records;
  const CatalogueIndex& index;
  const std::vector<FreePage>& pages = no_free_pages();
  // The interface's words in config.language (templates/strings/).
  const UiStrings& strings = no_strings();
};

using SiteFiles = std::map<std::string, std::string>;  // output path → bytes

// Output paths, relative to the site root.
std::string record_path(const std::string& collection, const std::string& id);
std::string term_path(const std::string& taxonomy, const std::string& term);
std::string free_page_path(const std::string& id);  // "pages/about.html"
// The page that lists the records changed last, and its Atom feed.
inline constexpr const char* recent_changes_path = "recent.html";
inline constexpr const char* recent_feed_path = "recent.xml";

}  // namespace passerelle
