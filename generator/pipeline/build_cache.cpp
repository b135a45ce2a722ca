#include "pipeline/build_cache.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <mutex>
#include <set>
#include <sstream>
#include <unordered_set>

#include "cms/cms_config.h"
#include "fs/file_system.h"
#include "fs/git_history.h"
#include "pipeline/kept_items.h"
#include "util/parallel.h"

namespace passerelle {

namespace fs = std::filesystem;

namespace {

constexpr const char* cache_format = "passerelle-build-cache 7";
constexpr std::string_view header_line = "header ";
constexpr std::string_view records_end = "end records ";
// Parts of records a cache may hold before it is written whole again.
constexpr size_t max_parts = 256;

// `dir` as an absolute path without a trailing '/' ("content/" names the
// same folder as "content", and its files the same paths).
fs::path absolute(const std::string& dir) {
  std::error_code ec;
  fs::path path = fs::absolute(dir, ec);
  path = (ec ? fs::path(dir) : path).lexically_normal();
  return path.has_filename() || !path.has_relative_path() ? path : path.parent_path();
}

bool by_path(const CachedFile& a, const CachedFile& b) { return a.path < b.path; }

int64_t mtime_ns(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

// The regular files of the folder `dir` (links are not followed), with
// their size, time and inode, into `files`, and its sub-folders but .git
// into `subfolders`. Read with readdir and fstatat relative to the folder:
// a large catalogue has a hundred thousand files, and each path looked up
// from the root again costs more than the stat itself. Returns false when
// the folder holds anything else, such as a symbolic link: the build
// decides whether a link may be followed, so the cache does not answer for
// folders that hold one.
bool list_folder(const std::string& dir, std::vector<CachedFile>& files, std::vector<std::string>& subfolders) {
  DIR* folder = ::opendir(dir.c_str());
  if (!folder) return true;
  bool plain = true;
  const int fd = ::dirfd(folder);
  while (const dirent* entry = ::readdir(folder)) {
    const std::string_view name = entry->d_name;
    if (name == "." || name == ".." || name == ".git") continue;
    struct stat st {};
    if (::fstatat(fd, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    std::string path = dir + "/" + entry->d_name;
    if (S_ISDIR(st.st_mode)) subfolders.push_back(std::move(path));
    else if (S_ISREG(st.st_mode))
      files.push_back(
          {std::move(path), static_cast<uint64_t>(st.st_size), mtime_ns(st), static_cast<uint64_t>(st.st_ino)});
    else plain = false;
  }
  ::closedir(folder);
  return plain;
}

// The files under each of `dirs` and their sub-folders (list_folder()),
// sorted by path, and whether its folders hold plain files only. Listed on
// every core, a folder at a time: at 100,000 records, the content and the
// site were 0.18 s each on one core.
struct Listing {
  std::vector<CachedFile> files;
  bool plain = true;
};
std::vector<Listing> list_trees(const std::vector<std::string>& dirs) {
  std::vector<Listing> listings(dirs.size());
  std::mutex mutex;  // guards what follows
  std::condition_variable changed;
  std::vector<std::pair<std::string, size_t>> folders;  // to list, with the index of their tree
  for (size_t k = 0; k < dirs.size(); ++k) folders.emplace_back(dirs[k], k);
  size_t busy = 0;  // workers listing a folder, which may find more
  parallel_slices(worker_count(), [&](size_t, size_t) {
    std::unique_lock<std::mutex> lock(mutex);
    for (;;) {
      changed.wait(lock, [&] { return !folders.empty() || busy == 0; });
      if (folders.empty()) return;
      const auto [folder, tree] = std::move(folders.back());
      folders.pop_back();
      ++busy;
      lock.unlock();
      std::vector<CachedFile> files;
      std::vector<std::string> subfolders;
      const bool plain = list_folder(folder, files, subfolders);
      lock.lock();
      --busy;
      Listing& listing = listings[tree];
      listing.plain = listing.plain && plain;
      std::move(files.begin(), files.end(), std::back_inserter(listing.files));
      for (auto& sub : subfolders) folders.emplace_back(std::move(sub), tree);
      changed.notify_all();
    }
  });
  parallel_each(listings.size(),
                [&](size_t k) { std::sort(listings[k].files.begin(), listings[k].files.end(), by_path); });
  return listings;
}

std::optional<uint64_t> hash_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string bytes;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      ::close(fd);
      return std::nullopt;
    }
    if (got == 0) break;
    bytes.append(buffer, static_cast<size_t>(got));
  }
  ::close(fd);
  return content_hash(bytes);
}

// A line of the cache: "<kind> <size> <time> <hash, hex> <path>". Written and
// read with to_chars and from_chars: the cache of a large catalogue has
// hundreds of thousands of lines, and a build with nothing changed reads
// them all.
void append_entry(std::string& out, char kind, const CachedFile& f) {
  auto number = [&](auto value, int base) {
    char digits[24];
    out.append(digits, std::to_chars(digits, digits + sizeof digits, value, base).ptr);
    out += ' ';
  };
  out += kind;
  out += ' ';
  number(f.size, 10);
  number(f.mtime_ns, 10);
  number(f.hash_or_inode, 16);
  out += f.path;
  out += '\n';
}

// Reads a number and the space after it from `at`, moving `at` past them.
template <typename Number>
bool read_number(const char*& at, const char* end, Number& value, int base = 10) {
  const auto [next, error] = std::from_chars(at, end, value, base);
  if (error != std::errc() || next == end || *next != ' ') return false;
  at = next + 1;
  return true;
}

bool parse_entry(std::string_view line, char& kind, CachedFile& f) {
  if (line.size() < 2 || line[1] != ' ') return false;
  kind = line[0];
  const char* at = line.data() + 2;
  const char* const end = line.data() + line.size();
  if (!read_number(at, end, f.size) || !read_number(at, end, f.mtime_ns) ||
      !read_number(at, end, f.hash_or_inode, 16))
    return false;
  f.path.assign(at, end);
  return !f.path.empty();
}

struct StoredCache {
  std::string key;
  std::string items_id;   // of the kept items it goes with (pipeline/kept_items.h), if any
  int64_t listed_ns = 0;  // when the build that wrote it listed the inputs
  std::vector<CachedFile> inputs, outputs;
  uint64_t header_at = 0;   // where the header begins, after the records' parts
  uint64_t records_at = 0;  // where its records section begins, after the lists
};

// Where the header of the cache open in `in` begins: its last line,
// "header <offset>", says. Nothing when that line is missing or wrong.
std::optional<uint64_t> header_offset(std::ifstream& in) {
  if (!in.seekg(0, std::ios::end)) return std::nullopt;
  const auto size = static_cast<uint64_t>(in.tellg());
  const uint64_t tail_size = std::min<uint64_t>(size, 64);
  std::string tail(tail_size, '\0');
  if (!in.seekg(static_cast<std::streamoff>(size - tail_size)) ||
      !in.read(tail.data(), static_cast<std::streamsize>(tail_size)) || !tail.ends_with('\n'))
    return std::nullopt;
  const size_t line = tail.rfind('\n', tail.size() - 2) + 1;  // npos + 1 is 0
  const std::string_view last = std::string_view(tail).substr(line, tail.size() - 1 - line);
  uint64_t at = 0;
  if (!last.starts_with(header_line) ||
      std::from_chars(last.data() + header_line.size(), last.data() + last.size(), at).ptr !=
          last.data() + last.size() ||
      at >= size - tail_size + line)
    return std::nullopt;
  return at;
}

// Reads the cache at `path`; nullopt with `why` when it is missing or cannot be trusted.
std::optional<StoredCache> read_cache(const std::string& path, std::string& why, bool& missing) {
  std::ifstream in(path, std::ios::binary);
  missing = !in;
  if (!in) {
    why = "no build cache yet";
    return std::nullopt;
  }
  StoredCache cache;
  std::string line;
  if (!std::getline(in, line) || line != cache_format) {
    why = "not a build cache of this version";
    return std::nullopt;
  }
  const std::optional<uint64_t> header = header_offset(in);
  in.clear();
  if (!header) {
    why = "it is cut short";
    return std::nullopt;
  }
  if (!in.seekg(static_cast<std::streamoff>(*header)) || !std::getline(in, line) ||
      !line.starts_with("listed ")) {
    why = "its header is damaged";
    return std::nullopt;
  }
  cache.header_at = *header;
  cache.listed_ns = std::strtoll(line.c_str() + 7, nullptr, 10);
  size_t key_lines = 0;
  bool ended = false;
  while (std::getline(in, line)) {
    if (line.starts_with("key ")) {
      cache.key += line.substr(4) + "\n";
      ++key_lines;
      continue;
    }
    if (line.starts_with("items ")) {
      cache.items_id = line.substr(6);
      continue;
    }
    if (line.starts_with("end ")) {
      ended = std::strtoull(line.c_str() + 4, nullptr, 10) == cache.inputs.size() + cache.outputs.size();
      break;
    }
    char kind = 0;
    CachedFile f;
    if (!parse_entry(line, kind, f) || (kind != 'i' && kind != 'o')) {
      why = "a line of it is damaged";
      return std::nullopt;
    }
    (kind == 'i' ? cache.inputs : cache.outputs).push_back(std::move(f));
  }
  if (!ended || key_lines == 0) {
    why = "it is cut short";
    return std::nullopt;
  }
  cache.records_at = static_cast<uint64_t>(in.tellg());
  return cache;
}

// Appends `size` bytes of `from`, from offset `at`, to `to`: in the kernel
// where it can, read and written otherwise. False, errno set, when `from`
// is shorter or a call fails.
bool copy_bytes(int from, uint64_t at, uint64_t size, int to) {
  auto offset = static_cast<off_t>(at);
  while (size > 0) {
    const ssize_t n = ::copy_file_range(from, &offset, to, nullptr, size, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EXDEV || errno == ENOSYS || errno == EOPNOTSUPP || errno == EINVAL)) break;
    if (n <= 0) {
      if (n == 0) errno = EIO;  // the file ends before the record
      return false;
    }
    size -= static_cast<uint64_t>(n);
  }
  std::string buffer;
  while (size > 0) {
    buffer.resize(std::min<uint64_t>(size, 1 << 20));
    const ssize_t n = ::pread(from, buffer.data(), buffer.size(), offset);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = EIO;
      return false;
    }
    if (!write_all(to, std::string_view(buffer.data(), static_cast<size_t>(n)))) return false;
    offset += n;
    size -= static_cast<uint64_t>(n);
  }
  return true;
}

