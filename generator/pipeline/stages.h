// The stages of the pipeline as functions: build_site() (pipeline.h) runs
// them in sequence for every command, and LiveSite (live_site.h) reruns a few
// of them for the records an edit touches, so that both make the same site
// from the same inputs.
//
// Each stage takes values and returns values and adds what it finds to
// `diagnostics`; none of them writes.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalogue/catalogue_config.h"
#include "catalogue/schema.h"
#include "catalogue/vocabulary.h"
#include "cms/cms_config.h"
#include "content/record.h"
#include "diagnostics/diagnostic.h"
#include "fs/file_system.h"
#include "markdown/markdown.h"
#include "render/feeds.h"
#include "render/site_renderer.h"
#include "render/template_set.h"
#include "search/inverted_index.h"
#include "search/search_document.h"
#include "validation/record_loader.h"

namespace passerelle {

struct Inputs {
  std::string content = "content";
  std::string templates = "templates";
  std::string theme = "theme";
  // The node_modules folder of the form editor's packages, whose files are
  // copied into admin/ when catalogue.yaml has `cms:` (cms/cms_config.h);
  // empty: not copied, nor the page that loads them (`check`).
  std::string cms_modules = default_cms_modules();
};

// The catalogue's settings: catalogue.yaml, schema.yaml and the vocabularies,
// their labels read in the catalogue's language, and the schema in each of its
// other languages (schema.fr.yaml: catalogue/schema_translation.h). The first step of every
// command, whether it goes on to the records (load_catalogue()) or stops
// there (docs, schema, new, mv), so all of them read and report the settings
// alike.
struct CatalogueSettings {
  CatalogueConfig config;
  Schema schema;
  Vocabularies vocabularies;
  std::map<std::string, Schema> schemas;  // another language → the schema in it
};
CatalogueSettings load_settings(const FileSystem& fs, const std::string& content_dir, Diagnostics& diagnostics);

// Everything read from the input folders.
struct LoadedCatalogue {
  CatalogueConfig config;
  Schema schema;
  std::map<std::string, Schema> schemas;  // another language → the schema in it
  Vocabularies vocabularies;
  TemplateSet templates;
  std::vector<Record> records;  // valid records, in display order
  // "<collection>/<id>" of the record files that did not load, each with
  // its error: a link to one is not another error (LinkTargets).
  std::set<std::string> unloaded_records;
  std::vector<FreePage> pages;  // content/pages/, in footer order; bodies not rendered yet
};

// Load: the settings (load_settings()), templates, records and pages, each record and page with the date its
// file last changed. With `hold_bodies` false, the records keep only their
// front matter (release_body(), content/record.h), and their bodies are read
// again from `fs` when needed (BodyRenderer, record_body_text()); with
// `checked` too, the records found there are made from it, their files not
// read (load_records()).
LoadedCatalogue load_catalogue(const FileSystem& fs, const Inputs& inputs, Diagnostics& diagnostics,
                               bool hold_bodies = true, CheckedRecords* checked = nullptr);

// The catalogue as its site in `language`, another of config.languages,
// shows it: settings, schema, strings and records in that language where they are
// translated (content/record.h: in_language()), in the order its titles
// give.
LoadedCatalogue in_language(const LoadedCatalogue& loaded, const std::string& language);

// The interface strings of the theme's scripts, as the script `strings.js`
// that the pages which run them load first.
std::string strings_script(const TemplateSet& templates);

// "<collection>/<id>" of every record.
std::set<std::string> record_keys(const std::vector<Record>& records);

// Record bodies rendered one at a time, as the pages ask for them
// (render_pages()), so that a body is held no longer than its page: each
// read again from its file where the record does not hold it (Record's
// body_held). finish() then reports in record order what the bodies' links
// got wrong, links to other records' #anchors included, once every body's
// headings are known.
class BodyRenderer {
 public:
  // With `targets`, every link of every body is checked (markdown/markdown.h).
  // With `keep`, each body's HTML stays there too (`(*keep)[i]`), and with
  // `texts` its plain text, for the dev server. `fs` reads the bodies that
  // are not held; without it, every record must hold its body. `keys` are
  // record_keys(records), which it refers to.
  BodyRenderer(const FileSystem* fs, const std::vector<Record>& records, const std::set<std::string>& keys,
               const LinkTargets* targets, std::vector<std::string>* keep = nullptr,
               std::vector<std::string>* texts = nullptr);
  // Record i's body as HTML. Thread-safe for distinct i.
  std::string operator()(size_t i);
  // Renders the bodies no page asked for, then adds what every body's links
  // got wrong to `diagnostics`. Without `every_body`, renders only those
  // whose #anchors a rendered body links to: a build that renders some pages
  // again checks the bodies on them (the others were checked by the last).
  void finish(Diagnostics& diagnostics, bool every_body = true);

