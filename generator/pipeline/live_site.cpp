#include "pipeline/live_site.h"

#include <algorithm>
#include <chrono>
#include <mutex>

#include "catalogue/catalogue_index.h"
#include "links/link_checker.h"
#include "markdown/markdown.h"
#include "output/offline_archive.h"
#include "pipeline/index_update.h"
#include "pipeline/pipeline.h"
#include "render/affected_pages.h"
#include "search/shard_writer.h"
#include "validation/record_loader.h"

namespace passerelle {

namespace {

using Clock = std::chrono::steady_clock;

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

bool same_folder(std::string a, std::string b) {
  while (a.size() > 1 && a.back() == '/') a.pop_back();
  while (b.size() > 1 && b.back() == '/') b.pop_back();
  return a == b;
}

bool is_hidden(const std::string& relative) {
  return relative.empty() || relative[0] == '.' || relative.find("/.") != std::string::npos;
}

}  // namespace

// The model of the last good build, as build_site() kept it, and the files it made.
struct LiveSite::State : BuiltModel {
  std::set<std::string> keys;  // "<collection>/<id>" of every record
  SharedFiles files;
  Diagnostics global;                            // not about one record file
  std::map<std::string, Diagnostics> by_record;  // record file → its problems
};

namespace {

// Keeps every file build_site() makes, as the live site holds them.
class SharedSink : public SiteSink {
 public:
  explicit SharedSink(SharedFiles& files) : files_(files) {}
  void put(const std::string& path, std::string bytes) override {
    auto shared = std::make_shared<const std::string>(std::move(bytes));
    std::lock_guard<std::mutex> lock(mutex_);
    files_[path] = std::move(shared);
  }

