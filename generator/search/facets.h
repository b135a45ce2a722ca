// The facets search filters and counts by: collection, country, theme, actor
// type and period (by decade).
//
// For each facet value, the numbers of the records that have it, ascending.
// A record counts in every decade its period touches (2002–2015: 2000s and
// 2010s); a record without a period has no decade. Values no record has are
// left out. Values keep the catalogue's display order (schema, vocabularies),
// decades run oldest first. Counting under a query is the browser's job.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/site_model.h"

namespace passerelle::search {

struct FacetValue {
  std::string id;     // as in the URL: "PT", "anti-discrimination", "2000s"
  std::string label;  // in the catalogue's language
  std::vector<uint32_t> docs;
};

struct Facet {
  std::string id;     // the URL parameter: collection, a taxonomy's facet (country, theme…), period
  std::string label;  // "Country"
  std::vector<FacetValue> values;
  // Its values are the places a record is about (the taxonomy drawn on the
  // map): search results name them beside each title.
  bool places = false;
};

std::vector<Facet> build_facets(const SiteModel& site);

}  // namespace passerelle::search
