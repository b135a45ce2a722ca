#include "render/recent_changes.h"

#include <algorithm>

namespace passerelle {

std::vector<size_t> recently_changed(const std::vector<Record>& records, size_t limit) {
  std::vector<size_t> dated;
  for (size_t i = 0; i < records.size(); ++i)
    if (!records[i].updated.empty()) dated.push_back(i);
  // Timestamps of one form ("2026-12-04T18:41:56Z") order as text.
  auto newer = [&](size_t a, size_t b) {
    const Record& x = records[a];
    const Record& y = records[b];
    if (x.updated != y.updated) return x.updated > y.updated;
    if (x.collection != y.collection) return x.collection < y.collection;
    return x.id < y.id;
  };
  const size_t kept = std::min(limit, dated.size());
  std::partial_sort(dated.begin(), dated.begin() + static_cast<std::ptrdiff_t>(kept), dated.end(), newer);
  dated.resize(kept);
  return dated;
}

}  // namespace passerelle
