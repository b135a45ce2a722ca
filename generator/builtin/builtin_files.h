// The default templates and theme, built into the binary: the repository's
// templates/ and theme/ as they were at build time (cmake/embed_files.cmake).
// A catalogue without its own folders uses them, and one with its own files
// overrides them file by file (input_files(), fs/overlay_file_system.h);
// `passerelle eject` writes them out to be changed.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "fs/file_system.h"
#include "fs/overlay_file_system.h"

namespace passerelle::builtin {

struct EmbeddedFile {
  const char* path;  // "templates/layout.mustache", "theme/style.css"
  const unsigned char* data;
  size_t size;
};

// Every built-in file, sorted by path (generated source).
const std::vector<EmbeddedFile>& embedded_files();

// The same files as a file system, under "templates/" and "theme/".
const MemoryFileSystem& files();

// The input folders as the commands read them: the disk, with the built-in
// templates and theme standing in for what the folders `templates_dir` and
// `theme_dir` lack (all of it, when they do not exist).
class InputFiles {
 public:
  InputFiles(const std::string& templates_dir, const std::string& theme_dir);
  const FileSystem& fs() const { return overlay_; }
  const OverlayFileSystem& overlay() const { return overlay_; }

 private:
  DiskFileSystem disk_;
  OverlayFileSystem overlay_;
};

}  // namespace passerelle::builtin
