// How a field of the schema is described to editors: its type in words, an
// example value, and its help text.
//
// One wording for the record template (`passerelle new`), the JSON Schemas
// (`passerelle schema`) and the field reference (`passerelle docs`), so the
// three say the same. Reads the schema; knows nothing of records.
#pragma once

#include <string>

#include "catalogue/schema.h"
#include "catalogue/vocabulary.h"

namespace passerelle {

// "text on one line", "list of references to organisations records", "one of: a, b".
std::string type_description(const FieldSpec& spec);

// A value of the field's type as YAML, for a commented-out line: "…",
// "2004", "networks/…", "{start: 2002, end: 2005}". Term lists show the
// vocabulary's first ids.
std::string example_value(const FieldSpec& spec, const Vocabularies& vocabularies);

// "Label (type): help", the one-line comment above a field in a new record.
std::string field_comment(const FieldSpec& spec);

}  // namespace passerelle
