// A site kept in memory and brought up to date as its input files change:
// what the dev server (serve/dev_server.h) serves.
//
// rebuild() is build_site() (pipeline.h) keeping what each stage made
// (BuiltModel: records, bodies, list items, search documents, the index) and
// every file of the site. update() takes the paths that changed and redoes only what they
// affect. When record files are edited it re-reads those files alone, moves
// each record to where the sort order now puts it, and re-renders the pages
// that show it, which render/affected_pages.h names (its own, its terms',
// those of the records it refers to and of those referring to it…; a
// record's date comes from git, read at a full rebuild). A theme file
// changes only itself. Anything else (schema,
// vocabularies, catalogue.yaml, templates, a record added or removed)
// rebuilds everything, and so does an edit that changes a record's aliases
// (pages come or go).
//
// Feeds, the search index and the offline archive depend on every record: update() marks them
// stale and refresh_data() makes them again, so that a server can publish the
// pages first. update() checks the links of the edited records' own pages;
// the other pages it renders link only to records and terms that exist, and
// refresh_data() checks them. After update() and refresh_data() the files are
// those build_site() makes from the same inputs, byte for byte.
//
// A change that brings an error is not applied: files() keeps the last good
// version of that record, diagnostics() reports the error, and ok() is false
// until it is fixed. Not thread-safe: one thread updates, and readers get
// copies of files() (the bytes are shared, not copied).
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "fs/file_system.h"
#include "pipeline/progress.h"
#include "pipeline/stages.h"

namespace passerelle {

// Output path → bytes, shared between versions of the site.
using SharedFiles = std::map<std::string, std::shared_ptr<const std::string>>;

struct UpdateReport {
  enum class Kind { none, record, theme, full };
  Kind kind = Kind::none;
  size_t pages = 0;  // pages rendered
  double milliseconds = 0;
};

class LiveSite {
 public:
  // `out_label` names the site in diagnostics about links, as build_site's does.
  LiveSite(const FileSystem& fs, Inputs inputs, std::string out_label = "site");
  ~LiveSite();
  LiveSite(const LiveSite&) = delete;
  LiveSite& operator=(const LiveSite&) = delete;

  // Loads and renders everything, data files included.
  UpdateReport rebuild(Progress& progress);
  // Brings the site up to date with `changed`, paths under the input folders
  // as the file watcher names them (input folder joined with the relative path).
  UpdateReport update(const std::vector<std::string>& changed);

  // True when feeds, the search index and the offline archive wait for refresh_data().
  bool data_stale() const { return data_stale_; }
  void refresh_data();

  // No error: files() is the site of the inputs as they are now.
  bool ok() const { return !diagnostics_.has_errors(); }
  // Every current problem, warnings included.
  const Diagnostics& diagnostics() const { return diagnostics_; }
  // The last good site: empty until a build succeeded.
  const SharedFiles& files() const;
  size_t record_count() const;

 private:
  struct State;
  UpdateReport rebuild_quietly();
  // rejected: the edit brings an error; changes_addresses: its aliases
  // changed, so the set of pages changes (a full rebuild).
  enum class EditResult { applied, rejected, changes_addresses };
  EditResult apply_record_edit(const std::string& path, const std::string& collection, const std::string& id,
                               std::set<std::string>& pages);
  // Renders `pages`; checks the links of `check_now` at once and of the others in refresh_data().
  size_t render_affected(const std::set<std::string>& pages, const std::set<std::string>& check_now);
  bool replace_theme_files();
  // With offline_archive: makes the ZIP again from the files as they are now.
  void refresh_archive();
  void assemble_diagnostics();

  const FileSystem& fs_;
  Inputs inputs_;
  std::string out_label_;
  std::unique_ptr<State> state_;                // the last good model; null before the first
  bool needs_rebuild_ = true;                   // the last full build failed
  Diagnostics failed_;                          // what it reported
  std::map<std::string, Diagnostics> pending_;  // record edits not applied, by path
  Diagnostics diagnostics_;
  bool data_stale_ = false;
  std::set<std::string> unchecked_;  // pages rendered whose links refresh_data() checks
  std::set<std::string> edited_;     // the records ("dps/espere") edited since the data were made
};

}  // namespace passerelle
