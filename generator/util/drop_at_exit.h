// What a command lets go of only as its process exits.
//
// Freeing a large model one allocation at a time is slow: at 100,000
// records, their fields took half a second of one core to free, where the
// kernel takes the whole heap back at once as the process exits. A command
// whose process ends with it (`build`, `check`) hands what it no longer
// needs to drop_at_exit(), which keeps it in a table that is never freed
// (reachable from a global, so that a leak checker does not count it).
// Never for a process that goes on, such as the dev server's.
#pragma once

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace passerelle {

template <typename T>
void drop_at_exit(T value) {
  static std::mutex mutex;
  static auto* const dropped = new std::vector<std::shared_ptr<void>>();  // never deleted
  auto kept = std::make_shared<T>(std::move(value));
  const std::lock_guard<std::mutex> lock(mutex);
  dropped->push_back(std::move(kept));
}

}  // namespace passerelle
