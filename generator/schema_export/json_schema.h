// JSON Schemas of the front matter of records, one per collection, for
// editors: yaml-language-server (and any JSON Schema validator) gives
// completion, hover help and validation from them.
//
// Generated from the catalogue's schema and vocabularies (draft-07, the
// version yaml-language-server reads best): field names with their labels
// and help, types, enumerations and vocabulary ids as `enum`, references as
// a `pattern` on <collection>/<id>. They describe what `passerelle check`
// accepts as closely as a schema can; what only the catalogue can tell (does
// the referenced record exist?) is left to `check`.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "catalogue/schema.h"
#include "catalogue/vocabulary.h"

namespace passerelle {

// The schema of the front matter of a record of `collection`.
nlohmann::ordered_json front_matter_schema(const Schema& schema, const Collection& collection,
                                           const Vocabularies& vocabularies);

// "<collection>.schema.json"
std::string schema_file_name(const std::string& collection);

}  // namespace passerelle
