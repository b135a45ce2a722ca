// The search index: built in C++ at build time, read by theme/search.js.
#pragma once

#include "render/site_renderer.h"

namespace passerelle {

struct SearchIndexStats {
  size_t files = 0;
  size_t bytes = 0;
};

SearchIndexStats build_search_index(const SiteModel& site, SiteFiles& out);

}  // namespace passerelle
