// Running independent work on every core.
//
// Splits [0, n) into one contiguous slice per worker and runs `work(begin,
// end)` for each slice on its own thread. Slices are contiguous so results
// written by index keep their order, which keeps the output deterministic.
#pragma once

#include <algorithm>
#include <cstddef>
#include <future>
#include <thread>
#include <vector>

namespace passerelle {

inline size_t worker_count() {
  return std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
}

template <typename Work>
void parallel_slices(size_t n, Work&& work) {
  if (n == 0) return;
  const size_t workers = std::min(worker_count(), n);
  const size_t slice = (n + workers - 1) / workers;
  std::vector<std::future<void>> jobs;
  for (size_t begin = 0; begin < n; begin += slice) {
    const size_t end = std::min(n, begin + slice);
    jobs.push_back(std::async(std::launch::async, [&work, begin, end] { work(begin, end); }));
  }
  for (auto& job : jobs) job.get();  // rethrows the first exception, if any
}

}  // namespace passerelle
