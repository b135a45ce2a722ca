#include "search/search_index.h"

namespace passerelle {

SearchIndexStats build_search_index(const SiteModel&, SiteFiles&) { return {}; }

}  // namespace passerelle
