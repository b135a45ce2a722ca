// Checking the links of the rendered site before anything is written.
//
// Every href and src of every HTML page (and url() in CSS) must be relative
// and name a file the site holds; a #fragment must name an id on the target
// page. External links (http:, https:, mailto:) are not fetched.
#pragma once

#include "diagnostics/diagnostic.h"
#include "render/site_renderer.h"

namespace passerelle {

// Problems are reported against `out_dir`/<page>.
void check_links(const SiteFiles& files, const std::string& out_dir, Diagnostics& diagnostics);

}  // namespace passerelle
