#include "test_support.h"

#include <catch2/catch.hpp>

#include "output/site_sink.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

namespace passerelle::testing {

namespace fs = std::filesystem;

void load_tree(MemoryFileSystem& memory, const std::string& dir, const std::string& prefix) {
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::string relative = fs::relative(entry.path(), dir).generic_string();
    memory.add(prefix + relative, read_file(entry.path()));
  }
}

MemoryFileSystem fixture(const std::string& overlay) {
  MemoryFileSystem memory;
  load_tree(memory, source_dir + "/tests/fixtures/base", "content/");
  if (!overlay.empty()) load_tree(memory, overlay, "content/");
  load_tree(memory, source_dir + "/templates", "templates/");
  load_tree(memory, source_dir + "/theme", "theme/");
  return memory;
}

std::string formatted(const Diagnostics& diagnostics) {
  Diagnostics sorted = diagnostics;
  sorted.sort();
  std::string out;
  for (const auto& d : sorted.items()) out += format(d);
  return out;
}

SiteBuild build(const FileSystem& files) {
  Progress quiet = Progress::silent();
  DiscardSink nowhere;
  return build_site(files, Inputs{}, "site", quiet, nowhere);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TempDir::TempDir() {
  std::random_device random;
  path_ = fs::temp_directory_path() / ("passerelle-test-" + std::to_string(random()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  // Tests may leave read-only folders behind; make them writable to remove them.
  for (auto it = fs::recursive_directory_iterator(path_, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
  fs::remove_all(path_, ec);
}

CommandResult run(const std::string& command) {
  std::string full = command + " 2>&1";
  FILE* pipe = popen(full.c_str(), "r");
  std::string output;
  std::array<char, 4096> buffer{};
  while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

SiteFiles built_site(const FileSystem& fs) {
  Progress quiet = Progress::silent();
  MemorySink sink;
  SiteBuild result = build_site(fs, Inputs{}, "site", quiet, sink);
  INFO(formatted(result.diagnostics));
  REQUIRE_FALSE(result.diagnostics.has_errors());
  return sink.files();
}

MemoryFileSystem generated_catalogue(size_t n, unsigned seed) {
  MemoryFileSystem files = fixture();
  std::mt19937 random(seed);
  auto pick = [&](size_t count) { return static_cast<size_t>(random() % count); };
  const std::vector<std::string> countries = {"FR", "PT", "GB"}, themes = {"anti-discrimination", "training"};
  for (size_t i = 0; i < n; ++i) {
    std::ostringstream text;
    text << "---\ntitle: Record " << pick(50) << "\ncountries: [" << countries[pick(3)] << "]\n";
    if (pick(2)) text << "themes: [" << themes[pick(2)] << "]\n";
    text << "related: [dps/g" << pick(n) << ", organisations/adecco]\n";
    if (i % 3 == 0) text << "code: C-" << pick(20) << "\nlead: organisations/adecco\n";
    text << "---\nSee [another](g" << pick(n) << ".md) and [ESPERE](espere.md#main).\n";
    files.add("content/dps/g" + std::to_string(i) + ".md", text.str());
  }
  return files;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

size_t occurrences(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

FixtureCopy::FixtureCopy(const std::string& fixture) {
  fs::copy(source_dir + "/tests/fixtures/" + fixture, content, fs::copy_options::recursive);
}

std::string FixtureCopy::args() const {
  return " --content " + content.string() + " --templates " + source_dir + "/templates --theme " + source_dir +
         "/theme";
}

CommandResult FixtureCopy::build(const std::string& more) const {
  return run(binary + " build" + more + args() + " --out " + out.string());
}

std::vector<std::string> strays_beside_site(const std::filesystem::path& dir) {
  std::vector<std::string> strays;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name != "content" && name != "site" && name != ".site.passerelle-cache" &&
        name != ".site.passerelle-items")
      strays.push_back(name);
  }
  return strays;
}

}  // namespace passerelle::testing
