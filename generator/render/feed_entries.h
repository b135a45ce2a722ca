// The records' entries of a feed (catalogue.json, catalogue.csv), in site
// order: each written from its record, or, after record edits, copied from
// the last build's file for the records as that build read them
// (render/feeds.h: FeedsBefore).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/parallel.h"

namespace passerelle {

// The entries of the last build's file, in its order, each with a key it
// holds (its record's address, as the file writes it). Records keep their
// order from one build to the next, so a record's entry is looked for where
// the last one found ends, or one further (after an edited record's, which
// is not asked for); by key only when it is not there.
class EntriesBefore {
 public:
  void add(std::string_view key, std::string_view text) {
    entries_.push_back({key, text});
    size_ += text.size();
  }
  bool empty() const { return entries_.empty(); }
  size_t size() const { return size_; }  // of the entries' text, all together

  // The entry held under `key`, or nullptr.
  const std::string_view* find(std::string_view key) {
    size_t at = next_;
    if (at < entries_.size() && entries_[at].key != key) ++at;
    if (at >= entries_.size() || entries_[at].key != key) {
      if (by_key_.empty())
        for (size_t i = 0; i < entries_.size(); ++i) by_key_.emplace(entries_[i].key, i);
      const auto found = by_key_.find(key);
      if (found == by_key_.end()) return nullptr;
      at = found->second;
    }
    next_ = at + 1;
    return &entries_[at].text;
  }

 private:
  struct Entry {
    std::string_view key, text;
  };
  std::vector<Entry> entries_;
  size_t size_ = 0;
  size_t next_ = 0;                                      // the entry after the last one found
  std::unordered_map<std::string_view, size_t> by_key_;  // made on the first entry out of place
};

// Appends the `n` records' entries to `out`, `separator` between two.
// Without `before`, `write(text, i)` appends record i's entry, on every core.
// With it, on one core, since the work is then mostly copying: record i's
// entry is the one `before` holds under `key(i)` where `as_before[i]`, and
// written otherwise. `more`: what the caller appends after, for the one
// allocation of `out`.
template <typename Key, typename Write>
void append_entries(std::string& out, size_t n, std::string_view separator, EntriesBefore before,
                    const std::vector<bool>& as_before, size_t more, Key&& key, Write&& write) {
  auto entry = [&](std::string& text, size_t i) {
    if (i > 0) text += separator;
    if (!before.empty() && as_before[i])
      if (const std::string_view* kept = before.find(key(i))) {
        text += *kept;
        return;
      }
    write(text, i);
  };
  if (before.empty()) {
    std::vector<std::string> parts = parallel_parts(n, entry);
    append_parts(out, parts, more);
    return;
  }
  const size_t size = out.size() + more + separator.size() * n + before.size();
  out.reserve(size + size / 64);  // room for entries grown by the edits
  for (size_t i = 0; i < n; ++i) entry(out, i);
}

}  // namespace passerelle