// The hash of the records section: of each record's part and the search
// terms' in turn, so that it is made as the section is written or read.
class SectionHash {
 public:
  void add(std::string_view part) { add_hash(content_hash(part)); }
  void add_hash(uint64_t part_hash) { hash_ = (hash_ ^ part_hash) * 0x100000001b3ULL; }
  uint64_t value() const { return hash_; }

 private:
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

// The header's records section (after the lists): a line for each part
// of the records, "p <offset> <bytes> <entries> <hash>", in the file's
// order; "records <count>", how many records they hold, each one's last
// entry counting; the search terms, "s <bytes> search terms", the terms,
// a line end; then "end records <hash>", the hash of all that.
struct RecordsSection {
  std::vector<BuildCache::RecordsPart> parts;
  size_t count = 0;
  std::string terms;
};

// The records section as save() writes it and read_records_section() reads it.
std::string records_section(const std::vector<BuildCache::RecordsPart>& parts, size_t count,
                            const std::string& terms) {
  std::string section;
  for (const BuildCache::RecordsPart& p : parts)
    section += "p " + std::to_string(p.at) + " " + std::to_string(p.bytes) + " " + std::to_string(p.count) +
               " " + hex(p.hash) + "\n";
  section += "records " + std::to_string(count) + "\ns " + std::to_string(terms.size()) + " search terms\n" +
             terms + "\n";
  return section + std::string(records_end) + hex(content_hash(section)) + "\n";
}

std::optional<RecordsSection> read_records_section(const std::string& path, uint64_t at) {
  std::ifstream in(path, std::ios::binary);
  if (!in.seekg(0, std::ios::end)) return std::nullopt;
  const auto end = static_cast<uint64_t>(in.tellg());
  if (end < at || !in.seekg(static_cast<std::streamoff>(at))) return std::nullopt;
  std::string text(end - at, '\0');
  if (!in.read(text.data(), static_cast<std::streamsize>(text.size()))) return std::nullopt;
  const std::string_view section = text;
  RecordsSection out;
  size_t from = 0;
  auto next_line = [&](std::string_view& line) {
    const size_t line_end = section.find('\n', from);
    if (line_end == std::string_view::npos) return false;
    line = section.substr(from, line_end - from);
    from = line_end + 1;
    return true;
  };
  std::string_view line;
  while (next_line(line) && line.starts_with("p ")) {
    BuildCache::RecordsPart part;
    const char* p = line.data() + 2;
    const char* const line_end = line.data() + line.size();
    if (!read_number(p, line_end, part.at) || !read_number(p, line_end, part.bytes) ||
        !read_number(p, line_end, part.count) || std::from_chars(p, line_end, part.hash, 16).ptr != line_end)
      return std::nullopt;
    out.parts.push_back(part);
  }
  if (!line.starts_with("records ") ||
      std::from_chars(line.data() + 8, line.data() + line.size(), out.count).ptr != line.data() + line.size())
    return std::nullopt;
  size_t term_bytes = 0;
  if (!next_line(line) || !line.starts_with("s ")) return std::nullopt;
  const char* p = line.data() + 2;
  if (!read_number(p, line.data() + line.size(), term_bytes) || term_bytes >= section.size() - from ||
      section[from + term_bytes] != '\n')
    return std::nullopt;
  out.terms = section.substr(from, term_bytes);
  from += term_bytes + 1;
  const size_t hashed = from;
  uint64_t hash = 0;
  if (!next_line(line) || !line.starts_with(records_end) ||
      std::from_chars(line.data() + records_end.size(), line.data() + line.size(), hash, 16).ptr !=
          line.data() + line.size() ||
      content_hash(section.substr(0, hashed)) != hash)
    return std::nullopt;
  return out;
}

// The records of the cache at `path`, split into the front matter of the
// `edited` files and every other record; nothing when they are cut short,
// damaged or do not match their hashes. `stored` says where they lie;
// `log` is set to what was read, for save() to append to.
std::optional<EditedRecords> read_records(const std::string& path, const StoredCache& stored,
                                          const std::set<std::string>& edited, BuildCache::RecordsLog& log) {
  std::optional<RecordsSection> section = read_records_section(path, stored.records_at);
  if (!section) return std::nullopt;
  // The parts lie one after the other, from the end of the format line to the header.
  const uint64_t start = std::strlen(cache_format) + 1;
  uint64_t parts_end = start;
  for (const auto& part : section->parts) {
    if (part.at != parts_end || part.bytes > stored.header_at - part.at) return std::nullopt;
    parts_end += part.bytes;
  }
  if (parts_end != stored.header_at) return std::nullopt;
  // Read whole (their hashes cover them), a slice on each core: at 100,000
  // records they are some 160 MB, which one read() copies, and faults in, on
  // one core.
  const auto size = static_cast<size_t>(parts_end - start);
  const std::unique_ptr<char[]> bytes(new char[size]);  // not cleared first: read over whole
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::atomic<bool> whole{true};
  parallel_slices(size, [&](size_t begin, size_t end) {
    if (!read_at(fd, start + begin, bytes.get() + begin, end - begin)) whole = false;
  });
  ::close(fd);
  if (!whole) return std::nullopt;
  const std::string_view records(bytes.get(), size);
  // Each record: "r <front matter bytes> <fields bytes> <search bytes>
  // <body line> <path>", then its front matter, its fields and what the
  // search index kept of it, each followed by a line end. The entries are
  // found first, then hashed and copied on every core.
  struct Entry {
    size_t begun = 0, end = 0;  // the entry's bytes, its line included
    size_t front_bytes = 0, field_bytes = 0, search_bytes = 0;
    int body_line = 0;
    std::string_view path;
    size_t part = 0;
    bool live = true;     // no later part holds the record
    bool edited = false;  // its front matter alone is taken
  };
  std::vector<Entry> entries;
  for (size_t k = 0; k < section->parts.size(); ++k) {
    const size_t first = entries.size();
    const size_t part_end = section->parts[k].at + section->parts[k].bytes - start;
    for (size_t from = section->parts[k].at - start; from < part_end;) {
      const size_t begun = from;
      const size_t line_end = records.find('\n', from);
      if (line_end >= part_end) return std::nullopt;
      const std::string_view line = records.substr(from, line_end - from);
      const char* p = line.data() + 2;
      const char* const end = line.data() + line.size();
      from = line_end + 1;
      Entry entry;
      if (!line.starts_with("r ") || !read_number(p, end, entry.front_bytes) ||
          !read_number(p, end, entry.field_bytes) || !read_number(p, end, entry.search_bytes) ||
          !read_number(p, end, entry.body_line) || entry.body_line < 1)
        return std::nullopt;
      // Each part of the entry followed by a line end, as a sum that cannot wrap.
      for (size_t part_bytes : {entry.front_bytes, entry.field_bytes, entry.search_bytes}) {
        if (part_bytes >= part_end - from || records[from + part_bytes] != '\n') return std::nullopt;
        from += part_bytes + 1;
      }
      entry.begun = begun;
      entry.end = from;
      entry.path = std::string_view(p, static_cast<size_t>(end - p));
      entry.part = k;
      entries.push_back(entry);
    }
    if (entries.size() - first != section->parts[k].count) return std::nullopt;
  }
  // A record's last entry counts: those of the parts after the first are a
  // few edited records' each.
  std::unordered_set<std::string_view> later;
  for (size_t i = entries.size(); i-- > 0;) {
    Entry& e = entries[i];
    e.live = !later.count(e.path);
    if (e.part > 0) later.insert(e.path);
  }
  const std::unordered_set<std::string_view> edited_paths(edited.begin(), edited.end());
  size_t live = 0;
  for (Entry& e : entries)
    if (e.live) {
      ++live;
      e.edited = edited_paths.count(e.path) > 0;
    }
  if (live != section->count) return std::nullopt;
  std::vector<CheckedRecord> checked(entries.size());
  parallel_each(entries.size(), [&](size_t k) {
    const Entry& e = entries[k];
    CheckedRecord& c = checked[k];
    const std::string_view bytes_of_entry = records.substr(e.begun, e.end - e.begun);
    c.stored = {start + e.begun, bytes_of_entry.size(), content_hash(bytes_of_entry)};
    if (!e.live) return;
    size_t part = bytes_of_entry.find('\n') + 1;
    auto take = [&](size_t part_bytes) {
      std::string text(bytes_of_entry.substr(part, part_bytes));
      part += part_bytes + 1;
      return text;
    };
    c.front_matter = take(e.front_bytes);
    if (e.edited) return;
    c.body_line = e.body_line;
    c.fields = take(e.field_bytes);
    c.search = take(e.search_bytes);
  });
  std::vector<SectionHash> part_hashes(section->parts.size());
  for (size_t k = 0; k < entries.size(); ++k) part_hashes[entries[k].part].add_hash(checked[k].stored.hash);
  for (size_t k = 0; k < section->parts.size(); ++k)
    if (part_hashes[k].value() != section->parts[k].hash) return std::nullopt;
  log = {section->parts, live, 0};
  EditedRecords out;
  out.search_terms = std::move(section->terms);
  for (size_t k = 0; k < entries.size(); ++k) {
    const Entry& e = entries[k];
    if (!e.live) continue;
    log.paths += content_hash(e.path);
    if (e.edited) out.before.emplace(std::string(e.path), std::move(checked[k].front_matter));
    else if (e.part == 0)
      out.unchanged.emplace_hint(out.unchanged.end(), std::string(e.path), std::move(checked[k]));
    else out.unchanged.emplace(std::string(e.path), std::move(checked[k]));
  }
  return out;
}

}  // namespace

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool read_at(int fd, uint64_t at, char* into, size_t size) {
  while (size > 0) {
    const ssize_t n = ::pread(fd, into, size, static_cast<off_t>(at));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    into += n;
    at += static_cast<uint64_t>(n);
    size -= static_cast<size_t>(n);
  }
  return true;
}

