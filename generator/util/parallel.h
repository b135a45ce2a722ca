// Running independent work on every core, or on as many threads as
// `--jobs` asks for (set_worker_count()).
//
// Splits [0, n) into one contiguous slice per worker and runs `work(begin,
// end)` for each slice on its own thread. Slices are contiguous so results
// written by index keep their order, which keeps the output deterministic.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace passerelle {

inline size_t core_count() { return std::max(1u, std::thread::hardware_concurrency()); }

namespace detail {
inline std::atomic<size_t> chosen_workers{0};  // 0: every core
}  // namespace detail

// How many threads parallel work uses: `--jobs`, or every core. Output does
// not depend on it.
inline size_t worker_count() {
  const size_t chosen = detail::chosen_workers.load(std::memory_order_relaxed);
  return chosen > 0 ? chosen : core_count();
}

// Sets worker_count() for the rest of the process; 0 means every core.
inline void set_worker_count(size_t workers) {
  detail::chosen_workers.store(workers, std::memory_order_relaxed);
}

// How a stage that overlaps others starts (std::async): on a thread of its
// own, unless one thread was asked for; then when its result is wanted.
inline std::launch overlap_policy() { return worker_count() > 1 ? std::launch::async : std::launch::deferred; }

// How many items each slice of parallel_slices(n, …) holds (the last may hold
// fewer): the slice starting at `begin` is number begin / slice_size(n).
inline size_t slice_size(size_t n) {
  const size_t workers = std::max<size_t>(1, std::min(worker_count(), n));
  return std::max<size_t>(1, (n + workers - 1) / workers);
}

// How many slices parallel_slices(n, …) makes.
inline size_t slice_count(size_t n) { return n == 0 ? 0 : (n + slice_size(n) - 1) / slice_size(n); }

template <typename Work>
void parallel_slices(size_t n, Work&& work) {
  if (n == 0) return;
  const size_t slice = slice_size(n);
  std::vector<std::future<void>> jobs;
  for (size_t begin = 0; begin < n; begin += slice) {
    const size_t end = std::min(n, begin + slice);
    jobs.push_back(std::async(std::launch::async, [&work, begin, end] { work(begin, end); }));
  }
  for (auto& job : jobs) job.get();  // rethrows the first exception, if any
}

// Text written item by item on every core: `append(part, i)` appends item
// i's text to its slice's part; the parts, in order, make the whole text.
template <typename Append>
std::vector<std::string> parallel_parts(size_t n, Append&& append) {
  const size_t slice = slice_size(n);
  std::vector<std::string> parts(slice_count(n));
  parallel_slices(n, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) append(parts[begin / slice], i);
  });
  return parts;
}

// Appends `parts` to `out`, growing it once (growing by doubling would hold
// up to twice a large text at the end), each part freed once appended.
inline void append_parts(std::string& out, std::vector<std::string>& parts, size_t more = 0) {
  size_t size = out.size() + more;
  for (const auto& part : parts) size += part.size();
  out.reserve(size);
  for (auto& part : parts) {
    out += part;
    part = {};
  }
}

// For items whose cost varies (a record page; a term listing thousands of
// records): runs `work(take)` once on each of min(worker_count(), n)
// threads, where it sets up what the thread needs, then calls take(i) for
// the next item of [0, n) nobody has taken, until take() returns false.
// Results written by index keep their order whatever thread made them.
template <typename Work>
void parallel_items(size_t n, Work&& work) {
  std::atomic<size_t> next{0};
  auto take = [&next, n](size_t& i) {
    i = next++;
    return i < n;
  };
  parallel_slices(std::min(worker_count(), n), [&](size_t, size_t) { work(take); });
}

// `each(i)` for every i of [0, n), each thread taking the next i (above).
template <typename Each>
void parallel_each(size_t n, Each&& each) {
  parallel_items(n, [&](auto& take) {
    for (size_t i; take(i);) each(i);
  });
}

}  // namespace passerelle
