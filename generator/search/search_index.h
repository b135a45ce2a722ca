// Site search: the index `passerelle build` writes for theme/search.js.
//
// Reads every record into weighted text (search/search_document.h), builds
// the inverted index of stem groups (search/inverted_index.h) and the facets
// (search/facets.h), and writes them as script files under search/
// (search/shard_writer.h), which a page loads on demand, over http(s) and
// from file:// alike. The rules a query follows are in
// search/query_matcher.h. It adds files; it reads none and writes nothing to
// disk.
#pragma once

#include "render/site_renderer.h"

namespace passerelle {

struct SearchIndexStats {
  size_t files = 0;
  size_t bytes = 0;
};

SearchIndexStats build_search_index(const SiteModel& site, SiteFiles& out);

}  // namespace passerelle
