#include <cstdio>
#include <filesystem>
#include <fstream>

#include "builtin/builtin_files.h"
#include "commands/commands.h"

namespace passerelle {

int run_eject(const CommonOptions& options, const std::string& what, bool force) {
  namespace fs = std::filesystem;
  struct Target {
    std::string name, folder;  // the built-in folder, and where it goes
  };
  std::vector<Target> targets;
  if (what != "theme") targets.push_back({"templates", options.inputs.templates});
  if (what != "templates") targets.push_back({"theme", options.inputs.theme});
  for (const Target& target : targets) {
    size_t written = 0, kept = 0;
    for (const builtin::EmbeddedFile& file : builtin::embedded_files()) {
      auto relative = relative_inside(target.name, file.path);
      if (!relative) continue;
      const fs::path path = fs::path(target.folder) / *relative;
      std::error_code error;
      if (fs::exists(path, error) && !force) {
        ++kept;
        continue;
      }
      fs::create_directories(path.parent_path(), error);
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out.write(reinterpret_cast<const char*>(file.data), static_cast<std::streamsize>(file.size));
      out.close();
      if (!out) {
        std::fprintf(
            stderr, "%s: error: could not write the file\n  hint: check that %s is a folder you can write to\n",
            path.string().c_str(), target.folder.c_str());
        return exit_content_error;
      }
      ++written;
    }
    if (options.verbosity == Verbosity::quiet) continue;
    std::fprintf(stderr, "eject: wrote %zu %s files to %s", written, target.name.c_str(),
                 target.folder.c_str());
    if (kept) std::fprintf(stderr, "; kept %zu of your own (--force replaces them)", kept);
    std::fprintf(stderr, "\n");
  }
  return exit_ok;
}

}  // namespace passerelle
