// Helpers shared by the tests: loading folders into an in-memory file system,
// running the pipeline on them, and temporary folders.
#pragma once

#include <filesystem>
#include <string>

#include "diagnostics/diagnostic.h"
#include "fs/file_system.h"
#include "pipeline/pipeline.h"
#include "render/site_renderer.h"
#include "util/parallel.h"

namespace passerelle::testing {

inline const std::string source_dir = PASSERELLE_SOURCE_DIR;
inline const std::string binary = PASSERELLE_BINARY;

// Copies every file under `dir` on disk into `fs` under `prefix`.
void load_tree(MemoryFileSystem& fs, const std::string& dir, const std::string& prefix);

// A catalogue in memory: tests/fixtures/base, then `overlay` on top (a folder
// of files relative to content/), with the repository's templates and theme.
MemoryFileSystem fixture(const std::string& overlay = {});

// The base fixture with `n` more DPs, g0 to g<n-1>, that refer to one
// another in their front matter and bodies; the same for the same seed.
MemoryFileSystem generated_catalogue(size_t n, unsigned seed);

// All diagnostics formatted as the command line prints them, sorted.
std::string formatted(const Diagnostics& diagnostics);

SiteBuild build(const FileSystem& fs);

// The site a build of `fs` makes, in memory; the test fails, showing the
// diagnostics, if the build has an error.
SiteFiles built_site(const FileSystem& fs);

std::string read_file(const std::filesystem::path& path);

// How many times `what` is in `text`, overlapping ones included.
size_t occurrences(const std::string& text, const std::string& what);

// `text` with its first `from` replaced by `to`; the test fails when `from` is not there.
std::string replaced(std::string text, const std::string& from, const std::string& to);

// A fresh temporary folder, removed when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// Runs a shell command; returns its exit status and what it printed (stdout and stderr).
struct CommandResult {
  int status;
  std::string output;
};
CommandResult run(const std::string& command);

// Writes `text` to `path`, making its folders.
void write_file(const std::filesystem::path& path, const std::string& text);

// What `dir` holds besides content/, the output folder site/ and the build
// cache's files beside it (.site.passerelle-cache and
// .site.passerelle-items): what a build, failed or not, must not leave there.
std::vector<std::string> strays_beside_site(const std::filesystem::path& dir);

// A writable copy of the base fixture on disk, built by the passerelle
// binary with the repository's templates and theme into site/ beside it.
struct FixtureCopy {
  TempDir dir;
  std::filesystem::path content = dir.path() / "content";
  std::filesystem::path out = dir.path() / "site";
  // A copy of tests/fixtures/<fixture> as content/.
  explicit FixtureCopy(const std::string& fixture = "base");
  // --content, --templates and --theme, each with a leading space.
  std::string args() const;
  // `passerelle build` with `more` options (each with a leading space).
  CommandResult build(const std::string& more = "") const;
  // Writes a file of content/, `relative` to it.
  void write(const std::string& relative, const std::string& text) const { write_file(content / relative, text); }
};

// Sets the number of threads (set_worker_count()) for one scope.
struct Workers {
  explicit Workers(size_t n) { set_worker_count(n); }
  ~Workers() { set_worker_count(0); }
};

}  // namespace passerelle::testing
