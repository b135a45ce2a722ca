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
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <set>
#include <sstream>

#include "cms/cms_config.h"
#include "fs/file_system.h"
#include "fs/git_history.h"
#include "util/parallel.h"

namespace passerelle {

namespace fs = std::filesystem;

namespace {

constexpr const char* cache_format = "passerelle-build-cache 5";
constexpr std::string_view records_heading = "checked records";
constexpr std::string_view records_end = "end records ";

// `dir` as an absolute path without a trailing '/' ("content/" names the
// same folder as "content", and its files the same paths).
fs::path absolute(const std::string& dir) {
  std::error_code ec;
  fs::path path = fs::absolute(dir, ec);
  path = (ec ? fs::path(dir) : path).lexically_normal();
  return path.has_filename() || !path.has_relative_path() ? path : path.parent_path();
}

int64_t mtime_ns(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

// The regular files under `dir` and its sub-folders but .git (links are
// not followed), with their size, time and inode. Read with readdir and
// fstatat relative to each folder: a large catalogue has a hundred thousand
// files, and each path looked up from the root again costs more than the
// stat itself.
// Returns false when a folder holds anything else, such as a symbolic link:
// the build decides whether a link may be followed, so the cache does not
// answer for folders that hold one.
bool list_files(const std::string& dir, std::vector<CachedFile>& files) {
  DIR* folder = ::opendir(dir.c_str());
  if (!folder) return true;
  bool plain = true;
  std::vector<std::string> subfolders;
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
  for (const auto& sub : subfolders) plain = list_files(sub, files) && plain;
  return plain;
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
  int64_t listed_ns = 0;  // when the build that wrote it listed the inputs
  std::vector<CachedFile> inputs, outputs;
};

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
  if (!std::getline(in, line) || !line.starts_with("listed ")) {
    why = "its header is damaged";
    return std::nullopt;
  }
  cache.listed_ns = std::strtoll(line.c_str() + 7, nullptr, 10);
  size_t key_lines = 0;
  bool ended = false;
  while (std::getline(in, line)) {
    if (line.starts_with("key ")) {
      cache.key += line.substr(4) + "\n";
      ++key_lines;
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
  return cache;
}

// Writes all of `bytes` to `fd`; false, errno set, when it cannot.
bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
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

// The records section of the cache at `path`, split into the front matter
// of the `edited` files and every other record; nothing when the section is
// cut short, damaged or does not match its hash.
std::optional<EditedRecords> read_records(const std::string& path, const std::set<std::string>& edited) {
  // The section after the list, read whole: its hash covers it.
  std::ifstream in(path, std::ios::binary);
  for (std::string line; std::getline(in, line) && line != records_heading;) {
  }
  const std::streampos start = in.tellg();
  if (!in || start < 0 || !in.seekg(0, std::ios::end)) return std::nullopt;
  const auto size = static_cast<size_t>(in.tellg() - start);
  const std::unique_ptr<char[]> bytes(new char[size]);  // not cleared first: read over whole
  if (!in.seekg(start) || !in.read(bytes.get(), static_cast<std::streamsize>(size))) return std::nullopt;
  const std::string_view section(bytes.get(), size);
  // Its last line: "end records <count> <hash>".
  if (section.size() < 2 || section.back() != '\n') return std::nullopt;
  const size_t last = section.rfind('\n', section.size() - 2) + 1;  // npos + 1 is 0
  const std::string_view tail = section.substr(last, section.size() - 1 - last);
  if (!tail.starts_with(records_end)) return std::nullopt;
  const char* at = tail.data() + records_end.size();
  const char* const tail_end = tail.data() + tail.size();
  size_t count = 0;
  uint64_t hash = 0;
  if (!read_number(at, tail_end, count) || std::from_chars(at, tail_end, hash, 16).ptr != tail_end)
    return std::nullopt;
  // Each record: "r <front matter bytes> <fields bytes> <search bytes>
  // <body line> <path>", then its front matter, its fields and what the
  // search index kept of it, each followed by a line end. Then the search
  // index's terms: "s <bytes> search terms", the terms, a line end. The
  // entries are found first, then hashed and copied on every core.
  struct Entry {
    size_t begun = 0, end = 0;  // the entry's bytes, its line included
    size_t front_bytes = 0, field_bytes = 0, search_bytes = 0;
    int body_line = 0;
    std::string path;
    bool edited = false;  // its front matter alone is taken
  };
  std::vector<Entry> entries;
  std::string_view terms_entry, terms;  // the terms with their line, and without
  for (size_t from = 0; from < last;) {
    const size_t begun = from;
    const size_t line_end = section.find('\n', from);
    const std::string_view line = section.substr(from, line_end - from);
    const char* p = line.data() + 2;
    const char* const end = line.data() + line.size();
    from = line_end + 1;
    // Each of `sizes` bytes long and followed by a line end, as a sum that cannot wrap.
    auto within = [&](std::initializer_list<size_t> sizes) {
      size_t next = from;
      for (size_t part : sizes) {
        if (part >= last - next || section[next + part] != '\n') return false;
        next += part + 1;
      }
      return true;
    };
    if (line.starts_with("s ") && terms_entry.empty()) {
      size_t term_bytes = 0;
      if (!read_number(p, end, term_bytes) || !within({term_bytes})) return std::nullopt;
      terms = section.substr(from, term_bytes);
      from += term_bytes + 1;
      terms_entry = section.substr(begun, from - begun);
      continue;
    }
    Entry entry;
    if (!terms_entry.empty() || !line.starts_with("r ") || !read_number(p, end, entry.front_bytes) ||
        !read_number(p, end, entry.field_bytes) || !read_number(p, end, entry.search_bytes) ||
        !read_number(p, end, entry.body_line) || entry.body_line < 1 ||
        !within({entry.front_bytes, entry.field_bytes, entry.search_bytes}))
      return std::nullopt;
    entry.begun = begun;
    from += entry.front_bytes + entry.field_bytes + entry.search_bytes + 3;
    entry.end = from;
    entry.path.assign(p, end);
    entry.edited = edited.count(entry.path) > 0;
    entries.push_back(std::move(entry));
  }
  if (entries.size() != count) return std::nullopt;
  std::vector<CheckedRecord> checked(entries.size());
  parallel_each(entries.size(), [&](size_t k) {
    const Entry& e = entries[k];
    CheckedRecord& c = checked[k];
    const std::string_view bytes_of_entry = section.substr(e.begun, e.end - e.begun);
    c.stored = {static_cast<uint64_t>(start) + e.begun, bytes_of_entry.size(), content_hash(bytes_of_entry)};
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
  SectionHash section_hash;
  for (const CheckedRecord& c : checked) section_hash.add_hash(c.stored.hash);
  if (!terms_entry.empty()) section_hash.add(terms_entry);
  if (section_hash.value() != hash) return std::nullopt;
  EditedRecords records;
  records.search_terms = terms;
  for (size_t k = 0; k < entries.size(); ++k) {
    if (entries[k].edited)
      records.before.emplace(std::move(entries[k].path), std::move(checked[k].front_matter));
    else
      records.unchanged.emplace_hint(records.unchanged.end(), std::move(entries[k].path),
                                     std::move(checked[k]));
  }
  return records;
}

bool by_path(const CachedFile& a, const CachedFile& b) { return a.path < b.path; }

}  // namespace

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
  bool plain = true;
  for (const auto& dir : input_dirs_) plain = list_files(dir, inputs_) && plain;
  for (const auto& file : input_files_) {
    struct stat st {};
    if (::stat(file.c_str(), &st) == 0 && S_ISREG(st.st_mode))
      inputs_.push_back({file, static_cast<uint64_t>(st.st_size), mtime_ns(st), 0});
  }
  std::sort(inputs_.begin(), inputs_.end(), by_path);
  inputs_.erase(std::unique(inputs_.begin(), inputs_.end(),
                            [](const CachedFile& a, const CachedFile& b) { return a.path == b.path; }),
                inputs_.end());

  // The output folder is listed on another core meanwhile.
  bool outputs_plain = true;
  auto outputs_listed = std::async(overlap_policy(), [this, &outputs_plain] {
    std::vector<CachedFile> outputs;
    outputs_plain = list_files(out_dir_, outputs);
    std::sort(outputs.begin(), outputs.end(), by_path);
    return outputs;
  });
  bool missing = false;
  std::optional<StoredCache> stored = read_cache(path_, reason_, missing);
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
  const std::vector<CachedFile> outputs = outputs_listed.get();
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
  outputs_ = outputs;
  changed_ = std::move(changed);
  if (changed_.empty()) reason_.clear();
  return changed_.empty();
}

std::optional<EditedRecords> BuildCache::edited_records(Diagnostics& diagnostics) const {
  std::set<std::string> edited;  // as the build names them
  const std::string content = content_absolute_.ends_with('/') ? content_absolute_ : content_absolute_ + "/";
  for (const auto& path : changed_) {
    if (!path.starts_with(content)) return std::nullopt;  // a template, a theme file…
    edited.insert(join_path(content_dir_, path.substr(content.size())));
  }
  if (edited.empty()) return std::nullopt;
  std::optional<EditedRecords> records = read_records(path_, edited);
  if (!records) {
    diagnostics.warning(path_, 0, 0,
                        "ignoring the records in the build cache: they are cut short or damaged; "
                        "building everything",
                        "the cache is rewritten after this build; removing it is always safe");
    return std::nullopt;
  }
  if (records->before.size() != edited.size()) return std::nullopt;  // a changed file is not a record
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
    list_files(out_dir_, outputs);
    std::sort(outputs.begin(), outputs.end(), by_path);
  }
  output_count_ = outputs.size();
  std::string text = std::string(cache_format) + "\nlisted " + std::to_string(listed_ns_) + "\n";
  std::istringstream key(key_);
  for (std::string line; std::getline(key, line);) text += "key " + line + "\n";
  for (const CachedFile& f : inputs_) {
    if (f.path.find('\n') != std::string::npos) return forget();  // a name the format cannot hold
    append_entry(text, 'i', f);
  }
  for (const CachedFile& f : outputs) {
    if (f.path.find('\n') != std::string::npos) return forget();
    append_entry(text, 'o', f);
  }
  text += "end " + std::to_string(inputs_.size() + outputs.size()) + "\n";
  text += records_heading;
  text += '\n';
  // Written record by record, so that the cache is never all held at once;
  // the records the build kept whole are copied from the cache being
  // replaced, where each run of them lies in one piece.
  const std::string temporary = path_ + ".new";
  const int out = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const int before = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  std::string failed = out < 0 ? std::strerror(errno) : "";  // why the cache could not be written
  auto flush = [&] {
    if (failed.empty() && !write_all(out, text)) failed = std::strerror(errno);
    text.clear();
  };
  CheckedRecord::Stored run;  // the records to copy, not yet copied
  auto copy_run = [&] {
    if (run.size == 0) return;
    flush();
    if (failed.empty() && (before < 0 || !copy_bytes(before, run.at, run.size, out)))
      failed = before < 0 ? "the cache being replaced is gone" : std::strerror(errno);
    run = {};
  };
  SectionHash hash;
  size_t count = 0;
  for (const auto& [path, record] : records) {
    if (path.find('\n') != std::string::npos) continue;
    ++count;
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
    for (const std::string* part : {&record.front_matter, &record.fields, &record.search}) {
      text += *part;
      text += '\n';
    }
    hash.add(std::string_view(text).substr(begun));
    if (text.size() >= (1 << 20)) flush();
  }
  copy_run();
  const std::string terms =
      "s " + std::to_string(search_terms.size()) + " search terms\n" + search_terms + "\n";
  hash.add(terms);
  text += terms;
  char hex[24];
  text += std::string(records_end) + std::to_string(count) + ' ' +
          std::string(hex, std::to_chars(hex, hex + sizeof hex, hash.value(), 16).ptr) + '\n';
  flush();
  if (before >= 0) ::close(before);
  if (out >= 0 && ::close(out) != 0 && failed.empty()) failed = std::strerror(errno);
  if (failed.empty() && std::rename(temporary.c_str(), path_.c_str()) != 0) failed = std::strerror(errno);
  if (failed.empty()) return;
  std::remove(temporary.c_str());
  forget();
  diagnostics.warning(path_, 0, 0, "could not write the build cache: " + failed,
                      "the next build builds everything");
}

void BuildCache::forget() { std::remove(path_.c_str()); }

}  // namespace passerelle