std::string hex(uint64_t value) {
  char digits[24];
  return std::string(digits, std::to_chars(digits, digits + sizeof digits, value, 16).ptr);
}

uint64_t content_hash(std::string_view bytes) {
  uint64_t hash = 0xcbf29ce484222325ULL ^ bytes.size();
  size_t at = 0;
  for (; at + 8 <= bytes.size(); at += 8) {
    uint64_t word;
    std::memcpy(&word, bytes.data() + at, 8);
    hash = (hash ^ word) * 0x100000001b3ULL;
    hash ^= hash >> 29;
  }
  for (; at < bytes.size(); ++at) hash = (hash ^ static_cast<unsigned char>(bytes[at])) * 0x100000001b3ULL;
  return hash ^ (hash >> 32);
}

BuildCache::BuildCache(const std::string& out_dir, const Inputs& inputs) : out_dir_(out_dir) {
  while (out_dir_.size() > 1 && out_dir_.back() == '/') out_dir_.pop_back();  // site/ is site
  const fs::path out = absolute(out_dir);
  path_ = (out.parent_path() / ("." + out.filename().string() + ".passerelle-cache")).string();
  items_path_ = (out.parent_path() / ("." + out.filename().string() + ".passerelle-items")).string();
  for (const std::string& dir : {inputs.content, inputs.templates, inputs.theme})
    input_dirs_.push_back(absolute(dir).string());
  content_dir_ = inputs.content;
  content_absolute_ = input_dirs_.front();
  if (!inputs.cms_modules.empty())
    for (const CmsAsset& asset : kCmsAssets)
      input_files_.push_back((absolute(inputs.cms_modules) / asset.module_path).string());
  // What else the site depends on: the binary (its built-in templates and
  // theme, and its code), where the output goes, and the commit whose
  // history gives the pages' dates.
  std::ostringstream key;
  struct stat self {};
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && ::stat(exe.c_str(), &self) == 0)
    key << "binary " << exe.string() << ' ' << self.st_size << ' ' << mtime_ns(self) << '\n';
  key << "out " << out.string() << '\n';
  for (const auto& dir : input_dirs_) key << "in " << dir << '\n';
  for (const auto& file : input_files_) key << "in " << file << '\n';
  key << "commit " << head_commit(inputs.content) << '\n';
  key_ = key.str();
}

