// Rendering the catalogue into pages.
//
// Decides which pages exist (home, collection indexes, records, taxonomy
// indexes, term pages, search, 404) and what each one shows, and renders them
// through the templates. Every link is relative to the page, so the site works
// under any host path and from file://. Returns page bodies keyed by output
// path; writing them is the output stage's job.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "render/template_set.h"
#include "render/view_model.h"

namespace passerelle {

using SiteFiles = std::map<std::string, std::string>;  // output path → bytes

// `bodies[i]` is the rendered Markdown body of `site.records[i]`.
void render_pages(const SiteModel& site, const std::vector<std::string>& bodies,
                  const TemplateSet& templates, SiteFiles& out);

}  // namespace passerelle
