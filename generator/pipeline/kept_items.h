// The records' list items as the last full build rendered them, kept beside
// the build cache (.<out>.passerelle-items: site/ → .site.passerelle-items),
// so that a build after edits takes from there the items of the records it
// took from the cache rather than render them again. A title edit renders
// the list of its collection and those of its terms again: some 66,000
// items at 100,000 records, which took a quarter of the build's CPU time.
//
// An item is made from its record's fields alone, with the templates, the
// schema and the vocabularies (render/view_model.h: record_item()). So each
// is filed under the hash of its record's entry in the cache, which holds
// the fields (pipeline/build_cache.h): an edited record's entry hashes
// otherwise, and its item is rendered. A build that changes anything but
// records is a full one, which writes the file again under a new id; the
// cache's header names the id of the file it goes with, and a build after
// edits passes it on. Each item's bytes are checked against their hash as
// they are read: an item missing or damaged is rendered, never trusted.
//
// The file: a line "passerelle-items 1 <id> <count> <index bytes>"; the
// index, a line "<entry hash> <item hash> <bytes>" for each item (hex, hex,
// decimal), by entry hash; then the items' bytes, one after the other, in
// the index's order.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle {

class KeptItems {
 public:
  struct Item {
    uint64_t entry = 0;     // the hash of its record's entry in the cache
    std::string_view html;  // the item
  };

  // Writes `items` to `path` under `id` (a word: no space, no line end),
  // beside it first, then moved over it. False, with `why`, when it cannot:
  // `path` is then removed.
  static bool write(const std::string& path, const std::string& id, std::vector<Item> items, std::string& why);

  // The file at `path`, when it is the one written under `id` and its index
  // reads whole; nothing otherwise.
  static std::optional<KeptItems> open(const std::string& path, const std::string& id);

  // The item filed under `entry`, into `out`; false, `out` empty, where there
  // is none or its bytes do not hash as the index says. Safe to call from
  // several threads at once.
  bool read(uint64_t entry, std::string& out) const;

  size_t size() const { return filed_.size(); }

 private:
  struct Filed {
    uint64_t entry = 0, hash = 0, at = 0, bytes = 0;
  };
  struct File;  // the open file, closed with the last copy
  std::vector<Filed> filed_;  // by entry
  std::shared_ptr<const File> file_;
};

// A new id for a file of kept items: a word unlikely to be made twice.
std::string new_items_id();

}  // namespace passerelle
