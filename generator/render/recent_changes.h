// The records changed last, by the dates of their files in the catalogue's
// history (Record::updated): what the recent changes page (recent.html) and
// its Atom feed (recent.xml, with a base_url) list. Records without a date
// are left out.
#pragma once

#include <cstddef>
#include <vector>

#include "content/record.h"

namespace passerelle {

inline constexpr size_t recent_change_count = 50;

// Indices into `records`, newest first; records changed in one commit by
// collection and id.
std::vector<size_t> recently_changed(const std::vector<Record>& records, size_t limit = recent_change_count);

}  // namespace passerelle
