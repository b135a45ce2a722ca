// Records' translations: `content/dps/espere.fr.md` beside `espere.md`.
//
// A translation holds the record's text in another of the catalogue's
// languages (catalogue.yaml's `languages`): the title, the summary, the
// fields whose type is string or text (alone, in a list, or in a list of
// objects, item by item) and the body. Everything else (taxonomies,
// references, numbers, dates, sources) is the record's own, and a
// translation that sets it is an error at its line: the two files could
// otherwise disagree on facts. A list translated has as many items as the
// record's, in the same order.
#pragma once
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalogue/schema.h"
#include "content/record.h"
#include "diagnostics/diagnostic.h"
#include "fs/file_system.h"
#include "validation/record_loader.h"

namespace passerelle {

// Whether a translation may set a field: a text, a list of texts, or a
// list of objects with text fields (only those).
bool is_translatable(const FieldSpec& spec);
bool is_text(const FieldSpec& spec);

// Reads the translation at `path` of `original`, a record of `collection`.
std::optional<Translation> load_translation(const FileSystem& fs, const std::string& path, const Schema& schema,
                                            const Collection& collection, const Record& original,
                                            Diagnostics& diagnostics);

// Reads each of `files` (RecordFile::language set) and attaches it to the
// record it translates in `records`. A translation into a language the
// catalogue does not publish in, or of a record that does not exist, is an
// error that names the fix. Without `languages`, translations are not read.
// A translation of a record whose file did not load (`unloaded`: its
// "<collection>/<id>") is left unread: that file's own error comes first.
void attach_translations(const FileSystem& fs, const Schema& schema, const std::vector<RecordFile>& files,
                         const std::vector<std::string>& languages, std::vector<Record>& records,
                         Diagnostics& diagnostics, const std::set<std::string>& unloaded = {});

}  // namespace passerelle
