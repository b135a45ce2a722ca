#include "output/file_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace passerelle {

namespace {

namespace fs = std::filesystem;

// Writes `bytes` to a hidden file beside `path`; returns its name.
std::optional<std::string> write_beside(const fs::path& path, const std::string& bytes, std::string& error) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  if (ec) {
    error = "cannot create " + path.parent_path().string() + ": " + ec.message();
    return std::nullopt;
  }
  const fs::path temporary =
      path.parent_path() / ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()));
  std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) {
    error = "cannot write " + temporary.string() + ": " + std::strerror(errno);
    fs::remove(temporary, ec);
    return std::nullopt;
  }
  return temporary.string();
}

}  // namespace

std::optional<std::string> write_file(const std::string& path, const std::string& bytes) {
  std::string error;
  auto temporary = write_beside(path, bytes, error);
  if (!temporary) return error;
  if (std::rename(temporary->c_str(), path.c_str()) != 0) {
    error = "cannot write " + path + ": " + std::strerror(errno);
    std::remove(temporary->c_str());
    return error;
  }
  return std::nullopt;
}

std::optional<std::string> write_new_file(const std::string& path, const std::string& bytes) {
  std::string error;
  auto temporary = write_beside(path, bytes, error);
  if (!temporary) return error;
  int moved = ::renameat2(AT_FDCWD, temporary->c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE);
  if (moved != 0 && (errno == EINVAL || errno == ENOSYS)) {
    // A file system without RENAME_NOREPLACE: link() fails too when the target exists.
    moved = ::link(temporary->c_str(), path.c_str());
    if (moved == 0) std::remove(temporary->c_str());
  }
  if (moved != 0) {
    error = errno == EEXIST ? path + " already exists" : "cannot write " + path + ": " + std::strerror(errno);
    std::remove(temporary->c_str());
    return error;
  }
  return std::nullopt;
}

std::optional<std::string> remove_file(const std::string& path) {
  if (std::remove(path.c_str()) != 0) return "cannot remove " + path + ": " + std::strerror(errno);
  return std::nullopt;
}

}  // namespace passerelle
