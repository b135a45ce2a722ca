#include "pipeline/pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <numeric>
#include <optional>
#include <utility>

#include "catalogue/catalogue_index.h"
#include "charts/svg_text.h"
#include "links/link_checker.h"
#include "output/offline_archive.h"
#include "output/site_writer.h"
#include "render/affected_pages.h"
#include "render/feeds.h"
#include "search/search_document.h"
#include "search/search_index.h"
#include "search/shard_writer.h"
#include "util/parallel.h"
#include "validation/record_loader.h"

namespace passerelle {

namespace {

// The feeds (catalogue.json, csv, Atom, sitemap); for `check`, which makes
// none, empty files of their names, so that the links to them are checked.
void add_feeds(const SiteModel& site, bool makes_files, SiteFiles& files) {
  if (makes_files) render_feeds(site, files);
  else
    for (const auto& path : feed_paths(site)) files[path];
}

// Hands every file of `files` but the HTML pages to `sink` at once, and
// returns their paths: made while the pages render, the data files would
// otherwise all be held until the pages are done (at 100,000 records, the
// feeds and the search index are some 200 MB). A page (the form editor's
// admin/index.html) stays, for the links' check.
std::vector<std::string> hand_on_data(SiteFiles& files, SiteSink& sink) {
  std::vector<std::string> paths;
  for (auto it = files.begin(); it != files.end();) {
    if (it->first.ends_with(".html")) {
      ++it;
      continue;
    }
    paths.push_back(it->first);
    sink.put(it->first, std::move(it->second));
    it = files.erase(it);
  }
  return paths;
}

// Diagnostics a language's pass finds in its own files (the translations);
// those of the records shown untranslated were reported by the first pass.
void append_translation_problems(const Diagnostics& found, const std::string& language, Diagnostics& out) {
  const std::string suffix = "." + language + ".md";
  for (const Diagnostic& d : found.items())
    if (d.path.ends_with(suffix)) out.add(d);
}

// The site in `language`, another of the catalogue's languages, under its
// folder (fr/): pages, search index, feeds, the scripts' strings and the
// media its bodies link to, each checked by `links` and handed to `sink`.
// Returns how many pages and files it made.
std::pair<size_t, size_t> build_other_language(const FileSystem& fs, const Inputs& inputs,
                                               const LoadedCatalogue& loaded, const std::string& language,
                                               LinkChecker& links, SiteSink& sink, Diagnostics& diagnostics) {
  LoadedCatalogue shown = in_language(loaded, language);
  const std::string prefix = language + "/";
  CatalogueIndex index = build_index(shown.records, shown.schema);
  const SiteModel site{shown.config, shown.schema, shown.vocabularies,       shown.records,
                       index,        shown.pages,  shown.templates.strings()};
  Diagnostics found, page_problems;
  LinkTargets targets = link_targets(fs, inputs, site, shown.templates);
  const bool makes_files = sink.keeps_files();  // `check` needs no search index nor feeds
  const std::set<std::string> keys = record_keys(shown.records);
  render_page_bodies(shown.pages, keys, targets, page_problems);
  std::vector<std::string> paths = page_paths(site);
  for (auto& path : paths) path = prefix + path;
  links.add_paths(paths);
  // The search index is made while the pages render, as in the first pass.
  auto search_files = std::async(overlap_policy(), [&] {
    SiteFiles files;
    if (makes_files)
      write_search_index(
          site,
          [&](size_t i) {
            return search::make_search_document(shown.records[i], site, record_body_text(fs, shown.records[i]));
          },
          files);
    return files;
  });
  BodyRenderer bodies(&fs, shown.records, keys, &targets);
  render_pages(
      site, [&](size_t i) { return bodies(i); }, RecordItems(site), shown.templates,
      [](const std::string&) { return true; },
      [&](const std::string& path, std::string html) {
        links.check_page(prefix + path, html);
        sink.put(prefix + path, std::move(html));
      });
  bodies.finish(found);
  found.append(page_problems);
  append_translation_problems(found, language, diagnostics);
  SiteFiles files = search_files.get();
  add_feeds(site, makes_files, files);
  Diagnostics media_problems;  // reported by the first pass
  add_media_files(fs, inputs, files, media_problems);
  files["strings.js"] = strings_script(shown.templates);
  std::vector<std::string> file_paths;
  for (const auto& [path, bytes] : files) file_paths.push_back(prefix + path);
  links.add_paths(file_paths);
  for (auto& [path, bytes] : files) {
    links.check_page(prefix + path, bytes);
    sink.put(prefix + path, std::move(bytes));
  }
  return {paths.size(), files.size()};
}

// An edited record as the last build read it, beside the record it is now.
struct EditedRecord {
  const Record* after;
  Record before;
};

// The records `edited` names (EditedRecords::before), each as the last build
// read it, or nothing where every page must be rendered: a file is not a
// record of the catalogue, its former front matter does not load, or its
// aliases changed. `keys` are record_keys() of the catalogue's records.
std::optional<std::vector<EditedRecord>> records_before_edit(const LoadedCatalogue& loaded,
                                                             const std::set<std::string>& keys,
                                                             const std::map<std::string, std::string>& edited) {
  MemoryFileSystem before_files;
  for (const auto& [path, text] : edited) before_files.add(path, text);
  std::vector<EditedRecord> edits;
  for (const Record& after : loaded.records) {
    if (!edited.count(after.path())) continue;
    Diagnostics ignored;  // the last build reported them
    const Collection* collection = loaded.schema.collection(after.collection);
    std::optional<Record> before = collection
                                       ? load_record_file(before_files, *collection, after.id, after.path(),
                                                          loaded.schema, loaded.vocabularies, keys, ignored)
                                       : std::nullopt;
    if (!before || ignored.has_errors() || before->aliases() != after.aliases()) return std::nullopt;
    edits.push_back({&after, std::move(*before)});
  }
  if (edits.size() != edited.size()) return std::nullopt;
  return edits;
}

// Whether the edits changed records' bodies alone: the feeds, which read
// their fields, are then as the last build made them (render/feeds.h).
bool bodies_alone(const std::vector<EditedRecord>& edits) {
  return std::all_of(edits.begin(), edits.end(),
                     [](const EditedRecord& e) { return only_body_changed(e.before, *e.after); });
}

// The pages the edits change.
std::set<std::string> pages_to_render_again(const SiteModel& site, const std::vector<EditedRecord>& edits) {
  std::set<std::string> pages;
  for (const EditedRecord& e : edits) pages.merge(pages_changed_by_edit(site, e.before, *e.after));
  return pages;
}

// The kept pages whose links matter to this build, checked as the last build
// left them: those a page rendered again links into with a #fragment (their
// ids), or every one when a page rendered again lost an id that any of them
// may link to.
void check_kept_pages(const std::vector<std::string>& pages, const std::set<std::string>& rendered,
                      bool lost_ids, const SiteSink& sink, LinkChecker& links) {
  std::vector<std::string> kept;
  if (lost_ids) {
    for (const auto& page : pages)
      if (!rendered.count(page)) kept.push_back(page);
  } else {
    for (const auto& page : links.unchecked_targets())
      if (!rendered.count(page)) kept.push_back(page);
  }
  parallel_each(kept.size(), [&](size_t i) {
    if (auto html = sink.previous(kept[i])) links.check_page(kept[i], *html);
  });
}

// The records as this build checked them, for the build cache, on every
// core; without their fields those whose files had a diagnostic (among
// `noted`), which the next build must report again; only where the cache
// holds them (`stored`) those it took from there whose search analysis
// was kept as it was, for the cache to copy them; with each one's list
// item where `items` holds it (by record). Lets go of each record
// whose entry holds it again once read, so that the build's memory does not
// grow at its end; the others (most of them after edits) are left to free.
CheckedRecords checked_records(std::vector<Record>& records, const std::set<std::string>& noted,
                               SavedSearch& search, const std::vector<CheckedRecord::Stored>& stored,
                               std::vector<std::string> items) {
  std::vector<CheckedRecord> checked(records.size());
  std::vector<std::string> paths(records.size());
  parallel_each(records.size(), [&](size_t i) {
    Record& r = records[i];
    paths[i] = r.path();
    CheckedRecord& c = checked[i];
    const bool has_diagnostic = noted.count(paths[i]) > 0;  // read again next time
    if (!has_diagnostic && i < items.size()) c.item = std::move(items[i]);
    // Taken from the cache, and its search analysis kept as it was: the
    // cache's entry for it is copied as it is.
    if (!has_diagnostic && i < search.kept.size() && search.kept[i] && stored.at(i).size > 0) {
      c.stored = stored[i];
      c.copied = true;
    } else {
      c.front_matter = r.source->text();
      c.body_line = r.body_line;
      if (!has_diagnostic) {
        nlohmann::json::to_cbor(r.fields, c.fields);
        c.search = std::move(search.records.at(i));
      }
      r = Record{};
    }
  });
  // Filed in the order of their paths, each at the end: a half sorted on
  // each of two cores, then merged.
  std::vector<size_t> order(paths.size());
  std::iota(order.begin(), order.end(), size_t{0});
  const auto by_path = [&](size_t a, size_t b) { return paths[a] < paths[b]; };
  const auto middle = order.begin() + static_cast<std::ptrdiff_t>(order.size() / 2);
  auto first_half = std::async(overlap_policy(), [&] { std::sort(order.begin(), middle, by_path); });
  std::sort(middle, order.end(), by_path);
  first_half.get();
  std::inplace_merge(order.begin(), middle, order.end(), by_path);
  CheckedRecords out;
  for (size_t i : order) out.emplace_hint(out.end(), std::move(paths[i]), std::move(checked[i]));
  return out;
}

// Sets its promise as it goes out of scope, however the scope ends, so
// that no thread waits for it forever.
class SetOnExit {
 public:
  explicit SetOnExit(std::promise<void>& promise) : promise_(promise) {}
  SetOnExit(const SetOnExit&) = delete;
  SetOnExit& operator=(const SetOnExit&) = delete;
  ~SetOnExit() { promise_.set_value(); }

