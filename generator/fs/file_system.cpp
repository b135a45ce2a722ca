#include "fs/file_system.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace passerelle {

namespace fs = std::filesystem;

std::string join_path(const std::string& dir, const std::string& name) {
  if (dir.empty() || dir == ".") return name;
  if (dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

std::optional<std::string> DiskFileSystem::read(const std::string& path) const {
  // One read() into a string of the file's size: a stream would copy the
  // bytes twice, and this runs once for every record.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::optional<std::string> bytes;
  if (::fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode)) {
    bytes.emplace();
    size_t size = 0;
    bytes->resize(std::max<size_t>(static_cast<size_t>(st.st_size), 4096) + 1);
    for (;;) {  // the size is a hint: the file may grow while read, or be a pipe
      if (size == bytes->size()) bytes->resize(bytes->size() * 2);
      const ssize_t got = ::read(fd, bytes->data() + size, bytes->size() - size);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) {
        bytes.reset();
        break;
      }
      if (got == 0) break;
      size += static_cast<size_t>(got);
    }
    if (bytes) bytes->resize(size);
  }
  ::close(fd);
  return bytes;
}

bool DiskFileSystem::is_directory(const std::string& path) const {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

bool DiskFileSystem::exists(const std::string& path) const {
  std::error_code ec;
  return fs::exists(path, ec);
}

std::vector<DirEntry> DiskFileSystem::list(const std::string& path) const {
  std::vector<DirEntry> entries;
  std::error_code ec;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    entries.push_back({it->path().filename().string(), it->is_directory(type_ec), it->is_symlink(type_ec)});
  }
  std::sort(entries.begin(), entries.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return entries;
}

std::string DiskFileSystem::real_path(const std::string& path) const {
  std::error_code ec;
  fs::path real = fs::weakly_canonical(fs::absolute(path), ec);
  return ec ? fs::absolute(path).lexically_normal().string() : real.string();
}

void MemoryFileSystem::add(const std::string& path, std::string contents) {
  files_[path] = std::move(contents);
}

std::optional<std::string> MemoryFileSystem::read(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  return it->second;
}

bool MemoryFileSystem::is_directory(const std::string& path) const {
  const std::string prefix = path.empty() ? "" : path + "/";
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

bool MemoryFileSystem::exists(const std::string& path) const {
  return files_.count(path) > 0 || is_directory(path);
}

std::vector<DirEntry> MemoryFileSystem::list(const std::string& path) const {
  const std::string prefix = path.empty() ? "" : path + "/";
  std::map<std::string, bool> names;  // name → is_directory
  for (auto it = files_.lower_bound(prefix);
       it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    std::string rest = it->first.substr(prefix.size());
    auto slash = rest.find('/');
    if (slash == std::string::npos) names.emplace(rest, false);
    else names[rest.substr(0, slash)] = true;
  }
  std::vector<DirEntry> entries;
  for (auto& [name, dir] : names) entries.push_back({name, dir, false});
  return entries;
}

void MemoryFileSystem::set_change_date(const std::string& path, long long seconds) { changed_[path] = seconds; }

ChangeDates MemoryFileSystem::change_dates(const std::string& dir) const {
  ChangeDates dates;
  const std::string prefix = dir.empty() || dir == "." ? "" : join_path(dir, "");
  for (const auto& [path, seconds] : changed_)
    if (path.starts_with(prefix)) dates.emplace(path.substr(prefix.size()), seconds);
  return dates;
}

ChangeDates DiskFileSystem::change_dates(const std::string& dir) const { return read_change_dates(dir); }

std::string MemoryFileSystem::real_path(const std::string& path) const {
  return fs::path("/" + path).lexically_normal().string();
}

std::optional<std::string> relative_inside(const std::string& root, const std::string& path) {
  const fs::path relative =
      fs::path(path).lexically_normal().lexically_relative(fs::path(root).lexically_normal());
  if (relative.empty() || relative == "." || *relative.begin() == "..") return std::nullopt;
  return relative.generic_string();
}

bool stays_within(const FileSystem& fs, const std::string& root, const std::string& path) {
  const fs::path relative = fs::path(fs.real_path(path)).lexically_relative(fs.real_path(root));
  return !relative.empty() && *relative.begin() != "..";
}

bool check_within(const FileSystem& fs, const std::string& root, const std::string& path,
                  Diagnostics& diagnostics) {
  if (stays_within(fs, root, path)) return true;
  diagnostics.error(path, 0, 0, "symbolic link to " + fs.real_path(path) + ", outside the input folder " + root,
                    "copy the file into " + root + "; a link that leaves an input folder is never read");
  return false;
}

}  // namespace passerelle
