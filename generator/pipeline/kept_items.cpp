#include "pipeline/kept_items.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>

#include "pipeline/build_cache.h"

namespace passerelle {

namespace {

constexpr std::string_view items_format = "passerelle-items 1";

// Reads a number ending in `then` at `p`, and moves past both.
bool read_number(const char*& p, const char* end, uint64_t& value, int base, char then) {
  const auto [next, error] = std::from_chars(p, end, value, base);
  if (error != std::errc() || next == end || *next != then) return false;
  p = next + 1;
  return true;
}

}  // namespace

struct KeptItems::File {
  explicit File(int opened) : fd(opened) {}
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  ~File() { ::close(fd); }
  const int fd;
};

std::string new_items_id() {
  std::random_device random;
  const uint64_t id = (static_cast<uint64_t>(random()) << 32) ^ random() ^
                      static_cast<uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
  return hex(id);
}

bool KeptItems::write(const std::string& path, const std::string& id, std::vector<Item> items, std::string& why) {
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.entry < b.entry; });
  items.erase(std::unique(items.begin(), items.end(),
                          [](const Item& a, const Item& b) { return a.entry == b.entry; }),
              items.end());
  std::string index;
  for (const Item& item : items) {
    index +=
        hex(item.entry) + ' ' + hex(content_hash(item.html)) + ' ' + std::to_string(item.html.size()) + '\n';
  }
  std::string text = std::string(items_format) + " " + id + " ";
  text += std::to_string(items.size()) + " " + std::to_string(index.size()) + "\n";
  text += index;
  const std::string temporary = path + ".new";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  bool written = fd >= 0;
  for (const Item& item : items) {
    if (!written) break;
    text += item.html;
    if (text.size() >= (1 << 20)) {
      written = write_all(fd, text);
      text.clear();
    }
  }
  written = written && write_all(fd, text);
  if (written) why.clear();
  else why = std::strerror(errno);
  if (fd >= 0 && ::close(fd) != 0 && written) {
    written = false;
    why = std::strerror(errno);
  }
  if (written && std::rename(temporary.c_str(), path.c_str()) != 0) {
    written = false;
    why = std::strerror(errno);
  }
  if (!written) {
    std::remove(temporary.c_str());
    std::remove(path.c_str());
  }
  return written;
}

std::optional<KeptItems> KeptItems::open(const std::string& path, const std::string& id) {
  if (id.empty()) return std::nullopt;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  KeptItems kept;
  kept.file_ = std::make_shared<const File>(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0) return std::nullopt;
  const auto file_size = static_cast<uint64_t>(st.st_size);
  // The first line: the format, the id, how many items and the index's bytes.
  std::string first(std::min<uint64_t>(file_size, 128), '\0');
  if (!read_at(fd, 0, first.data(), first.size())) return std::nullopt;
  const size_t line_end = first.find('\n');
  const std::string start = std::string(items_format) + " " + id + " ";
  if (line_end == std::string::npos || !first.starts_with(start)) return std::nullopt;
  const char* p = first.data() + start.size();
  uint64_t count = 0, index_bytes = 0;
  if (!read_number(p, first.data() + line_end + 1, count, 10, ' ') ||
      !read_number(p, first.data() + line_end + 1, index_bytes, 10, '\n') ||
      index_bytes > file_size - (line_end + 1))
    return std::nullopt;
  std::string index(index_bytes, '\0');
  if (!read_at(fd, line_end + 1, index.data(), index.size())) return std::nullopt;
  // Each item's place: one after the other, after the index.
  uint64_t at = line_end + 1 + index_bytes;
  p = index.data();
  const char* const end = index.data() + index.size();
  kept.filed_.reserve(std::min<uint64_t>(count, index_bytes / 6));
  while (p < end) {
    Filed f;
    if (!read_number(p, end, f.entry, 16, ' ') || !read_number(p, end, f.hash, 16, ' ') ||
        !read_number(p, end, f.bytes, 10, '\n') || f.bytes > file_size - at ||
        (!kept.filed_.empty() && kept.filed_.back().entry >= f.entry))
      return std::nullopt;
    f.at = at;
    at += f.bytes;
    kept.filed_.push_back(f);
  }
  if (kept.filed_.size() != count) return std::nullopt;
  return kept;
}

bool KeptItems::read(uint64_t entry, std::string& out) const {
  out.clear();
  const auto it = std::lower_bound(filed_.begin(), filed_.end(), entry,
                                   [](const Filed& f, uint64_t e) { return f.entry < e; });
  if (it == filed_.end() || it->entry != entry) return false;
  out.resize(it->bytes);
  if (read_at(file_->fd, it->at, out.data(), out.size()) && content_hash(out) == it->hash) return true;
  out.clear();
  return false;
}

}  // namespace passerelle
