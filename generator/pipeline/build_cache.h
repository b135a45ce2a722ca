// The build cache: what the last successful build read and wrote, so that a
// build with nothing changed does no work, as ninja's log lets it skip a
// step whose inputs have not changed.
//
// The cache is a text file beside the output folder, .<out>.passerelle-cache
// (site/ → .site.passerelle-cache), written after each successful build:
//   - its format line, then each record as the build checked it (below);
//   - a header: a key (the cache format, the passerelle binary (its version,
//     size and time), the input folders and the output folder as absolute
//     paths, and the git commit the content is at: the pages' "last
//     changed" dates come from its history); the id of the records' list
//     items kept beside it (pipeline/kept_items.h); every input file (content,
//     templates, theme and the form editor's files) with its size,
//     modification time and a hash of its bytes; every file of the output
//     folder as the build left it: size, modification time and inode;
//   - the records section: where the records lie, the search index's terms
//     and a hash of it;
//   - a last line that says where the header begins.
// The site is up to date when the key matches, the input files are the same
// set with the same bytes (a file whose size and time are unchanged is not
// read again, unless it changed in the same tick as the last build listed
// it, as git decides), and the output folder is exactly as written: a page edited
// by hand, a file added or removed there makes a full build.
//
// A cache that cannot be read, is cut short or belongs to another output,
// inputs or binary is never trusted: the build says why in a warning and
// builds everything.
//
// Each record is an entry: its front matter, its fields (in CBOR) and what
// the search index kept of it (its entry in the results and its analysis:
// validation/record_loader.h: CheckedRecord). The entries lie in parts,
// each with its hash in the records section. When the only change is to
// record files' bytes (no file added or removed, the output folder as
// written), edited_records() hands them to the build, which then takes the
// records whose files did not change from there, without parsing their
// YAML, analyses only the edited ones for the search index, and renders
// again only the pages that show them, before or after the edit
// (pipeline.h). Its save then appends the entries it wrote again as a part
// of their own, over the old header (a record's last entry counts), and
// leaves the others where they lie (the terms keep their numbers:
// search/inverted_index.h): at 100,000 records, that is a few kilobytes
// where writing the cache whole (some 180 MB) took a quarter of a second,
// half of it to free the one it replaced. A save writes the cache whole
// again, beside it, when the parts would leave more than a quarter of their
// bytes unread, and after any other build.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "pipeline/pipeline.h"
#include "pipeline/stages.h"

namespace passerelle {

// The state of one file: size and modification time; for an input, a hash
// of its bytes; for an output, its inode.
struct CachedFile {
  std::string path;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  uint64_t hash_or_inode = 0;
};

class BuildCache {
 public:
  // The cache of `out_dir` for a build of `inputs`. Reads nothing yet.
  BuildCache(const std::string& out_dir, const Inputs& inputs);

  // Where the cache lives.
  const std::string& path() const { return path_; }

  // Takes stock of the inputs (before the build reads them, so that a file
  // changed while the build runs shows as changed next time), then compares
  // them and the output folder with the cache. True when nothing changed;
  // a cache that cannot be trusted adds a warning to `diagnostics`.
  bool up_to_date(Diagnostics& diagnostics);

  // When up_to_date() found that only record files changed, and nothing
  // else: the edited records' front matter as the last build read it, and
  // every other record as it checked it, by path as the build names it.
  // Nothing otherwise, or when any changed file is not a record the cache
  // holds; nothing, with a warning in `diagnostics`, when the records'
  // section is cut short or does not match its hash.
  std::optional<EditedRecords> edited_records(Diagnostics& diagnostics);

  // After a successful build: writes the inputs as up_to_date() found them,
  // the output folder as it is now and `records`, as the build checked
  // them. The output folder is listed again, unless `changed_outputs`
  // names every file of it the build wrote or removed (by path in the
  // site: SiteWriter::changed_files()), after up_to_date() found it as the
  // last build left it: only those are looked at then. A failure to write
  // is a warning: the next build is then a full one.
  void save(Diagnostics& diagnostics, const CheckedRecords& records = {}, const std::string& search_terms = {},
            const std::vector<std::string>* changed_outputs = nullptr);

  // Removes the cache, e.g. before a build that fails, so that it never
  // describes a site other than the one in place.
  void forget();

  // Why up_to_date() returned false, for --verbose: "no cache yet",
  // "content/dps/espere.md changed", …
  const std::string& reason() const { return reason_; }
  // The output folder's files, by path in the site, when up_to_date() found
  // it exactly as the last build left it (SiteWriter::update_in_place()).
  std::vector<std::string> output_files() const;
  size_t input_count() const { return inputs_.size(); }
  size_t output_count() const { return output_count_; }

  // The records' entries one save wrote, one after the other: where they
  // begin in the cache, their bytes, how many and the hash of them.
  struct RecordsPart {
    uint64_t at = 0, bytes = 0, count = 0, hash = 0;
  };
  // The records as edited_records() read them: the parts, how many records
  // they hold (a record's last entry counts) and the sum of the hashes of
  // their paths.
  struct RecordsLog {
    std::vector<RecordsPart> parts;
    size_t count = 0;
    uint64_t paths = 0;
  };

 private:
  // Whether save() may append the records it writes again to the cache
  // read (log_), rather than write it whole.
  bool appends(const CheckedRecords& records) const;

  std::string out_dir_;
  std::string path_;
  std::string items_path_;  // the kept list items (pipeline/kept_items.h)
  std::string items_id_;    // theirs, as the cache read names it, then as saved
  std::vector<std::string> input_dirs_;
  std::string content_dir_;  // the content folder as the build names it, and its absolute path
  std::string content_absolute_;
  std::vector<std::string> input_files_;
  std::string key_;
  std::vector<CachedFile> inputs_;  // as taken by up_to_date(), sorted by path
  int64_t listed_ns_ = 0;           // when up_to_date() began listing them
  size_t output_count_ = 0;
  std::vector<CachedFile> outputs_;   // as up_to_date() found them, when as the last build left them
  std::vector<std::string> changed_;  // inputs whose bytes alone changed, the output as written
  uint64_t header_at_ = 0;            // in the cache up_to_date() read: where its header begins
  uint64_t records_at_ = 0;           // and its records section, after the lists
  std::optional<RecordsLog> log_;     // the records edited_records() read
  std::string reason_;
};

// A 64-bit hash of `bytes` (FNV-1a over 8-byte words), the same on every
// machine, for the cache's input entries.
uint64_t content_hash(std::string_view bytes);

// `value` in hexadecimal, as the cache writes hashes.
std::string hex(uint64_t value);

// Writes all of `bytes` to the open file `fd`; false, errno set, when it cannot.
bool write_all(int fd, std::string_view bytes);

// Reads `size` bytes of the open file `fd`, from offset `at`, into `into`;
// false where the file is shorter or a read fails.
bool read_at(int fd, uint64_t at, char* into, size_t size);

}  // namespace passerelle