 private:
  std::promise<void>& promise_;
};

// What a build that keeps no model held while it ran (SiteBuild::held).
struct Held {
  BuiltModel model;
  std::set<std::string> keys;
};

}  // namespace

TranslationReport translation_report(const LoadedCatalogue& loaded, const std::string& language) {
  TranslationReport report;
  report.language = language;
  for (const Record& r : loaded.records) {
    ++report.records;
    if (r.translations.count(language)) ++report.records_translated;
    else report.missing.push_back(r.path());
  }
  for (const FreePage& p : loaded.pages) {
    ++report.pages;
    if (p.page.translations.count(language)) ++report.pages_translated;
    else report.missing.push_back(p.page.path());
  }
  return report;
}

SiteBuild build_site(const FileSystem& fs, const Inputs& inputs, const std::string& out_label,
                     Progress& progress, SiteSink& site_sink, BuiltModel* keep, EditedRecords* edited) {
  SiteBuild build;
  Diagnostics& diagnostics = build.diagnostics;
  if (!fs.is_directory(inputs.content)) {
    diagnostics.error(inputs.content, 0, 0, "content folder not found",
                      "run from the catalogue's folder or pass --content DIR");
    return build;
  }
  BuiltModel discarded;  // what a build that keeps nothing holds while it runs
  BuiltModel& model = keep ? *keep : discarded;

  progress.begin("load");
  // A build that keeps nothing reads each body again when its page renders
  // and when the search index reads it, rather than hold them all.
  // After edits, the records whose files did not change are taken as the
  // last build checked them.
  model.loaded = load_catalogue(fs, inputs, diagnostics, /*hold_bodies=*/keep != nullptr,
                                edited && !keep ? &edited->unchanged : nullptr);
  const LoadedCatalogue& loaded = model.loaded;
  const std::vector<Record>& records = loaded.records;
  size_t as_checked = 0;  // records made from the last build's
  SavedSearch saved_search;
  saved_search.records.resize(records.size());
  FeedsBefore feeds_before;  // after edits, which records are as the last build read them
  std::vector<CheckedRecord::Stored> stored(records.size());  // where the cache holds each of those
  if (edited) {
    for (const auto& [path, entry] : edited->unchanged) as_checked += entry.taken;
    // Each record looked up on every core: distinct records, distinct entries.
    std::vector<char> as_before(records.size(), 0);  // not vector<bool>, which threads cannot share
    parallel_each(records.size(), [&](size_t i) {
      if (auto entry = edited->unchanged.find(records[i].path());
          entry != edited->unchanged.end() && entry->second.taken) {
        saved_search.records[i] = std::move(entry->second.search);
        as_before[i] = 1;
        stored[i] = entry->second.stored;
      }
    });
    feeds_before.as_before.assign(as_before.begin(), as_before.end());
    saved_search.terms = std::move(edited->search_terms);
    edited->unchanged.clear();
  }
  build.record_count = records.size();
  std::set<std::string> noted;  // the files with a diagnostic, whose records the cache cannot stand for
  for (const Diagnostic& d : diagnostics.items()) noted.insert(d.path);
  for (size_t k = 1; k < loaded.config.languages.size(); ++k)
    build.translations.push_back(translation_report(loaded, loaded.config.languages[k]));
  progress.end(charts::count_phrase(records.size()) +
               (as_checked ? " (" + std::to_string(as_checked) + " from the cache)" : ""));
  // With the offline copy, every file passes through the archive on its way
  // out; `check`, which keeps no file, makes none.
  std::optional<OfflineArchiveSink> archive;
  if (loaded.config.offline_archive && site_sink.keeps_files()) archive.emplace(site_sink);
  SiteSink& sink = archive ? static_cast<SiteSink&>(*archive) : site_sink;

  std::set<std::string> keys = record_keys(records);  // moved to SiteBuild::held at the end
  // After record edits, the edited records as the last build read them,
  // which tell what changed. Why a build after record edits renders every
  // page all the same: the offline copy is made from every page; the other
  // languages' passes render their whole site (not yet told which pages
  // changed); a record's addresses changed.
  std::optional<std::vector<EditedRecord>> edits;
  std::string every_page;
  if (edited && !keep) {
    if (archive) every_page = "offline copy";
    else if (loaded.config.languages.size() > 1) every_page = "languages";
    else if (!diagnostics.has_errors() && site_sink.previous(site_marker))
      edits = records_before_edit(loaded, keys, edited->before);
    if (!edits && every_page.empty()) every_page = "addresses";
  }

  // A thread builds the catalogue index from the records while another
  // makes the feeds, then the data and theme files, none of which reads the
  // index; a third starts the search index (its facets wait for the
  // catalogue index), which is made while the pages render, each record's
  // body rendered by the thread that renders its page.
  const SiteModel site = model.site();
  // `check` keeps no file: it makes neither the search index nor the feeds,
  // which only the generator's own code links into, and no error can come
  // from; it checks the links to the feeds by their names.
  const bool makes_files = site_sink.keeps_files();
  using Clock = std::chrono::steady_clock;
  Diagnostics file_problems;
  Clock::duration data_took{};
  std::vector<std::string> feeds;         // the files render_feeds() made or kept
  std::vector<std::string> handed_data;   // the data and theme files handed to the sink at once
  std::vector<std::string> handed_index;  // the search index's files, likewise
  const bool feeds_kept = makes_files && edits && bodies_alone(*edits);
  std::shared_future<void> indexed =
      std::async(overlap_policy(), [&] { model.index = build_index(records, loaded.schema); }).share();
  // Set once the feeds are made (or given up): a search index made from the
  // analyses the cache kept waits for it (below).
  std::promise<void> feeds_made;
  const std::shared_future<void> feeds_done = feeds_made.get_future().share();
  auto data_files = std::async(overlap_policy(), [&, made = std::move(feeds_made)]() mutable {
    SiteFiles files;
    Clock::time_point started;
    {
      const SetOnExit done(made);  // however the feeds end
      started = Clock::now();
      if (feeds_kept) {  // as the last build made them
        feeds = feed_paths(site);
        for (const auto& path : feeds) sink.keep(path);
      } else if (makes_files) {  // each feed handed on as soon as it is made
        feeds_before.previous = [&](const std::string& path) { return sink.previous(path); };
        render_feeds(
            site,
            [&](const std::string& path, std::string bytes) {
              feeds.push_back(path);
              sink.put(path, std::move(bytes));
            },
            feeds_before);
      } else {
        feeds = feed_paths(site);  // checked by their names
      }
    }
    add_theme_files(fs, inputs.theme, files, file_problems);
    add_media_files(fs, inputs, files, file_problems);
    add_cms_files(fs, inputs, site, files, file_problems);
    files["strings.js"] = strings_script(loaded.templates);
    handed_data = hand_on_data(files, sink);
    data_took = Clock::now() - started;
    return files;
  });

  SearchIndexStats stats;
  Clock::duration search_took{};
  auto search_files = std::async(overlap_policy(), [&] {
    SiteFiles files;
    if (!makes_files) return files;  // nothing to index
    const auto started = Clock::now();
    auto document_of = [&](size_t i) {
      return search::make_search_document(records[i], site, record_body_text(fs, records[i]));
    };
    if (keep) {  // the analyses stay, for the dev server to replace one at a time, and what the entries read
      model.documents.resize(records.size());
      parallel_each(records.size(), [&](size_t i) { model.documents[i] = document_of(i); });
      model.analysed = search::AnalysedDocuments(model.documents);
      indexed.wait();  // the facets read it
      stats = write_search_index(site, model.analysed, model.documents, files);
      parallel_each(records.size(), [&](size_t i) {
        model.documents[i] = search::RecordEntries::entry_source(std::move(model.documents[i]), records.size());
      });
    } else {
      // Each body read again from its file, its text freed once analysed;
      // after edits, only the edited records' (the cache kept the others'
      // analyses). The index made of the kept analyses waits for the feeds
      // (catalogue.json and .csv are some 130 MB at 100,000 records, and
      // their last build's text is read to copy from): one after the other,
      // so that their memory does not add up.
      // The analyses the cache kept are restored while the catalogue index
      // is built; the facets, which read it, wait for it.
      saved_search.before_facets = [&] { indexed.wait(); };
      if (!saved_search.terms.empty()) saved_search.before_index = [&] { feeds_done.wait(); };
      stats =
          write_search_index(site, document_of, &saved_search, [&](const std::string& path, std::string bytes) {
            handed_index.push_back(path);
            sink.put(path, std::move(bytes));
          });
    }
    for (auto& path : hand_on_data(files, sink)) handed_index.push_back(std::move(path));
    search_took = Clock::now() - started;
    return files;
  });
  // Page paths read the records and vocabularies, not the index being built.
  model.targets = link_targets(fs, inputs, site, loaded.templates, loaded.unloaded_records);
  Diagnostics page_problems;  // of the pages' bodies, reported after the records'
  render_page_bodies(model.loaded.pages, keys, model.targets, page_problems);
  indexed.get();  // rethrows what stopped it
  // A build after record edits renders again only the pages that show them.
  std::optional<std::set<std::string>> only;
  if (edits) only = pages_to_render_again(site, *edits);
  progress.begin("render");
  std::vector<std::string> paths = page_paths(site);
  build.page_count = paths.size();
  model.links = std::make_unique<LinkChecker>(paths, out_label);
  LinkChecker& links = *model.links;
  // The dev server keeps every item, to render again the pages an edit affects.
  if (keep) model.items = render_record_items(site, loaded.templates);
  // After edits, the items of the records taken from the cache are those
  // the last full build rendered (pipeline/kept_items.h).
  RecordItems::Kept kept_item;
  if (edited && edited->items)
    kept_item = [&](size_t i, std::string& out) {
      return stored[i].size > 0 && edited->items->read(stored[i].hash, out);
    };
  RecordItems items = keep ? RecordItems(model.items) : RecordItems(site, std::move(kept_item));
  BodyRenderer bodies(&fs, records, keys, &model.targets, keep ? &model.bodies : nullptr);
  std::atomic<size_t> rendered{0};
  std::atomic<bool> lost_ids{false};  // a page rendered again lost an id: every page's links are checked
  render_pages(
      site, [&](size_t i) { return bodies(i); }, items, loaded.templates,
      [&](const std::string& path) { return !only || only->count(path) > 0; },
      [&](const std::string& path, std::string html) {
        links.check_page(path, html);
        if (only && !lost_ids) {
          const std::optional<std::string> before = sink.previous(path);
          const std::vector<std::string> then =
              before ? LinkChecker::ids_in(*before) : std::vector<std::string>();
          const std::vector<std::string> now = LinkChecker::ids_in(html);
          if (!before || !std::includes(now.begin(), now.end(), then.begin(), then.end())) lost_ids = true;
        }
        ++rendered;
        sink.put(path, std::move(html));
      });
  if (only)
    for (const auto& path : paths)
      if (!only->count(path)) sink.keep(path);
  bodies.finish(diagnostics, !only || lost_ids);
  diagnostics.append(page_problems);
  if (diagnostics.has_errors()) {  // report a theme problem too, all at once; the pages are not kept
    progress.end(std::to_string(build.page_count) + " pages");
    // With one thread the search index has not started: it need not be made.
    if (search_files.wait_for(std::chrono::seconds(0)) != std::future_status::deferred) search_files.wait();
    data_files.wait();
    diagnostics.append(file_problems);
    if (!keep) build.held = std::make_shared<Held>(Held{std::move(discarded), std::move(keys)});
    return build;
  }
  SiteFiles files = data_files.get();
  const size_t data_count = feeds.size() + handed_data.size() + files.size();
  SiteFiles index_files = search_files.get();
  model.data_paths.insert(feeds.begin(), feeds.end());
  model.data_paths.insert(handed_index.begin(), handed_index.end());
  for (const auto& [path, bytes] : index_files) model.data_paths.insert(path);
  files.merge(index_files);
  diagnostics.append(file_problems);
  std::vector<std::string> file_paths;
  for (const auto* handed : {&feeds, &handed_data, &handed_index})
    file_paths.insert(file_paths.end(), handed->begin(), handed->end());
  for (const auto& [path, bytes] : files) file_paths.push_back(path);
  if (loaded.config.offline_archive) file_paths.push_back(archive_path);  // made last, or not by check
  links.add_paths(file_paths);
  for (auto& [path, bytes] : files) {
    links.check_page(path, bytes);
    sink.put(path, std::move(bytes));
  }
  build.file_count = build.page_count + file_paths.size() - (loaded.config.offline_archive ? 1 : 0);
  std::string rendered_label = std::to_string(build.page_count) + " pages";
  if (only) rendered_label = std::to_string(rendered) + " of " + rendered_label;
  else if (!every_page.empty()) rendered_label += " (all: " + every_page + ")";
  if (items.kept_count() > 0)
    rendered_label += " (" + charts::count_phrase(items.kept_count(), "list item", "list items") + " kept)";
  progress.end(rendered_label);
  // The other languages, each under its folder, checked by the same links
  // checker: the language switcher links across them.
  for (size_t k = 1; k < loaded.config.languages.size(); ++k) {
    const std::string& language = loaded.config.languages[k];
    progress.begin(language);
    auto [pages, other_files] = build_other_language(fs, inputs, loaded, language, links, sink, diagnostics);
    build.page_count += pages;
    build.file_count += pages + other_files;
    progress.end(std::to_string(pages) + " pages in " + language + "/");
  }
  progress.begin("links");
  if (only) check_kept_pages(paths, *only, lost_ids, sink, links);
  model.link_problems = links.finish();
  // The pages' links are reported once the content has no error, as the
  // first pass does by stopping early: a translation's broken link is then
  // reported at its line, and not again on its page without one.
  if (!keep && !diagnostics.has_errors()) diagnostics.append(model.link_problems);
  progress.end("links checked");
  if (archive) {
    progress.begin("archive");
    if (archive->finish(diagnostics)) ++build.file_count;
    model.archive_size = archive->size_label();
    progress.end(archive_path);
  }
  // Made on threads of their own: their times overlap the markdown and render stages'.
  progress.report("data",
                  std::to_string(data_count) + " data and theme files" +
                      (feeds_kept ? " (the feeds kept: only bodies changed)" : ""),
                  data_took);
  if (makes_files)
    progress.report(
        "search",
        std::to_string(stats.files) + " index files" +
            (stats.from_cache ? " (" + std::to_string(stats.from_cache) + " records from the cache)" : ""),
        search_took);
  // For the cache, which a failed build does not write.
  if (!keep && makes_files && !diagnostics.has_errors()) {
    // A full build's list items are kept for the builds after edits.
    build.checked_records = checked_records(model.loaded.records, noted, saved_search, stored,
                                            edited ? std::vector<std::string>() : items.take());
    build.search_terms = std::move(saved_search.terms);
  }
  if (!keep) build.held = std::make_shared<Held>(Held{std::move(discarded), std::move(keys)});
  return build;
}

}  // namespace passerelle
