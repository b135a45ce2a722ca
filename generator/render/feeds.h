// Machine-readable outputs: catalogue.json (with the licence and each
// record's last change), catalogue.csv (written by render/catalogue_csv.h),
// and when the catalogue has a base_url, Atom feeds of every record
// (feed.xml) and of the records changed last (recent.xml,
// render/recent_changes.h), and sitemap.xml.
#pragma once

#include "render/site_renderer.h"

namespace passerelle {

void render_feeds(const SiteModel& site, SiteFiles& out);
// The same, each file handed to `emit` as soon as it is made, so that a large
// catalogue's feeds are not all held at once.
void render_feeds(const SiteModel& site, const PageEmitter& emit);

// The names of the files render_feeds() writes, for `check`, which makes
// none of them but checks the links to them.
std::vector<std::string> feed_paths(const SiteModel& site);

}  // namespace passerelle