 private:
  std::optional<BodySource> body_of(size_t i, Diagnostics& diagnostics) const;

  const FileSystem* fs_;
  const std::vector<Record>& records_;
  const LinkTargets* targets_;
  std::vector<std::string>* keep_;
  std::vector<std::string>* texts_;
  const std::set<std::string>& keys_;
  std::vector<Diagnostics> found_;
  std::vector<std::vector<std::string>> anchors_;
  std::vector<std::vector<AnchorLink>> anchor_links_;
  std::vector<char> rendered_;
};

// Record i's body as plain text for search, read again from its file where
// the record does not hold it: what the search index reads as the pages
// render, so that no text is held for it. Empty when the file cannot be read
// (the page's render reports it).
std::string record_body_text(const FileSystem& fs, const Record& record);

// Markdown: `bodies[i]` is the HTML body of `records[i]`, and `texts[i]`,
// when asked for, its plain text for search. With `targets`, every link of
// every body is checked at its line (markdown/markdown.h). Every record must
// hold its body.
std::vector<std::string> render_bodies(const std::vector<Record>& records, Diagnostics& diagnostics,
                                       std::vector<std::string>* texts = nullptr,
                                       const LinkTargets* targets = nullptr);

// Renders the pages' bodies into their `html`, links checked as records' are.
void render_page_bodies(std::vector<FreePage>& pages, const std::set<std::string>& record_keys,
                        const LinkTargets& targets, Diagnostics& diagnostics);

// What bodies may link to: every page of `site`, the theme and media files,
// the data files, and the ids of a record page's templates; and the records
// whose files did not load (LoadedCatalogue's `unloaded_records`).
LinkTargets link_targets(const FileSystem& fs, const Inputs& inputs, const SiteModel& site,
                         const TemplateSet& templates, const std::set<std::string>& unloaded_records = {});

// Copies every file under `theme_dir` into `files` under assets/.
void add_theme_files(const FileSystem& fs, const std::string& theme_dir, SiteFiles& files,
                     Diagnostics& diagnostics);

// The largest file content/media/ may hold.
constexpr size_t max_media_bytes = 5 << 20;

// Copies every file under content/media/ into `files` under media/: images
// and documents that records link to (`![…](../media/kitchen.jpg)`).
void add_media_files(const FileSystem& fs, const Inputs& inputs, SiteFiles& files, Diagnostics& diagnostics);

// With `cms:` in catalogue.yaml, the form editor under admin/: its
// config.yml generated from the schema (cms/cms_config.h), and, unless
// inputs.cms_modules is empty, its page and the script and fonts read from
// there. A missing file is an error that says how to install it.
void add_cms_files(const FileSystem& fs, const Inputs& inputs, const SiteModel& site, SiteFiles& files,
                   Diagnostics& diagnostics);

// Feeds (catalogue.json, .csv, Atom, sitemap) and the search index, from the
// records' search documents (one per record, in order) and their analyses,
// as a build makes them (search/search_index.h); the feeds copy what they
// can from `before` (render/feeds.h).
void add_data_files(const SiteModel& site, const search::AnalysedDocuments& analysed,
                    const std::vector<search::SearchDocument>& documents, SiteFiles& files,
                    const FeedsBefore& before = {});

}  // namespace passerelle
