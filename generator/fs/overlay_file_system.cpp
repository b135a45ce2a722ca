#include "fs/overlay_file_system.h"

#include <algorithm>
#include <filesystem>

namespace passerelle {

OverlayFileSystem::OverlayFileSystem(const FileSystem& primary, const FileSystem& fallback,
                                     std::vector<Mount> mounts)
    : primary_(primary), fallback_(fallback), mounts_(std::move(mounts)) {}

std::optional<OverlayFileSystem::Found> OverlayFileSystem::find_mount(const std::string& path) const {
  for (const Mount& mount : mounts_) {
    namespace fs = std::filesystem;
    if (fs::path(path).lexically_normal().lexically_relative(fs::path(mount.folder).lexically_normal()) == ".")
      return Found{&mount, ""};
    if (auto relative = relative_inside(mount.folder, path)) return Found{&mount, *relative};
  }
  return std::nullopt;
}

std::string OverlayFileSystem::fallback_path(const Found& found) const {
  return found.relative.empty() ? found.mount->fallback_folder
                                : join_path(found.mount->fallback_folder, found.relative);
}

std::optional<std::string> OverlayFileSystem::read(const std::string& path) const {
  if (auto bytes = primary_.read(path)) return bytes;
  if (auto found = find_mount(path)) return fallback_.read(fallback_path(*found));
  return std::nullopt;
}

bool OverlayFileSystem::is_directory(const std::string& path) const {
  if (primary_.is_directory(path)) return true;
  auto found = find_mount(path);
  return found && fallback_.is_directory(fallback_path(*found));
}

bool OverlayFileSystem::exists(const std::string& path) const {
  if (primary_.exists(path)) return true;
  auto found = find_mount(path);
  return found && fallback_.exists(fallback_path(*found));
}

bool OverlayFileSystem::from_fallback(const std::string& path) const {
  auto found = find_mount(path);
  return found && !primary_.exists(path) && fallback_.exists(fallback_path(*found));
}

std::vector<DirEntry> OverlayFileSystem::list(const std::string& path) const {
  std::vector<DirEntry> entries = primary_.list(path);
  auto found = find_mount(path);
  if (!found) return entries;
  for (DirEntry& entry : fallback_.list(fallback_path(*found))) {
    const bool shadowed = std::any_of(entries.begin(), entries.end(),
                                      [&](const DirEntry& own) { return own.name == entry.name; });
    if (!shadowed) entries.push_back(std::move(entry));
  }
  std::sort(entries.begin(), entries.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return entries;
}

std::string OverlayFileSystem::real_path(const std::string& path) const {
  auto found = find_mount(path);
  if (!found || primary_.exists(path)) return primary_.real_path(path);
  const std::string& folder = found->mount->folder;
  std::string base = primary_.exists(folder) ? primary_.real_path(folder)
                                             : std::filesystem::absolute(folder).lexically_normal().string();
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  return found->relative.empty() ? base : join_path(base, found->relative);
}

}  // namespace passerelle
