// Rendering the catalogue into pages.
//
// Decides which pages exist (home, collection indexes, records, taxonomy
// indexes, term pages, search, 404, recent changes, the catalogue's own
// pages from content/pages/, a redirect at each record alias) and what
// each one shows, and renders them
// through the templates. The overview pages carry figures made by the charts
// stage (overview_views.h): the home page and the countries index a map of
// Europe, a country's page bar charts, a theme's or actor type's page a map.
// A record whose collection has a template of its own is shown whole, with
// its parts (parts_view.h). Every link is relative to the page, so the site
// works under any host path and from file://. Pages are handed, as soon as
// each is rendered, to a callback (from several threads at once), so a large
// site is never held in memory whole; writing them is the output stage's job.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "render/template_set.h"
#include "render/view_model.h"

namespace passerelle {

// Receives one rendered page; called from several threads at once.
using PageEmitter = std::function<void(const std::string& path, std::string html)>;

// Output paths of every page render_pages() renders, in a fixed order.
std::vector<std::string> page_paths(const SiteModel& site);

// The pages at the records' former addresses (their aliases), which only
// send the browser on to a record's page: pages of the site, but not listed
// in the sitemap.
std::set<std::string> redirect_paths(const SiteModel& site);

// Rendering in two steps, so that the dev server can keep the list items and
// re-render only the pages a change affects: each record as a list item
// (`items[i]` is that of `site.records[i]`), then the pages for which
// `wanted(path)` is true, with `body_of(i)` the rendered Markdown body of
// `site.records[i]`, asked for once, on the thread that renders its page
// (pipeline/stages.h: BodyRenderer), so that no body need be held longer
// than its page.
std::vector<std::string> render_record_items(const SiteModel& site, const TemplateSet& templates);
std::string render_record_item(const SiteModel& site, const TemplateSet& templates, const Record& record);

// The list items render_pages() reads: all rendered before
// (render_record_items(), which the dev server keeps), or each rendered the
// first time a page lists its record, on the thread rendering that page,
// so that a build rendering again a few pages after an edit renders only
// the items they list (at 100,000 records, rendering them all took 0.9 s),
// or takes them from what a build before rendered (`kept`).
class RecordItems {
 public:
  // Sets `out` to record i's item as rendered before, if it can; thread-safe.
  using Kept = std::function<bool(size_t i, std::string& out)>;

  explicit RecordItems(const std::vector<std::string>& rendered) : rendered_(&rendered) {}
  explicit RecordItems(const SiteModel& site, Kept kept = {});
  // Record i's item; `templates` is the calling thread's own (a Mustache
  // template is not safe to share between threads), to render it with if
  // no page asked for it before, nor does `kept` hold it.
  const std::string& at(size_t i, const TemplateSet& templates) const;
  // How many items `kept` gave.
  size_t kept_count() const { return kept_count_; }
  // The items asked for, by record; empty where none was. Not while pages render.
  std::vector<std::string> take() { return std::move(items_); }

 private:
  const std::vector<std::string>* rendered_ = nullptr;
  const SiteModel* site_ = nullptr;
  Kept kept_;
  mutable std::vector<std::string> items_;
  mutable std::vector<std::once_flag> once_;
  mutable std::atomic<size_t> kept_count_{0};
};

using BodyOf = std::function<std::string(size_t)>;
void render_pages(const SiteModel& site, const BodyOf& body_of, const RecordItems& items,
                  const TemplateSet& templates, const std::function<bool(const std::string&)>& wanted,
                  const PageEmitter& emit);

}  // namespace passerelle