bool BuildCache::up_to_date(Diagnostics& diagnostics) {
  listed_ns_ = std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
  inputs_.clear();
  changed_.clear();
  outputs_.clear();
  // The cache is read on another core while the folders are listed.
  bool missing = false;
  auto read = std::async(overlap_policy(), [&] { return read_cache(path_, reason_, missing); });
  std::vector<std::string> dirs = input_dirs_;
  dirs.push_back(out_dir_);
  std::vector<Listing> listings = list_trees(dirs);
  bool plain = true;
  for (size_t k = 0; k < input_dirs_.size(); ++k) {
    plain = plain && listings[k].plain;
    inputs_.insert(inputs_.end(), std::make_move_iterator(listings[k].files.begin()),
                   std::make_move_iterator(listings[k].files.end()));
  }
  for (const auto& file : input_files_) {
    struct stat st {};
    if (::stat(file.c_str(), &st) == 0 && S_ISREG(st.st_mode))
      inputs_.push_back({file, static_cast<uint64_t>(st.st_size), mtime_ns(st), 0});
  }
  std::sort(inputs_.begin(), inputs_.end(), by_path);
  inputs_.erase(std::unique(inputs_.begin(), inputs_.end(),
                            [](const CachedFile& a, const CachedFile& b) { return a.path == b.path; }),
                inputs_.end());

  std::optional<StoredCache> stored = read.get();
  if (stored && stored->key != key_) {
    reason_ = "it was made for another output folder, other inputs, another commit or another passerelle";
    stored.reset();
  }
  if (!stored && !missing)
    diagnostics.warning(path_, 0, 0, "ignoring the build cache: " + reason_ + "; building everything",
                        "the cache is rewritten after this build; removing it is always safe");
  if (stored) {
    std::sort(stored->inputs.begin(), stored->inputs.end(), by_path);
    std::sort(stored->outputs.begin(), stored->outputs.end(), by_path);
    header_at_ = stored->header_at;
    records_at_ = stored->records_at;
    items_id_ = stored->items_id;
  }

  // Hashes: kept from the cache where the size and time agree and the file
  // was last changed before the last build listed it (one changed in the
  // same tick may have changed again since with the same time, as git
  // knows); read again otherwise, on every core.
  std::vector<size_t> to_hash;
  for (size_t i = 0; i < inputs_.size(); ++i) {
    CachedFile& now = inputs_[i];
    if (stored) {
      auto before = std::lower_bound(stored->inputs.begin(), stored->inputs.end(), now, by_path);
      if (before != stored->inputs.end() && before->path == now.path && before->size == now.size &&
          before->mtime_ns == now.mtime_ns && now.mtime_ns < stored->listed_ns) {
        now.hash_or_inode = before->hash_or_inode;
        continue;
      }
    }
    to_hash.push_back(i);
  }
  std::atomic<bool> unreadable{false};
  parallel_slices(to_hash.size(), [&](size_t begin, size_t end) {
    for (size_t k = begin; k < end; ++k) {
      CachedFile& f = inputs_[to_hash[k]];
      if (auto hash = hash_file(f.path)) f.hash_or_inode = *hash;
      else unreadable = true;
    }
  });
  if (!stored) return false;
  if (!plain) {
    reason_ = "an input folder holds a symbolic link or another file that is not a plain one";
    return false;
  }
  if (unreadable) {
    reason_ = "an input file could not be read";
    return false;
  }
  if (stored->inputs.size() != inputs_.size()) {
    reason_ = "input files were added or removed";
    return false;
  }
  std::vector<std::string> changed;
  for (size_t i = 0; i < inputs_.size(); ++i) {
    const CachedFile& now = inputs_[i];
    const CachedFile& then = stored->inputs[i];
    if (now.path != then.path) {
      reason_ = now.path + " is new";
      return false;
    }
    if (now.size != then.size || now.hash_or_inode != then.hash_or_inode) changed.push_back(now.path);
  }
  if (!changed.empty()) {
    reason_ = changed.front() + " changed";
    if (changed.size() > 1)
      reason_ +=
          ", and " + std::to_string(changed.size() - 1) + (changed.size() > 2 ? " other files" : " other file");
  }

  // The output folder, exactly as the last build left it.
  const std::vector<CachedFile>& outputs = listings.back().files;
  const bool outputs_plain = listings.back().plain;
  output_count_ = outputs.size();
  auto output_changed = [&](std::string why) {
    if (changed.empty()) reason_ = std::move(why);
    return false;
  };
  if (outputs.size() != stored->outputs.size() || !outputs_plain)
    return output_changed("files were added to or removed from " + out_dir_);
  for (size_t i = 0; i < outputs.size(); ++i) {
    const CachedFile& now = outputs[i];
    const CachedFile& then = stored->outputs[i];
    if (now.path != then.path || now.size != then.size || now.mtime_ns != then.mtime_ns ||
        now.hash_or_inode != then.hash_or_inode)
      return output_changed(now.path + " was changed since the last build");
  }
  outputs_ = std::move(listings.back().files);
  changed_ = std::move(changed);
  if (changed_.empty()) reason_.clear();
  return changed_.empty();
}

