// The text of a new record: what `passerelle new <collection> <id>` writes.
//
// The front matter lists every field of the collection, common fields first,
// each under a comment that gives its label, type and help (from the
// schema, schema_export/field_description.h). The title is filled in from
// the id, lists are left empty ([]), and every other optional field is
// commented out with an example value, so the file passes `passerelle check`
// as written and an editor fills in what the sources say. A required field
// other than the title gets an example value; a required reference points at
// `reference_example`'s record when one is given.
#pragma once

#include <functional>
#include <string>

#include "catalogue/schema.h"
#include "catalogue/vocabulary.h"

namespace passerelle {

// For a required reference into `collection`: the key of an existing record, or empty.
using ReferenceExample = std::function<std::string(const std::string& collection)>;

std::string record_template(const Schema& schema, const Collection& collection, const std::string& id,
                            const Vocabularies& vocabularies, const ReferenceExample& reference_example = {});

}  // namespace passerelle