 private:
  std::mutex mutex_;
  SharedFiles& files_;
};

}  // namespace

LiveSite::LiveSite(const FileSystem& fs, Inputs inputs, std::string out_label)
    : fs_(fs), inputs_(std::move(inputs)), out_label_(std::move(out_label)) {}

LiveSite::~LiveSite() = default;

const SharedFiles& LiveSite::files() const {
  static const SharedFiles none;
  return state_ ? state_->files : none;
}

size_t LiveSite::record_count() const { return state_ ? state_->loaded.records.size() : 0; }

UpdateReport LiveSite::rebuild(Progress& progress) {
  const auto started = Clock::now();
  auto state = std::make_unique<State>();
  SharedSink sink(state->files);
  SiteBuild build = build_site(fs_, inputs_, out_label_, progress, sink, state.get());
  if (build.diagnostics.has_errors()) {
    needs_rebuild_ = true;
    failed_ = std::move(build.diagnostics);
    pending_.clear();
    assemble_diagnostics();
    return {UpdateReport::Kind::full, 0, milliseconds_since(started)};
  }
  state->keys = record_keys(state->loaded.records);
  // Problems of one record file are replaced when that file is read again.
  for (const auto& d : build.diagnostics.items()) {
    auto relative = relative_inside(inputs_.content, d.path);
    if (relative && relative->ends_with(".md") && relative->find('/') != std::string::npos)
      state->by_record[d.path].add(d);
    else state->global.add(d);
  }
  state_ = std::move(state);
  unchecked_.clear();
  edited_.clear();
  needs_rebuild_ = false;
  failed_ = {};
  pending_.clear();
  data_stale_ = false;
  assemble_diagnostics();
  return {UpdateReport::Kind::full, build.page_count, milliseconds_since(started)};
}

UpdateReport LiveSite::rebuild_quietly() {
  Progress quiet = Progress::silent();
  return rebuild(quiet);
}

UpdateReport LiveSite::update(const std::vector<std::string>& changed) {
  const auto started = Clock::now();
  if (!state_ || needs_rebuild_) return rebuild_quietly();
  // A site in several languages is built whole again: an edit of a record
  // changes its pages in every language, which only the default's model
  // here would follow.
  if (state_->loaded.config.languages.size() > 1) return rebuild_quietly();
  struct Edit {
    std::string path, collection, id;
  };
  std::vector<Edit> edits;
  bool theme = false;
  for (const auto& path : changed) {
    // A whole folder: the watcher lost track of what changed in it.
    for (const auto* root : {&inputs_.content, &inputs_.templates, &inputs_.theme})
      if (same_folder(*root, path)) return rebuild_quietly();
    if (auto relative = relative_inside(inputs_.theme, path)) {
      if (!is_hidden(*relative)) theme = true;
      continue;
    }
    if (auto relative = relative_inside(inputs_.templates, path)) {
      if (!is_hidden(*relative)) return rebuild_quietly();
      continue;
    }
    auto relative = relative_inside(inputs_.content, path);
    if (!relative || is_hidden(*relative)) continue;  // not an input, or an editor's file
    // An edit of a record that exists and still does; anything else may
    // change which records exist or what every page shows.
    const auto slash = relative->find('/');
    const std::string collection = relative->substr(0, slash);
    const std::string name = slash == std::string::npos ? "" : relative->substr(slash + 1);
    const std::string id = name.ends_with(".md") ? name.substr(0, name.size() - 3) : "";
    // Only .md files are records: what else comes and goes in a collection's
    // folder (sed's and editors' temporary files) changes no page.
    if (slash != std::string::npos && name.find('/') == std::string::npos &&
        state_->loaded.schema.collection(collection) && id.empty())
      continue;
    const bool edit = slash != std::string::npos && name.find('/') == std::string::npos &&
                      state_->loaded.schema.collection(collection) && is_valid_record_id(id) &&
                      state_->keys.count(collection + "/" + id) && !fs_.is_directory(path) && fs_.exists(path);
    if (!edit) return rebuild_quietly();
    edits.push_back({path, collection, id});
  }
  UpdateReport report;
  std::set<std::string> pages;
  std::set<std::string> own;  // the edited records' pages, whose links the edit may break
  for (const auto& e : edits) {
    report.kind = UpdateReport::Kind::record;
    switch (apply_record_edit(e.path, e.collection, e.id, pages)) {
      case EditResult::applied: own.insert(record_path(e.collection, e.id)); break;
      case EditResult::rejected: break;
      case EditResult::changes_addresses: return rebuild_quietly();
    }
  }
  if (theme) {
    if (report.kind == UpdateReport::Kind::none) report.kind = UpdateReport::Kind::theme;
    if (!replace_theme_files()) return rebuild_quietly();
  }
  report.pages = render_affected(pages, own);
  assemble_diagnostics();
  report.milliseconds = milliseconds_since(started);
  return report;
}

LiveSite::EditResult LiveSite::apply_record_edit(const std::string& path, const std::string& collection,
                                                 const std::string& id, std::set<std::string>& pages) {
  State& s = *state_;
  const Schema& schema = s.loaded.schema;
  Diagnostics found;
  auto edited = load_record_file(fs_, *schema.collection(collection), id, path, schema, s.loaded.vocabularies,
                                 s.keys, found);
  std::string body, text;
  if (edited) {
    // Its links are checked at their lines, as in a build; links to another
    // record's anchors are checked on the rendered page (render_affected).
    RenderedBody rendered = render_body(*edited, s.keys, &s.targets, found);
    body = std::move(rendered.html);
    text = std::move(rendered.text);
  }
  if (!edited || found.has_errors()) {
    pending_[path] = std::move(found);
    return EditResult::rejected;
  }
  // New or removed aliases add or remove pages, and an alias may clash with
  // another record's.
  const std::string record_key = collection + "/" + id;
  if (edited->aliases() != s.loaded.records[s.index.by_key.at(record_key)].aliases())
    return EditResult::changes_addresses;
  // Its date is that of its last commit, which an edit on disk does not
  // change: the history is read again at the next full rebuild.
  edited->updated = s.loaded.records[s.index.by_key.at(record_key)].updated;
  pending_.erase(path);
  if (found.items().empty()) s.by_record.erase(path);
  else s.by_record[path] = std::move(found);

  std::vector<Record>& records = s.loaded.records;
  const size_t old_position = s.index.by_key.at(record_key);
  const Record old = std::move(records[old_position]);
  auto erase_at = [](auto& list, size_t at) { list.erase(list.begin() + static_cast<std::ptrdiff_t>(at)); };
  erase_at(records, old_position);
  erase_at(s.bodies, old_position);
  erase_at(s.items, old_position);
  erase_at(s.documents, old_position);
  s.analysed.erase(old_position);
  remove_from_index(s.index, old_position, old);

  const auto at = std::partition_point(records.begin(), records.end(),
                                       [&](const Record& r) { return record_before(r, *edited, schema); });
  const size_t position = static_cast<size_t>(at - records.begin());
  const auto offset = static_cast<std::ptrdiff_t>(position);
  records.insert(at, std::move(*edited));
  s.bodies.insert(s.bodies.begin() + offset, std::move(body));
  insert_into_index(s.index, position, records[position], schema);
  const SiteModel site = s.site();
  s.items.insert(s.items.begin() + offset, render_record_item(site, s.loaded.templates, records[position]));
  search::SearchDocument document = search::make_search_document(records[position], site, std::move(text));
  s.analysed.insert(position, document);
  s.documents.insert(s.documents.begin() + offset,
                     search::RecordEntries::entry_source(std::move(document), records.size()));
  // Which pages show it is render/'s to say.
  pages.merge(pages_changed_by_edit(site, old, records[position]));
  edited_.insert(record_key);
  data_stale_ = true;
  return EditResult::applied;
}

size_t LiveSite::render_affected(const std::set<std::string>& pages, const std::set<std::string>& check_now) {
  if (pages.empty()) return 0;
  State& s = *state_;
  std::mutex mutex;
  size_t rendered = 0;
  render_pages(
      s.site(), [&](size_t i) { return s.bodies[i]; }, RecordItems(s.items), s.loaded.templates,
      [&](const std::string& path) { return pages.count(path) > 0; },
      [&](const std::string& path, std::string html) {
        const bool now = check_now.count(path) > 0;
        if (now) s.links->check_page(path, html);
        // The archive is made again at the next full rebuild; until then a
        // page shows the size of the last one.
        if (!s.archive_size.empty()) html = with_archive_size(html, s.archive_size);
        auto bytes = std::make_shared<const std::string>(std::move(html));
        std::lock_guard<std::mutex> lock(mutex);
        s.files[path] = std::move(bytes);
        if (!now) unchecked_.insert(path);
        ++rendered;
      });
  s.link_problems = s.links->finish();
  return rendered;
}

bool LiveSite::replace_theme_files() {
  SiteFiles theme;
  Diagnostics found;
  add_theme_files(fs_, inputs_.theme, theme, found);
  if (found.has_errors()) return false;
  SharedFiles& files = state_->files;
  size_t assets = 0;
  for (const auto& [path, bytes] : files)
    if (path.starts_with("assets/")) ++assets;
  if (assets != theme.size()) return false;  // a file came or went: links may change
  for (const auto& [path, bytes] : theme)
    if (!files.count(path)) return false;
  for (auto& [path, bytes] : theme)
    if (*files[path] != bytes) files[path] = std::make_shared<const std::string>(std::move(bytes));
  if (!state_->archive_size.empty()) data_stale_ = true;  // the archive holds the theme
  return true;
}

void LiveSite::refresh_data() {
  if (!data_stale_ || !state_) return;
  State& s = *state_;
  // Links of the pages that list or show the edited records: those pages
  // link only to records and terms that exist, so they are checked after
  // the pages were published rather than before.
  if (!unchecked_.empty()) {
    for (const auto& path : unchecked_) s.links->check_page(path, *s.files.at(path));
    unchecked_.clear();
    s.link_problems = s.links->finish();
    assemble_diagnostics();
  }
  // The feeds copy the entries of the records not edited since from the
  // files being replaced.
  FeedsBefore before;
  before.previous = [&](const std::string& path) -> std::optional<std::string> {
    auto file = s.files.find(path);
    if (file == s.files.end()) return std::nullopt;
    return *file->second;
  };
  before.as_before.resize(s.loaded.records.size());
  for (size_t i = 0; i < before.as_before.size(); ++i)
    before.as_before[i] = !edited_.count(s.loaded.records[i].key());
  SiteFiles data;
  add_data_files(s.site(), s.analysed, s.documents, data, before);
  edited_.clear();
  for (const auto& path : s.data_paths) s.files.erase(path);
  s.data_paths.clear();
  for (auto& [path, bytes] : data) {
    s.data_paths.insert(path);
    s.files[path] = std::make_shared<const std::string>(std::move(bytes));
  }
  data_stale_ = false;
  if (!s.archive_size.empty()) refresh_archive();
}

void LiveSite::refresh_archive() {
  State& s = *state_;
  std::map<std::string, std::string> site;
  for (const auto& [path, bytes] : s.files)
    if (path != archive_path) site.emplace(path, *bytes);
  std::string error;
  std::string zip = zip_files(site, error);
  // The pages show the last archive's size: the new one is right only if it
  // has that size too (most edits); otherwise a full build settles it, as
  // build_site() does.
  if (zip.empty() || archive_size_label(zip.size()) != s.archive_size) {
    rebuild_quietly();
    return;
  }
  s.files[archive_path] = std::make_shared<const std::string>(std::move(zip));
}

void LiveSite::assemble_diagnostics() {
  diagnostics_ = {};
  if (needs_rebuild_ || !state_) {
    diagnostics_ = failed_;
    return;
  }
  diagnostics_.append(state_->global);
  for (const auto& [path, found] : state_->by_record)
    if (!pending_.count(path)) diagnostics_.append(found);
  for (const auto& [path, found] : pending_) diagnostics_.append(found);
  diagnostics_.append(state_->link_problems);
}

}  // namespace passerelle