std::optional<EditedRecords> BuildCache::edited_records(Diagnostics& diagnostics) {
  std::set<std::string> edited;  // as the build names them
  const std::string content = content_absolute_.ends_with('/') ? content_absolute_ : content_absolute_ + "/";
  for (const auto& path : changed_) {
    if (!path.starts_with(content)) return std::nullopt;  // a template, a theme file…
    edited.insert(join_path(content_dir_, path.substr(content.size())));
  }
  if (edited.empty()) return std::nullopt;
  StoredCache stored;
  stored.header_at = header_at_;
  stored.records_at = records_at_;
  RecordsLog log;
  // The kept items' index is read meanwhile.
  auto items = std::async(overlap_policy(), [&] { return KeptItems::open(items_path_, items_id_); });
  std::optional<EditedRecords> records = read_records(path_, stored, edited, log);
  if (records) records->items = items.get();
  if (!records) {
    diagnostics.warning(path_, 0, 0,
                        "ignoring the records in the build cache: they are cut short or damaged; "
                        "building everything",
                        "the cache is rewritten after this build; removing it is always safe");
    return std::nullopt;
  }
  if (records->before.size() != edited.size()) return std::nullopt;  // a changed file is not a record
  log_ = std::move(log);
  return records;
}

std::vector<std::string> BuildCache::output_files() const {
  std::vector<std::string> files;
  files.reserve(outputs_.size());
  for (const CachedFile& f : outputs_) files.push_back(f.path.substr(out_dir_.size() + 1));
  return files;
}

