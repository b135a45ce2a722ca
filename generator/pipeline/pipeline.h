// The one sequence every command runs:
// load → validate → index → render → search → check links.
//
// A build that keeps nothing (every command but the dev server) holds what
// the pages are made from, not the pages: each record keeps its front
// matter, and its body is read again from its file and rendered when its
// page is, on the thread that renders it; the search index reads each body
// again as it analyses it; every file goes to the sink as soon as it is
// made. At 100,000 records of 300 to 700 words, a build's peak memory is
// about 900 MB (scripts/bench-build).
//
// Takes the input folders through a FileSystem and hands every file of the
// site to a SiteSink as soon as it is made; it never writes itself. `build`
// passes a SiteWriter (output/site_writer.h) and commits it when no error was
// found, `check` discards the files, tests keep them in memory, and the dev
// server (pipeline/live_site.h) keeps them and the model they were made from
// (BuiltModel), which it then updates as files change.
#pragma once

#include <future>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalogue/catalogue_index.h"
#include "content/source_file.h"
#include "diagnostics/diagnostic.h"
#include "fs/file_system.h"
#include "links/link_checker.h"
#include "output/site_sink.h"
#include "pipeline/kept_items.h"
#include "pipeline/progress.h"
#include "pipeline/stages.h"
#include "render/site_renderer.h"
#include "search/search_document.h"

namespace passerelle {

// How far the catalogue is translated into one of its languages but the
// default: `passerelle check` reports it.
struct TranslationReport {
  std::string language;
  size_t records = 0, records_translated = 0;
  size_t pages = 0, pages_translated = 0;
  std::vector<std::string> missing;  // the files of the records and pages not translated, in site order
};

TranslationReport translation_report(const LoadedCatalogue& loaded, const std::string& language);

struct SiteBuild {
  Diagnostics diagnostics;
  std::vector<TranslationReport> translations;  // one per language but the default
  size_t record_count = 0;
  size_t page_count = 0;
  size_t file_count = 0;  // pages included
  // Each record as the build checked it, with what the search index kept
  // of it, and the terms its analysis is numbered by (SavedSearch::terms),
  // for the build cache; filled by a build whose sink keeps its files.
  CheckedRecords checked_records;
  std::string search_terms;
  // What the build held while it ran, where it keeps no model (its
  // records, their index and keys, the links it checked), for the caller to
  // let go of: a command that ends with the build leaves it to the
  // process's exit (util/drop_at_exit.h).
  std::shared_ptr<void> held;
};

// The record files changed since the last build, each with its front matter
// as the last build read it, and every other record as the last build
// checked it (BuildCache::edited_records()). Given them, build_site() takes
// the records whose files did not change from `unchanged` rather than parse
// their front matter again. Given a sink that holds the last build's site
// (SiteWriter) as well, it renders again only the pages that show the
// edited records, before or after the edit (render/affected_pages.h), and
// keeps the others as they are. It does so for a catalogue in one language
// without the offline copy, when each file is a record that loads and keeps
// its aliases (so the site's addresses are the same); otherwise it renders
// every page. Where the edits changed records' bodies alone (their fields are
// as before), the feeds, which read no body, are kept as the last build made
// them; otherwise they are made whole, each record's entry in
// catalogue.json and .csv copied from the last build's files where the record
// was taken from `unchanged` (render/feeds.h: FeedsBefore). The search index
// is made whole too, from the analyses the last build kept of the records
// taken from `unchanged` (CheckedRecord::search), under `search_terms`, and
// of the edited records alone. The list items of the records taken from
// `unchanged` are read from `items`, where it holds them, rather than
// rendered. Links are checked on the pages rendered, and on the kept
// pages they link into with a #fragment; should a page rendered again lose
// an id, every page is checked, and every body.
struct EditedRecords {
  std::map<std::string, std::string> before;  // edited file's path → its front matter as last read
  CheckedRecords unchanged;                   // by path; the build moves from it
  std::string search_terms;                   // SavedSearch::terms
  std::optional<KeptItems> items;             // the list items the last full build rendered
};

// What a build made its pages from, kept when the caller asks for it: what
// the dev server needs to re-render the pages an edit affects without
// running the sequence again.
struct BuiltModel {
  LoadedCatalogue loaded;
  CatalogueIndex index;
  LinkTargets targets;                            // what bodies may link to
  std::vector<std::string> bodies;                // bodies[i]: records[i]'s rendered Markdown
  std::vector<std::string> items;                 // records[i] as a list item (render_record_items())
  search::AnalysedDocuments analysed;             // the records' search documents analysed, in order
  std::vector<search::SearchDocument> documents;  // as much of each as its entry reads (entry_source())
  std::set<std::string> data_paths;               // the feeds and the search index (add_data_files())
  std::unique_ptr<LinkChecker> links;             // every page checked, to re-check edited ones
  Diagnostics link_problems;                      // links->finish() after the build
  std::string archive_size;                       // with offline_archive: what the footers say, "2.6 MB"

  SiteModel site() const {
    return {loaded.config, loaded.schema, loaded.vocabularies, loaded.records, index, loaded.pages,
            loaded.templates.strings()};
  }
};

// `out_label` is the output folder as the user named it, for diagnostics
// about links in rendered pages. With `keep`, the model is kept there and its
// link problems go to `keep->link_problems` rather than to the build's
// diagnostics; it is complete only when the build's diagnostics hold no
// error (a build stops after the pages when they do: the bodies' errors are
// found as their pages render).
SiteBuild build_site(const FileSystem& fs, const Inputs& inputs, const std::string& out_label,
                     Progress& progress, SiteSink& sink, BuiltModel* keep = nullptr,
                     EditedRecords* edited = nullptr);

}  // namespace passerelle
