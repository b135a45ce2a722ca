#include "builtin/builtin_files.h"

namespace passerelle::builtin {

const MemoryFileSystem& files() {
  static const MemoryFileSystem tree = [] {
    MemoryFileSystem fs;
    for (const EmbeddedFile& file : embedded_files())
      fs.add(file.path, std::string(reinterpret_cast<const char*>(file.data), file.size));
    return fs;
  }();
  return tree;
}

InputFiles::InputFiles(const std::string& templates_dir, const std::string& theme_dir)
    : overlay_(disk_, files(), {{templates_dir, "templates"}, {theme_dir, "theme"}}) {}

}  // namespace passerelle::builtin
