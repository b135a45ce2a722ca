// Who points at whom: the cross-links of a loaded catalogue.
//
// Built once from the validated records: records by key, by collection and by
// vocabulary term, and for each record the records that refer to it
// (backlinks). Indices point into the record vector, which keeps its order
// (collection, then the collection's sort fields), so every list drawn from
// here is already in display order.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalogue/schema.h"
#include "content/record.h"

namespace passerelle {

struct CatalogueIndex {
  // Looked up, never listed in order: hashed, since a catalogue may hold a
  // hundred thousand records.
  std::unordered_map<std::string, size_t> by_key;
  std::map<std::string, std::vector<size_t>> by_collection;
  // taxonomy → term id → records tagged with it
  std::map<std::string, std::map<std::string, std::vector<size_t>>> by_term;
  std::unordered_map<std::string, std::vector<size_t>> backlinks;

  const std::vector<size_t>& collection(const std::string& id) const;
  const std::vector<size_t>& tagged(const std::string& taxonomy, const std::string& term) const;
  const std::vector<size_t>& referring_to(const std::string& key) const;
};

CatalogueIndex build_index(const std::vector<Record>& records, const Schema& schema);

// What build_index() files a record under, each once: the ids of its terms
// of `taxonomy`, and the keys it refers to (itself left out).
std::vector<std::string> distinct_terms(const Record& record, const std::string& taxonomy);
std::vector<std::string> reference_targets(const Record& record, const Schema& schema);

// Calls `visit` with every reference ("<collection>/<id>") in the record's
// fields, following the schema's types into lists and objects.
void for_each_reference(const Record& record, const Schema& schema,
                        const std::function<void(const std::string&)>& visit);

}  // namespace passerelle
