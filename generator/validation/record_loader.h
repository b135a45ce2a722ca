// Loading every record of a catalogue.
//
// Finds `<content>/<collection>/<id>.md` for each collection of the schema,
// reads and checks each file (UTF-8, front matter, YAML, fields) and returns
// the records that are valid, sorted by collection (schema order) and by the
// collection's sort fields. Every problem is added to `diagnostics`; a stray
// file is skipped with a warning. README.md and names starting with '_' or
// '.' in a collection folder are not records and are skipped silently.
// Besides each file's own checks, two records of a collection may not have
// the same alias (one old address, one page).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalogue/schema.h"
#include "catalogue/vocabulary.h"
#include "content/record.h"
#include "diagnostics/diagnostic.h"
#include "fs/file_system.h"

namespace passerelle {

constexpr size_t max_record_bytes = 8 * 1024 * 1024;

struct RecordFile {
  const Collection* collection;
  std::string id;
  std::string path;
  std::string language;  // of a translation (`<id>.fr.md`), else empty
};

// A record file as a successful build checked it, kept in the build cache
// (pipeline/build_cache.h) so that a build after edits takes each record
// whose file has the same bytes from here rather than parse and check its
// front matter again: its front matter as read (the file up to the body,
// which a build reads again when it needs it: release_body()), the line the
// body starts on, and its checked fields in CBOR, which reads back in half
// the time JSON text takes (nlohmann::json::to_cbor()). `fields` is empty where
// the file must be checked again: a file with a warning, which every build
// reports.
struct CheckedRecord {
  std::string front_matter;
  int body_line = 1;
  std::string fields;
  // What the search index kept of the record (pipeline/pipeline.h:
  // SavedSearch::records), for the search index to take as well.
  std::string search;
  bool taken = false;  // load_records() made the record from this entry
  // Where the entry lies in the build cache it was read from (offset, size
  // and hash of its bytes there), so that a save after a build that kept
  // the record whole, search analysis included, copies it from there
  // (`copied`: then without its front matter, fields or search here).
  struct Stored {
    uint64_t at = 0, size = 0, hash = 0;
  } stored;
  bool copied = false;
  // Its list item, where a full build rendered it, for the next builds
  // after edits (pipeline/kept_items.h).
  std::string item;
};

// By the record file's path, as the build names it.
using CheckedRecords = std::map<std::string, CheckedRecord>;

// Splits a file name's stem "espere.fr" into the record it translates and
// the language ("espere", "fr"); nothing when it names no translation.
std::optional<std::pair<std::string, std::string>> translation_name(const std::string& stem);

// Reads a record's file and checks that it can be one: its size, UTF-8,
// no NUL byte (a byte-order mark is dropped). Nothing, the problem
// reported, when it cannot.
std::shared_ptr<SourceFile> read_record_source(const FileSystem& fs, const std::string& path,
                                               Diagnostics& diagnostics);

// The record's body and the file it is in: the record's own when it holds
// it, else its file read again (release_body(), content/record.h), which
// must still start with the front matter the record was loaded from.
// Nothing, the problem reported, when it cannot be read or has changed.
std::optional<BodySource> read_body(const FileSystem& fs, const Record& record, Diagnostics& diagnostics);

// The record files of every collection of `schema`, in folder and name
// order; what is not a record is skipped, with a warning or an error where
// an editor should hear of it (an invalid file name, a symbolic link).
std::vector<RecordFile> find_record_files(const FileSystem& fs, const std::string& content_dir,
                                          const Schema& schema, Diagnostics& diagnostics);

// With `languages` (catalogue.yaml's, the first the default), the records'
// translations into the others are read and checked too, and attached to
// their records (validation/translation_loader.h); without, skipped.
// With `hold_bodies` false, each record lets go of its body once loaded
// (release_body()). With `unloaded`, the "<collection>/<id>" of each record
// file that did not load (its errors are in `diagnostics`) is added there.
// With `checked` (and `hold_bodies` false), a record file found there with
// its fields is not read: the record is made from its entry, which is moved
// from and marked taken. The caller answers for those files having the same bytes as when
// they were checked, in a catalogue whose settings and set of record files
// are the same; a translation is read all the same.
std::vector<Record> load_records(const FileSystem& fs, const std::string& content_dir, const Schema& schema,
                                 const Vocabularies& vocabularies, Diagnostics& diagnostics,
                                 const std::vector<std::string>& languages = {}, bool hold_bodies = true,
                                 std::set<std::string>* unloaded = nullptr, CheckedRecords* checked = nullptr);

// How many record files the catalogue holds (every .md file of a folder
// when the schema declares no collection): the records left unchecked when
// a settings file fails.
size_t count_record_files(const FileSystem& fs, const std::string& content_dir, const Schema& schema);

// Orders records as index pages list them: by the collection's sort fields,
// then by title and id.
void sort_records(std::vector<Record>& records, const Schema& schema);

// The order sort_records() puts records in: true when `a` comes before `b`.
bool record_before(const Record& a, const Record& b, const Schema& schema);

// Loads the one record file `path` (`<content>/<collection>/<id>.md`), checked
// against `keys`, the "<collection>/<id>" of every record file of the
// catalogue, as load_records() does for each file. Used by the dev server to
// re-read only the record that changed; nothing when the file cannot be used.
std::optional<Record> load_record_file(const FileSystem& fs, const Collection& collection,
                                       const std::string& id, const std::string& path, const Schema& schema,
                                       const Vocabularies& vocabularies, const std::set<std::string>& keys,
                                       Diagnostics& diagnostics);

}  // namespace passerelle
