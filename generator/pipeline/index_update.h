// Updating a CatalogueIndex in place when one record moves, instead of
// building it again from every record (catalogue/catalogue_index.h).
//
// The dev server replaces a changed record by taking it out of the record
// vector and putting its new version where the sort order wants it; these
// two functions do the same to the index, renumbering the positions after
// it. The result equals build_index() of the new record vector: lists stay
// in ascending order and none is left empty.
#pragma once

#include <cstddef>

#include "catalogue/catalogue_index.h"
#include "catalogue/schema.h"
#include "content/record.h"

namespace passerelle {

// `record` was at `position` and has been erased from the record vector.
void remove_from_index(CatalogueIndex& index, size_t position, const Record& record);

// `record` has been inserted into the record vector at `position`.
void insert_into_index(CatalogueIndex& index, size_t position, const Record& record, const Schema& schema);

}  // namespace passerelle
