// Machine-readable outputs: catalogue.json, catalogue.csv (written by
// render/catalogue_csv.h), and when the catalogue has a base_url, an Atom
// feed (feed.xml) and sitemap.xml.
#pragma once

#include "render/site_renderer.h"

namespace passerelle {

void render_feeds(const SiteModel& site, SiteFiles& out);

std::string xml_escape(const std::string& value);

}  // namespace passerelle
