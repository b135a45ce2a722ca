// Machine-readable outputs: catalogue.json, catalogue.csv, and when the
// catalogue has a base_url, an Atom feed (feed.xml) and sitemap.xml.
#pragma once

#include "render/site_renderer.h"

namespace passerelle {

void render_feeds(const SiteModel& site, SiteFiles& out);

// RFC 4180 field: quoted when it holds a comma, quote or line break.
std::string csv_field(const std::string& value);
std::string xml_escape(const std::string& value);

}  // namespace passerelle
