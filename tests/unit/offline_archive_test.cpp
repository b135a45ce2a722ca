// The offline copy: a deterministic ZIP of the site, whose size the pages
// show.
#include <catch2/catch.hpp>

#include <archive.h>
#include <archive_entry.h>

#include <map>

#include "output/offline_archive.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;

namespace {

// The archive read back with libarchive: path -> bytes.
std::map<std::string, std::string> unzip(const std::string& zip) {
  std::map<std::string, std::string> files;
  struct archive* reader = archive_read_new();
  archive_read_support_format_zip(reader);
  REQUIRE(archive_read_open_memory(reader, zip.data(), zip.size()) == ARCHIVE_OK);
  struct archive_entry* entry;
  while (archive_read_next_header(reader, &entry) == ARCHIVE_OK) {
    std::string bytes(static_cast<size_t>(archive_entry_size(entry)), '\0');
    archive_read_data(reader, bytes.data(), bytes.size());
    files[archive_entry_pathname(entry)] = bytes;
  }
  archive_read_free(reader);
  return files;
}

}  // namespace

TEST_CASE("archive: the same site gives the same bytes, unpacking to one folder", "[archive]") {
  const std::map<std::string, std::string> site = {
      {"index.html", "<p>home</p>"},
      {"dps/espere.html", std::string(5000, 'x')},
      {"assets/site.css", "p{}"},
      {"admin/index.html", "the form editor, online only"}};
  std::string error;
  const std::string zip = zip_files(site, error);
  REQUIRE(error.empty());
  CHECK(zip == zip_files(site, error));
  CHECK(zip.size() < 5000);  // compressed
  const auto back = unzip(zip);
  REQUIRE(back.size() == 3);  // not admin/
  CHECK(back.at("catalogue/index.html") == "<p>home</p>");
  CHECK(back.at("catalogue/dps/espere.html") == site.at("dps/espere.html"));
}

TEST_CASE("archive: the pages show the size of the archive they are in", "[archive]") {
  MemorySink out;
  OfflineArchiveSink archive(out);
  const std::string footer = std::string("<footer>ZIP, ") + archive_size_marker + "</footer>";
  archive.put("index.html", "<h1>Home</h1>" + footer);
  archive.put("pages/about.html", "<h1>About</h1>" + footer);
  archive.put("catalogue.json", std::string("{\"marker\": \"") + archive_size_marker + "\"}");
  Diagnostics diagnostics;
  REQUIRE(archive.finish(diagnostics));
  const SiteFiles& files = out.files();
  REQUIRE(files.count(archive_path));
  const std::string label = archive_size_label(files.at(archive_path).size());
  CHECK(files.at("index.html") == "<h1>Home</h1><footer>ZIP, " + label + "</footer>");
  // Only pages carry the size; the archive holds the pages as published.
  CHECK(files.at("catalogue.json").find(archive_size_marker) != std::string::npos);
  const auto back = unzip(files.at(archive_path));
  CHECK(back.at("catalogue/index.html") == files.at("index.html"));
  CHECK(back.at("catalogue/pages/about.html") == files.at("pages/about.html"));
}

TEST_CASE("archive: sizes read as a reader expects them", "[archive]") {
  CHECK(archive_size_label(0) == "0 KB");
  CHECK(archive_size_label(1) == "1 KB");
  CHECK(archive_size_label(158683) == "159 KB");
  CHECK(archive_size_label(2449000) == "2.4 MB");
}

TEST_CASE("archive: offline_archive: true zips the built site; check makes none and finds no broken link",
          "[archive]") {
  MemoryFileSystem files = fixture();
  files.add("content/catalogue.yaml", *files.read("content/catalogue.yaml") + "offline_archive: true\n");
  const SiteFiles site = built_site(files);
  REQUIRE(site.count(archive_path));
  const auto back = unzip(site.at(archive_path));
  CHECK(back.size() == site.size() - 1);  // every file but the archive itself
  const std::string offer =
      "<a href=\"../catalogue.zip\" download>Download this catalogue for offline reading</a> (ZIP, " +
      archive_size_label(site.at(archive_path).size()) + ")";
  CHECK(site.at("dps/espere.html").find(offer) != std::string::npos);
  CHECK(back.at("catalogue/dps/espere.html") == site.at("dps/espere.html"));
  // `check` writes nothing, so makes no archive, yet the footer's link is no broken link.
  SiteBuild checked = build(files);
  INFO(formatted(checked.diagnostics));
  CHECK_FALSE(checked.diagnostics.has_errors());
  // Off by default: no archive, no offer.
  const SiteFiles plain = built_site(fixture());
  CHECK_FALSE(plain.count(archive_path));
  CHECK(plain.at("index.html").find("offline reading") == std::string::npos);
}

TEST_CASE("archive: offline_archive takes true or false, said at its line", "[archive]") {
  MemoryFileSystem files = fixture();
  files.add("content/catalogue.yaml", *files.read("content/catalogue.yaml") + "offline_archive: yes please\n");
  const std::string said = formatted(build(files).diagnostics);
  CHECK(said.find("catalogue.yaml:") != std::string::npos);
  CHECK(said.find("error: 'offline_archive' must be true or false") != std::string::npos);
}
