// Reading the inputs: the one way stages see files.
//
// Every stage that reads goes through FileSystem, so tests hand a stage an
// in-memory tree (MemoryFileSystem) instead of writing fixtures to disk, as
// ninja's DiskInterface and VirtualFileSystem do. Writing is not here: only the
// output stage writes, through output/site_writer.h.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "fs/git_history.h"

namespace passerelle {

struct DirEntry {
  std::string name;
  bool is_directory = false;
  bool is_symlink = false;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // The whole file, or nothing when it does not exist or cannot be read.
  virtual std::optional<std::string> read(const std::string& path) const = 0;
  virtual bool is_directory(const std::string& path) const = 0;
  virtual bool exists(const std::string& path) const = 0;
  // Entries of a directory sorted by name; empty when it does not exist.
  virtual std::vector<DirEntry> list(const std::string& path) const = 0;
  // `path` absolute, with every symbolic link along it resolved.
  virtual std::string real_path(const std::string& path) const = 0;
  // When each file under the folder `dir` last changed (fs/git_history.h),
  // by path relative to `dir`; empty when nothing records it.
  virtual ChangeDates change_dates(const std::string& dir) const { return {}; }
};

class DiskFileSystem : public FileSystem {
 public:
  std::optional<std::string> read(const std::string& path) const override;
  bool is_directory(const std::string& path) const override;
  bool exists(const std::string& path) const override;
  std::vector<DirEntry> list(const std::string& path) const override;
  std::string real_path(const std::string& path) const override;
  ChangeDates change_dates(const std::string& dir) const override;  // from git
};

// Files held in memory, keyed by path ("content/dps/a.md"); directories exist
// implicitly as prefixes of file paths.
class MemoryFileSystem : public FileSystem {
 public:
  void add(const std::string& path, std::string contents);
  std::optional<std::string> read(const std::string& path) const override;
  bool is_directory(const std::string& path) const override;
  bool exists(const std::string& path) const override;
  std::vector<DirEntry> list(const std::string& path) const override;
  std::string real_path(const std::string& path) const override;  // no links: `path` itself
  // Records that `path` last changed at `seconds` (as a commit would).
  void set_change_date(const std::string& path, long long seconds);
  ChangeDates change_dates(const std::string& dir) const override;

 private:
  std::map<std::string, std::string> files_;
  std::map<std::string, long long> changed_;
};

// Whether `path`, named under the input folder `root`, is still inside it
// once symbolic links are resolved. Every reader of an input folder checks
// the links it meets with it, so that a link in content/, templates/ or
// theme/ cannot publish a file of the machine (as Jekyll's safe mode).
bool stays_within(const FileSystem& fs, const std::string& root, const std::string& path);

// stays_within(), with an error naming the link when it does not.
bool check_within(const FileSystem& fs, const std::string& root, const std::string& path,
                  Diagnostics& diagnostics);

// `path` relative to the folder `root` when it lies inside it ("content",
// "content/dps/a.md" → "dps/a.md"), compared lexically: no link is resolved,
// and the folder itself is not inside.
std::optional<std::string> relative_inside(const std::string& root, const std::string& path);

// "a/b" + "c" → "a/b/c", without doubling the separator.
std::string join_path(const std::string& dir, const std::string& name);

}  // namespace passerelle
