// Machine-readable outputs: catalogue.json (with the licence and each
// record's last change), catalogue.csv (written by render/catalogue_csv.h),
// and when the catalogue has a base_url, Atom feeds of every record
// (feed.xml) and of the records changed last (recent.xml,
// render/recent_changes.h), and sitemap.xml.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "render/site_renderer.h"

namespace passerelle {

// What a build after record edits takes from the last build's feeds: its
// files (SiteSink::previous()), and which records are as it read them, by
// index into site.records. A record's entry in catalogue.json and its row
// of catalogue.csv depend on the record alone: those of the records as they
// were are copied from the last build's files, where these hold them, and
// only the others are written again (at 100,000 records, after one edit,
// the feeds took 1.7 s to write, and take 0.6–0.7 s to copy).
struct FeedsBefore {
  std::function<std::optional<std::string>(const std::string& path)> previous;
  std::vector<bool> as_before;
};

// Makes the feeds, each file handed to `emit` as soon as it is made, so
// that a large catalogue's feeds are not all held at once.
void render_feeds(const SiteModel& site, const PageEmitter& emit, const FeedsBefore& before = {});
// The same, every file into `out`.
void render_feeds(const SiteModel& site, SiteFiles& out, const FeedsBefore& before = {});

// The names of the files render_feeds() writes, for `check`, which makes
// none of them but checks the links to them.
std::vector<std::string> feed_paths(const SiteModel& site);

}  // namespace passerelle
