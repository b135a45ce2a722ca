// Checking a record's front matter against the schema and the vocabularies.
//
// Turns the YAML map of one record into validated JSON field values, and
// reports every problem at the key or value it concerns: unknown fields (with
// the closest field name as a hint), values of the wrong type, unknown
// vocabulary ids, malformed or dangling references, a missing title.
#pragma once

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "catalogue/schema.h"
#include "catalogue/vocabulary.h"
#include "content/yaml_document.h"

namespace passerelle {

struct ValidationContext {
  const Schema& schema;
  const Vocabularies& vocabularies;
  const std::set<std::string>& record_keys;  // every "<collection>/<id>" that exists
  std::string language = "en";               // of the labels shown in hints
};

// Validates the front matter `doc` of a record of `collection` whose key is
// `self` ("<collection>/<id>"). Returns the fields that are valid.
nlohmann::json validate_fields(const ValidationContext& context, const Collection& collection,
                               const std::string& self, const SourceFile& file, const YamlDocument& doc,
                               Diagnostics& diagnostics);

}  // namespace passerelle
