// Loading every record of a catalogue.
//
// Finds `<content>/<collection>/<id>.md` for each collection of the schema,
// reads and checks each file (UTF-8, front matter, YAML, fields) and returns
// the records that are valid, sorted by collection (schema order) and by the
// collection's sort fields. Every problem is added to `diagnostics`; a stray
// file is skipped with a warning.
#pragma once

#include <string>
#include <vector>

#include "catalogue/schema.h"
#include "catalogue/vocabulary.h"
#include "content/record.h"
#include "diagnostics/diagnostic.h"
#include "fs/file_system.h"

namespace passerelle {

constexpr size_t max_record_bytes = 8 * 1024 * 1024;

std::vector<Record> load_records(const FileSystem& fs, const std::string& content_dir,
                                 const Schema& schema, const Vocabularies& vocabularies,
                                 Diagnostics& diagnostics);

// Orders records as index pages list them: by the collection's sort fields,
// then by title and id.
void sort_records(std::vector<Record>& records, const Schema& schema);

}  // namespace passerelle
