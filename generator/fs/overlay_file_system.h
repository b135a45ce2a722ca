// A catalogue's own templates and theme over the built-in ones
// (builtin/builtin_files.h), file by file, as Hugo's theme components and
// Zola's themes let a site override one template without copying the rest.
//
// Each mount names a folder as the primary file system sees it ("templates",
// or what --templates gave) and the folder of the fallback that stands in for
// it. A path inside a mount is read from the primary when the file exists
// there and from the fallback otherwise; listing a folder lists both; every
// path outside the mounts is the primary's alone.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "fs/file_system.h"

namespace passerelle {

class OverlayFileSystem : public FileSystem {
 public:
  struct Mount {
    std::string folder;           // as the primary names it
    std::string fallback_folder;  // in the fallback
  };
  OverlayFileSystem(const FileSystem& primary, const FileSystem& fallback, std::vector<Mount> mounts);

  std::optional<std::string> read(const std::string& path) const override;
  bool is_directory(const std::string& path) const override;
  bool exists(const std::string& path) const override;
  std::vector<DirEntry> list(const std::string& path) const override;
  // A fallback file's real path is where it would lie in the primary's
  // folder, so that it counts as inside it (stays_within()).
  std::string real_path(const std::string& path) const override;
  ChangeDates change_dates(const std::string& dir) const override { return primary_.change_dates(dir); }

  // True when `path` is read from the fallback: no file of the primary stands in for it.
  bool from_fallback(const std::string& path) const;

 private:
  struct Found {
    const Mount* mount;
    std::string relative;  // "" for the mount's folder itself
  };
  std::optional<Found> find_mount(const std::string& path) const;
  std::string fallback_path(const Found& found) const;

  const FileSystem& primary_;
  const FileSystem& fallback_;
  std::vector<Mount> mounts_;
};

}  // namespace passerelle
