// A record's connections: the records it names and the records that name it,
// each once, grouped by the relation between them.
//
// Relations come from the schema: a list of references a record declares is
// named by the field's label ("Partners", "Builds on"); a record that names
// this one is named by the referring field's inverse ("Lead partner of",
// "Partner in": relation_from()). `related` goes both ways and reads
// "Related" from either side. A record with several relations to this one is
// listed under the first: the record's own fields in the schema's order, then
// the fields of records naming it, then `related`, then citations. Records the
// page links elsewhere (a single reference in its facts, a reference inside
// one of its structured fields, its sources) and `leave_out` (a whole's
// parts, shown in full) are not repeated here.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "render/view_model.h"

namespace passerelle {

// Where a reference field of a record is shown on its page: a list of
// references among the connections, anything else in the page's facts or
// sections.
bool is_connection_field(const FieldSpec& spec);

// [{relation, collection, count, records_html}], in the order above; records
// in catalogue order within a group. `collection` is set where one relation
// gathers records of several collections (a source "Cited by"
// recommendations, factors and DPs), a group per collection.
nlohmann::json connections_view(const ViewModel& views, const Record& record,
                                const std::vector<size_t>& leave_out);

}  // namespace passerelle
