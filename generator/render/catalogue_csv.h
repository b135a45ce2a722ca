// catalogue.csv: the catalogue as one table for spreadsheets.
//
// One row per record, one column per field (collection, id and url first, then
// the fields every record has, then each collection's own fields in schema
// order), UTF-8 with a byte-order mark so that spreadsheets read accented
// letters right. Every cell is text a reader can take in at a glance: lists
// joined with "; ", objects written "name: value; name: value", several
// objects separated by " | ", a period "2002–2005", a citation "sources/<id>,
// section 2.3". catalogue.json keeps the same data without loss; this table
// is for reading and sorting, not for reading back.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalogue/schema.h"
#include "render/view_model.h"

namespace passerelle {

// The rows of the records marked in `as_before` (by index into
// site.records) are copied from `before`, the last build's catalogue.csv,
// where it holds them, rather than written again: a row depends on its
// record alone (render/feeds.h: FeedsBefore).
std::string catalogue_csv(const SiteModel& site, std::string_view before = {},
                          const std::vector<bool>& as_before = {});

// How one value of a field reads in a cell. `spec` may be null (the value is
// then read by its shape).
std::string csv_cell_text(const FieldSpec* spec, const nlohmann::json& value);

// RFC 4180 field: quoted when it holds a comma, quote or line break.
std::string csv_field(const std::string& value);

}  // namespace passerelle
