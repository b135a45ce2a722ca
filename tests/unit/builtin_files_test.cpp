// The built-in templates and theme: what a catalogue without its own folders
// uses, overridden file by file, and written out by `passerelle eject`.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "builtin/builtin_files.h"
#include "fs/overlay_file_system.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;
namespace fs = std::filesystem;

TEST_CASE("builtin: the binary holds the repository's templates, theme and starter, byte for byte",
          "[builtin]") {
  size_t templates = 0, theme = 0, starter = 0;
  for (const builtin::EmbeddedFile& file : builtin::embedded_files()) {
    const std::string path = file.path;
    INFO(path);
    // The starter's countries are the shipped catalogue's (CMakeLists.txt, BUILTIN_FILES).
    const std::string source =
        path == "starter/content/vocabularies/countries.yaml" ? "content/vocabularies/countries.yaml" : path;
    CHECK(std::string(reinterpret_cast<const char*>(file.data), file.size) ==
          read_file(source_dir + "/" + source));
    templates += path.starts_with("templates/");
    theme += path.starts_with("theme/");
    starter += path.starts_with("starter/");
  }
  size_t on_disk = 0;
  for (const char* folder : {"/templates", "/theme", "/starter"})
    for (const auto& entry : fs::recursive_directory_iterator(source_dir + folder))
      on_disk += entry.is_regular_file() && entry.path().filename().string()[0] != '.';
  CHECK(templates > 0);
  CHECK(theme > 0);
  CHECK(starter > 0);
  CHECK(templates + theme + starter == on_disk + 1);  // + the countries
}

TEST_CASE("builtin: a folder's own files override the fallback's one by one", "[builtin]") {
  MemoryFileSystem own, fallback;
  own.add("site-templates/layout.mustache", "mine");
  own.add("content/catalogue.yaml", "title: x");
  fallback.add("templates/layout.mustache", "built-in layout");
  fallback.add("templates/page.mustache", "built-in page");
  fallback.add("theme/style.css", "body{}");
  const OverlayFileSystem overlay(own, fallback, {{"site-templates", "templates"}, {"my-theme", "theme"}});

  CHECK(overlay.read("site-templates/layout.mustache") == "mine");
  CHECK(overlay.read("site-templates/page.mustache") == "built-in page");
  CHECK(overlay.from_fallback("site-templates/page.mustache"));
  CHECK_FALSE(overlay.from_fallback("site-templates/layout.mustache"));
  // A folder missing altogether comes whole from the fallback.
  CHECK(overlay.is_directory("my-theme"));
  CHECK(overlay.read("my-theme/style.css") == "body{}");
  // Outside the mounts only the primary counts, and nothing leaves a mount.
  CHECK(overlay.read("content/catalogue.yaml") == "title: x");
  CHECK_FALSE(overlay.read("templates/page.mustache"));
  CHECK_FALSE(overlay.read("site-templates/../templates/page.mustache"));
  std::vector<std::string> names;
  for (const DirEntry& entry : overlay.list("site-templates")) names.push_back(entry.name);
  CHECK(names == std::vector<std::string>{"layout.mustache", "page.mustache"});
  // A built-in file counts as inside its folder for the link checks.
  CHECK(stays_within(overlay, "my-theme", "my-theme/style.css"));
}

TEST_CASE("builtin: a catalogue with no templates or theme builds, and eject writes them out",
          "[builtin][e2e]") {
  TempDir dir;
  fs::copy(source_dir + "/tests/fixtures/base", dir.path() / "content", fs::copy_options::recursive);
  const std::string in = "cd " + dir.path().string() + " && ";
  CommandResult built = run(in + binary + " build --quiet");
  INFO(built.output);
  REQUIRE(built.status == 0);
  CHECK(read_file(dir.path() / "site/assets/style.css") == read_file(source_dir + "/theme/style.css"));
  CHECK(fs::exists(dir.path() / "site/dps/espere.html"));

  CommandResult ejected = run(in + binary + " eject theme");
  INFO(ejected.output);
  CHECK(ejected.status == 0);
  CHECK(ejected.output.find("wrote") != std::string::npos);
  CHECK(read_file(dir.path() / "theme/style.css") == read_file(source_dir + "/theme/style.css"));
  CHECK_FALSE(fs::exists(dir.path() / "templates"));

  // One file of its own replaces the built-in one; the others stay built in.
  std::ofstream(dir.path() / "theme/style.css", std::ios::binary) << "body { color: black; }\n";
  fs::remove(dir.path() / "theme/search.css");
  REQUIRE(run(in + binary + " build --quiet").status == 0);
  CHECK(read_file(dir.path() / "site/assets/style.css") == "body { color: black; }\n");
  CHECK(read_file(dir.path() / "site/assets/search.css") == read_file(source_dir + "/theme/search.css"));

  // eject keeps an editor's file unless told otherwise.
  CommandResult again = run(in + binary + " eject theme");
  size_t theme_files = 0;
  for (const builtin::EmbeddedFile& file : builtin::embedded_files())
    theme_files += std::string(file.path).starts_with("theme/");
  // All but search.css, which it writes again.
  CHECK(again.output.find("wrote 1 theme files") != std::string::npos);
  CHECK(again.output.find("kept " + std::to_string(theme_files - 1) + " of your own") != std::string::npos);
  CHECK(read_file(dir.path() / "theme/style.css") == "body { color: black; }\n");

  // A folder named on the command line must exist.
  CommandResult missing = run(in + binary + " build --templates nowhere");
  CHECK(missing.status == 2);
  CHECK(missing.output.find("nowhere") != std::string::npos);
}