void BuildCache::save(Diagnostics& diagnostics, const CheckedRecords& records, const std::string& search_terms,
                      const std::vector<std::string>* changed_outputs) {
  std::vector<CachedFile> outputs;
  if (changed_outputs && !outputs_.empty()) {
    // The listing up_to_date() made, with the files the build changed looked at again.
    outputs = std::move(outputs_);
    for (const std::string& file : *changed_outputs) {
      CachedFile now{out_dir_ + "/" + file};
      const auto at = std::lower_bound(outputs.begin(), outputs.end(), now, by_path);
      const bool listed = at != outputs.end() && at->path == now.path;
      struct stat st {};
      if (::lstat(now.path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
        now = {now.path, static_cast<uint64_t>(st.st_size), mtime_ns(st), static_cast<uint64_t>(st.st_ino)};
        if (listed) *at = std::move(now);
        else outputs.insert(at, std::move(now));
      } else if (listed) outputs.erase(at);
    }
    outputs_.clear();
  } else {
    outputs = std::move(list_trees({out_dir_}).front().files);
  }
  output_count_ = outputs.size();
  std::string header = "listed " + std::to_string(listed_ns_) + "\n";
  std::istringstream key(key_);
  for (std::string line; std::getline(key, line);) header += "key " + line + "\n";
  const size_t items_line_at = header.size();  // where the kept items' line goes, once they are written
  for (const CachedFile& f : inputs_) {
    if (f.path.find('\n') != std::string::npos) return forget();  // a name the format cannot hold
    append_entry(header, 'i', f);
  }
  for (const CachedFile& f : outputs) {
    if (f.path.find('\n') != std::string::npos) return forget();
    append_entry(header, 'o', f);
  }
  header += "end " + std::to_string(inputs_.size() + outputs.size()) + "\n";
  // The records: after record edits, where the cache holds every other
  // record as this build kept it, the entries written again are appended
  // as a part of their own, in place of the header; otherwise the cache is
  // written whole, beside it, the records kept whole copied from it, where
  // each run of them lies in one piece. Written record by record, so that
  // the cache is never all held at once.
  const bool append = appends(records);
  const std::string temporary = path_ + ".new";
  const int out = append ? ::open(path_.c_str(), O_WRONLY | O_CLOEXEC)
                         : ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const int before = append ? -1 : ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  std::string failed = out < 0 ? std::strerror(errno) : "";  // why the cache could not be written
  std::vector<RecordsPart> parts;
  uint64_t flushed = 0;  // the bytes before `text` in the file
  std::string text;
  if (append) {
    parts = log_->parts;
    flushed = header_at_;
    if (failed.empty() && (::ftruncate(out, static_cast<off_t>(header_at_)) != 0 ||
                           ::lseek(out, static_cast<off_t>(header_at_), SEEK_SET) < 0))
      failed = std::strerror(errno);
  } else {
    text = std::string(cache_format) + "\n";
  }
  auto flush = [&] {
    if (failed.empty() && !write_all(out, text)) failed = std::strerror(errno);
    flushed += text.size();
    text.clear();
  };
  CheckedRecord::Stored run;  // the records to copy, not yet copied
  auto copy_run = [&] {
    if (run.size == 0) return;
    flush();
    if (failed.empty() && (before < 0 || !copy_bytes(before, run.at, run.size, out)))
      failed = before < 0 ? "the cache being replaced is gone" : std::strerror(errno);
    flushed += run.size;
    run = {};
  };
  RecordsPart part{flushed + text.size(), 0, 0, 0};
  SectionHash hash;
  size_t count = 0;
  std::vector<KeptItems::Item> items;  // by the hash of their records' entries
  for (const auto& [path, record] : records) {
    if (path.find('\n') != std::string::npos) continue;
    ++count;
    if (record.copied && !record.item.empty()) items.push_back({record.stored.hash, record.item});
    if (record.copied && append) continue;  // where it lies
    ++part.count;
    if (record.copied) {
      hash.add_hash(record.stored.hash);
      if (run.size > 0 && run.at + run.size != record.stored.at) copy_run();
      if (run.size == 0) run.at = record.stored.at;
      run.size += record.stored.size;
      continue;
    }
    copy_run();
    const size_t begun = text.size();
    text += "r " + std::to_string(record.front_matter.size()) + " " + std::to_string(record.fields.size()) +
            " " + std::to_string(record.search.size()) + " " + std::to_string(record.body_line) + " " + path +
            "\n";
    for (const std::string* part_text : {&record.front_matter, &record.fields, &record.search}) {
      text += *part_text;
      text += '\n';
    }
    const uint64_t entry_hash = content_hash(std::string_view(text).substr(begun));
    hash.add_hash(entry_hash);
    if (!record.item.empty()) items.push_back({entry_hash, record.item});
    if (text.size() >= (1 << 20)) flush();
  }
  copy_run();
  // The kept items: written again by a build that rendered them all (a full
  // one); after edits, those the last one wrote stand, since their entries'
  // hashes tell which are still the records'; otherwise, none.
  std::string why_items;
  if (!items.empty()) {
    items_id_ = new_items_id();
    if (!KeptItems::write(items_path_, items_id_, std::move(items), why_items)) items_id_.clear();
  } else if (!log_) {
    items_id_.clear();
    std::remove(items_path_.c_str());
  }
  if (!items_id_.empty()) header.insert(items_line_at, "items " + items_id_ + "\n");
  part.bytes = flushed + text.size() - part.at;
  part.hash = hash.value();
  if (part.count > 0 || !append) parts.push_back(part);
  const uint64_t header_at = flushed + text.size();
  text += header;
  text += records_section(parts, count, search_terms);
  text += std::string(header_line) + std::to_string(header_at) + "\n";
  flush();
  if (before >= 0) ::close(before);
  if (out >= 0 && ::close(out) != 0 && failed.empty()) failed = std::strerror(errno);
  if (failed.empty() && !append && std::rename(temporary.c_str(), path_.c_str()) != 0)
    failed = std::strerror(errno);
  if (!why_items.empty())
    diagnostics.warning(items_path_, 0, 0,
                        "could not write the records' list items for the next build: " + why_items,
                        "a build after edits renders them all again, until a full build writes them");
  if (failed.empty()) return;
  if (!append) std::remove(temporary.c_str());
  forget();
  diagnostics.warning(path_, 0, 0, "could not write the build cache: " + failed,
                      "the next build builds everything");
}

bool BuildCache::appends(const CheckedRecords& records) const {
  if (!log_ || log_->parts.size() >= max_parts) return false;
  size_t count = 0;
  uint64_t paths = 0, kept = 0, held = 0;
  for (const RecordsPart& part : log_->parts) held += part.bytes;
  for (const auto& [path, record] : records) {
    if (path.find('\n') != std::string::npos) continue;
    ++count;
    paths += content_hash(path);
    if (record.copied) kept += record.stored.size;
  }
  // The same records, and what no record reads any longer (the entries of
  // those written again, with what earlier parts left) stays under a
  // quarter of what they read.
  return count == log_->count && paths == log_->paths && kept <= held && held - kept <= kept / 4;
}

void BuildCache::forget() {
  std::remove(path_.c_str());
  std::remove(items_path_.c_str());
}

}  // namespace passerelle
