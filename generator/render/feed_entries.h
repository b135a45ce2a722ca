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

// The entries of the last build's file, by a key each entry holds (its
// record's address, as the file writes it).
using EntriesBefore = std::unordered_map<std::string_view, std::string_view>;

// Appends the `n` records' entries to `out`, `separator` between two.
// Without `before`, `write(text, i)` appends record i's entry, on every core.
// With it, on one core, since the work is then mostly copying: record i's
// entry is the one `before` holds under `key(i)` where `as_before[i]`, and
// written otherwise. `more`: what the caller appends after, for the one
// allocation of `out`.
template <typename Key, typename Write>
void append_entries(std::string& out, size_t n, std::string_view separator, const EntriesBefore& before,
                    const std::vector<bool>& as_before, size_t more, Key&& key, Write&& write) {
  auto entry = [&](std::string& text, size_t i) {
    if (i > 0) text += separator;
    if (!before.empty() && as_before[i])
      if (auto kept = before.find(key(i)); kept != before.end()) {
        text += kept->second;
        return;
      }
    write(text, i);
  };
  if (before.empty()) {
    std::vector<std::string> parts = parallel_parts(n, entry);
    append_parts(out, parts, more);
    return;
  }
  size_t size = out.size() + more + separator.size() * n;
  for (const auto& [k, text] : before) size += text.size();
  out.reserve(size + size / 64);  // room for entries grown by the edits
  for (size_t i = 0; i < n; ++i) entry(out, i);
}

}  // namespace passerelle
