// The build cache (pipeline/build_cache.h): a build with nothing changed does
// nothing; any change, in the inputs or in the output folder, makes a full
// build whose output equals a clean build's byte for byte; a cache that
// cannot be trusted is ignored with a warning.
#include <catch2/catch.hpp>

#include <algorithm>
#include <charconv>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>

#include "pipeline/build_cache.h"
#include "pipeline/kept_items.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;
namespace fs = std::filesystem;

namespace {

using Workspace = FixtureCopy;

// Where the cache of a workspace's site/ lives.
fs::path cache_of(const Workspace& ws) { return ws.dir.path() / ".site.passerelle-cache"; }

// Where a cache's parts lie (pipeline/build_cache.h): its format line, the
// records' entries, the header (the lists, then the records section: a
// line for each part, the records' count and the terms, then its hash) and
// the last line, which says where the header begins.
struct CacheLayout {
  explicit CacheLayout(const std::string& text) : cache(text) {
    entries_at = cache.find('\n') + 1;
    const size_t last = cache.rfind('\n', cache.size() - 2) + 1;
    REQUIRE(cache.compare(last, 7, "header ") == 0);
    header_at = std::stoull(cache.substr(last + 7));
    last_at = last;
    const size_t parts_at = cache.find("\np ", header_at) + 1;
    const size_t count_at = cache.find("\nrecords ", parts_at) + 1;
    REQUIRE((parts_at > header_at && count_at > parts_at));
    lists = cache.substr(header_at, parts_at - header_at);
    parts = cache.substr(parts_at, count_at - parts_at);
    const size_t end_at = cache.rfind("\nend records ", last) + 1;
    rest = cache.substr(count_at, end_at - count_at);
  }
  // The cache with `entries` for its records and `part_lines` for its
  // parts' lines, its hash and last line made to match them.
  std::string with_records(const std::string& entries, const std::string& part_lines) const {
    const std::string section = part_lines + rest;
    return cache.substr(0, entries_at) + entries + lists + section + "end records " +
           hex(content_hash(section)) + "\nheader " + std::to_string(entries_at + entries.size()) + "\n";
  }

  std::string cache;
  size_t entries_at = 0, header_at = 0, last_at = 0;
  std::string lists, parts, rest;  // the header: its lists, its parts' lines, the records' count and terms
};

bool said_up_to_date(const CommandResult& result) {
  return result.output.find("is up to date") != std::string::npos;
}

// Every file under `dir`, by path relative to it → its bytes.
std::map<std::string, std::string> files_under(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) files[fs::relative(entry.path(), dir).string()] = read_file(entry.path());
  return files;
}

ino_t inode(const fs::path& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_ino;
}

}  // namespace

TEST_CASE("a build with nothing changed does nothing, and says so", "[cache][e2e]") {
  Workspace ws;
  REQUIRE(ws.build().status == 0);
  REQUIRE(fs::exists(cache_of(ws)));
  const auto before = files_under(ws.out);
  const ino_t index = inode(ws.out / "index.html");
  const CommandResult again = ws.build();
  INFO(again.output);
  CHECK(again.status == 0);
  CHECK(said_up_to_date(again));
  CHECK(inode(ws.out / "index.html") == index);
  CHECK(files_under(ws.out) == before);
  // A file saved again with the same bytes changes nothing either.
  const fs::path espere = ws.content / "dps/espere.md";
  write_file(espere, read_file(espere));
  CHECK(said_up_to_date(ws.build()));
  // --no-cache builds everything all the same.
  const CommandResult forced = ws.build(" --no-cache");
  CHECK(forced.status == 0);
  CHECK_FALSE(said_up_to_date(forced));
  CHECK(forced.output.find("built ") != std::string::npos);
}

TEST_CASE("after random edits, a build with the cache equals a clean build", "[cache][e2e]") {
  Workspace ws;
  REQUIRE(ws.build().status == 0);
  std::mt19937 random(18);
  std::vector<fs::path> records;
  for (const auto& entry : fs::recursive_directory_iterator(ws.content))
    if (entry.path().extension() == ".md" && entry.path().parent_path().filename() != "pages")
      records.push_back(entry.path());
  std::sort(records.begin(), records.end());
  REQUIRE(records.size() > 3);
  for (int round = 0; round < 5; ++round) {
    INFO("round " << round);
    const fs::path& record = records[random() % records.size()];
    std::string text = read_file(record);
    switch (random() % 3) {
      case 0: text += "\nA paragraph added in round " + std::to_string(round) + ".\n"; break;
      case 1: text.replace(text.find("title: ") + 7, 0, "Edited " + std::to_string(round) + " "); break;
      default:
        write_file(ws.content / "dps" / ("added-" + std::to_string(round) + ".md"),
                 "---\ntitle: Added in round " + std::to_string(round) + "\ncountries: [FR]\n---\nNew.\n");
    }
    write_file(record, text);
    const CommandResult cached = ws.build();
    INFO(cached.output);
    REQUIRE(cached.status == 0);
    CHECK_FALSE(said_up_to_date(cached));
    TempDir clean;
    REQUIRE(run(binary + " build -q --no-cache" + ws.args() + " --out " + (clean.path() / "site").string())
                .status == 0);
    CHECK(files_under(ws.out) == files_under(clean.path() / "site"));
    CHECK(said_up_to_date(ws.build()));
  }
}

namespace {

// A clean build of `ws`'s content into a folder of its own, without the cache.
CommandResult clean_build(const Workspace& ws, const fs::path& out) {
  return run(binary + " build -q --no-cache" + ws.args() + " --out " + out.string());
}

// Adds `count` recommendations to `ws`'s content, each of a few lines: a
// catalogue where one record is a small part of the cache, as in a large
// one, which the cache's records then grow by a part (pipeline/build_cache.h).
void add_fillers(const Workspace& ws, int count) {
  for (int k = 0; k < count; ++k)
    ws.write("recommendations/filler-" + std::to_string(k) + ".md",
             "---\ntitle: Filler " + std::to_string(k) + "\nnumber: " + std::to_string(100 + k) +
                 "\naudience: enterprises\ncountries: [PT]\n---\nA filler of the catalogue.\n");
}

// How many parts the records of `ws`'s cache lie in.
size_t part_count(const Workspace& ws) {
  const std::string parts = CacheLayout(read_file(cache_of(ws))).parts;
  return static_cast<size_t>(std::count(parts.begin(), parts.end(), '\n'));
}

// True when the build rendered only some of the site's pages (`build -v`).
bool rendered_some(const CommandResult& result) {
  static const std::regex some(R"(\n  render +\d+ of \d+ pages )");
  return result.output.find("building what records' edits change: ") != std::string::npos &&
         std::regex_search(result.output, some);
}

// The lines of `output` that report an error, and their hints.
std::vector<std::string> errors_in(const std::string& output) {
  std::vector<std::string> errors;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);)
    if (line.find(": error: ") != std::string::npos || line.starts_with("  hint: ")) errors.push_back(line);
  return errors;
}

}  // namespace

TEST_CASE("after random edits of records, a build renders what shows them and equals a clean build",
          "[cache][e2e]") {
  Workspace ws;
  add_fillers(ws, 20);  // the edits are then appended to the cache, until it is written whole
  REQUIRE(ws.build().status == 0);
  const std::vector<std::string> records = {"dps/espere.md", "dps/lucidite.md", "organisations/adecco.md",
                                            "recommendations/rec-01.md"};
  std::set<size_t> parts;  // how many the cache had after each round
  std::mt19937 random(7);
  for (int round = 0; round < 8; ++round) {
    INFO("round " << round);
    // One or two records at once, as a `git pull` would change them.
    for (int k = 0, edits = 1 + static_cast<int>(random() % 2); k < edits; ++k) {
      const std::string& record = records[random() % records.size()];
      std::string text = read_file(ws.content / record);
      switch (random() % 4) {
        case 0: text = replaced(text, "title: ", "title: Edited " + std::to_string(round) + " "); break;
        case 1:
          text = replaced(text, "countries: [", random() % 2 ? "countries: [PT, " : "countries: [GB, ");
          break;
        case 2: text += "\n## Results of round " + std::to_string(round) + "\n\nWhat it found.\n"; break;
        default: text += "\nA paragraph added in round " + std::to_string(round) + ".\n";
      }
      ws.write(record, text);
    }
    const CommandResult cached = ws.build(" -v");
    INFO(cached.output);
    REQUIRE(cached.status == 0);
    CHECK(rendered_some(cached));
    TempDir clean;
    REQUIRE(clean_build(ws, clean.path() / "site").status == 0);
    CHECK(files_under(ws.out) == files_under(clean.path() / "site"));
    CHECK(said_up_to_date(ws.build()));
    parts.insert(part_count(ws));
  }
  CHECK(parts.count(1) == 1);  // written whole once
  CHECK(*parts.rbegin() > 2);  // appended to twice in a row
}

TEST_CASE(
    "a build after record edits appends their entries to the cache, until it would leave a quarter unread",
    "[cache][e2e]") {
  Workspace ws;
  add_fillers(ws, 60);
  REQUIRE(ws.build().status == 0);
  const std::string first = read_file(cache_of(ws));
  const size_t first_header = CacheLayout(first).header_at;
  REQUIRE(part_count(ws) == 1);
  auto edit = [&](const std::string& record, const std::string& line) {
    ws.write(record, read_file(ws.content / record) + "\n" + line + "\n");
  };
  auto equals_clean_build = [&] {
    TempDir clean;
    REQUIRE(clean_build(ws, clean.path() / "site").status == 0);
    return files_under(ws.out) == files_under(clean.path() / "site");
  };
  // A build after the edits: it renders some pages, leaves the cache in
  // `parts` parts and makes the site a clean build makes. Returns its output.
  auto build_after_edits = [&](size_t parts) {
    const CommandResult built = ws.build(" -v");
    CHECK(rendered_some(built));
    CHECK(part_count(ws) == parts);
    CHECK(equals_clean_build());
    return built.output;
  };
  edit("dps/espere.md", "Edited once.");
  build_after_edits(2);
  // The records before the edit are where they were; ESPERE's new entry follows them.
  const std::string second = read_file(cache_of(ws));
  CHECK(second.compare(0, first_header, first, 0, first_header) == 0);
  CHECK(second.find("Edited once.", first_header) < CacheLayout(second).header_at);
  // ESPERE's second entry counts, and LUCIDITE's first.
  edit("dps/espere.md", "Edited twice.");
  edit("dps/lucidite.md", "Edited once.");
  build_after_edits(3);
  edit("recommendations/rec-01.md", "Edited once.");
  CHECK(build_after_edits(4).find("(63 from the cache)") != std::string::npos);
  // Seven records at once: the cache's parts would leave more than a quarter unread.
  for (int k = 0; k < 7; ++k) edit("recommendations/filler-" + std::to_string(k) + ".md", "Edited.");
  build_after_edits(1);
  edit("dps/espere.md", "Edited a third time.");
  CHECK(build_after_edits(2).find("(63 from the cache)") != std::string::npos);
  // The files the updates replaced were let go of, with the folder they were moved to.
  CHECK(strays_beside_site(ws.dir.path()).empty());
}

// How many list items a build took from the last full build (`build -v`); 0 where it says none.
size_t kept_items_in(const std::string& output) {
  static const std::regex kept(R"(\((\d+) list items? kept\))");
  std::smatch match;
  return std::regex_search(output, match, kept) ? std::stoul(match[1]) : 0;
}

TEST_CASE("a build after edits takes the list items of the records it did not edit from the last full build",
          "[cache][e2e]") {
  Workspace ws;
  add_fillers(ws, 30);
  REQUIRE(ws.build().status == 0);
  const fs::path items = ws.dir.path() / ".site.passerelle-items";
  REQUIRE(fs::exists(items));
  auto retitle = [&](const std::string& record, const std::string& title) {
    ws.write(record, replaced(read_file(ws.content / record), "title: ", "title: " + title + " "));
  };
  auto equals_clean_build = [&] {
    TempDir clean;
    REQUIRE(clean_build(ws, clean.path() / "site").status == 0);
    return files_under(ws.out) == files_under(clean.path() / "site");
  };
  // A title shows in each list of its record, which are rendered again,
  // with the other records' items as the full build rendered them.
  retitle("recommendations/filler-3.md", "Retitled");
  CommandResult built = ws.build(" -v");
  INFO(built.output);
  CHECK(rendered_some(built));
  CHECK(kept_items_in(built.output) >= 29);  // the other fillers', at least
  CHECK(equals_clean_build());
  // Items whose bytes were changed are rendered again, never trusted.
  write_file(items, std::regex_replace(read_file(items), std::regex("<li>"), "<LI>"));
  retitle("recommendations/filler-3.md", "Again");
  built = ws.build(" -v");
  CHECK(rendered_some(built));
  CHECK(kept_items_in(built.output) == 0);
  CHECK(equals_clean_build());
  // A change to anything but records (here a country's name, which the
  // items of its records show) builds everything, which writes the items again.
  ws.write("vocabularies/countries.yaml", replaced(read_file(ws.content / "vocabularies/countries.yaml"),
                                                   "en: Portugal", "en: Portuguese Republic"));
  built = ws.build(" -v");
  CHECK(built.output.find("building everything") != std::string::npos);
  retitle("recommendations/filler-4.md", "Retitled");
  built = ws.build(" -v");
  CHECK(rendered_some(built));
  CHECK(kept_items_in(built.output) >= 29);
  CHECK(equals_clean_build());
  CHECK(read_file(ws.out / "recommendations/index.html").find("Portuguese Republic") != std::string::npos);
  // With the offline copy, a build after edits renders every page, and says
  // why; the items are still kept.
  ws.write("catalogue.yaml", read_file(ws.content / "catalogue.yaml") + "offline_archive: true\n");
  REQUIRE(ws.build().status == 0);
  retitle("recommendations/filler-5.md", "Retitled");
  built = ws.build(" -v");
  CHECK(std::regex_search(
      built.output, std::regex(R"(\n  render +\d+ pages \(all: offline copy\) \(\d+ list items kept\) )")));
  CHECK(equals_clean_build());
}

TEST_CASE("list items that cannot be written are a warning: the build and its cache stand", "[cache][e2e]") {
  Workspace ws;
  // Where the items are first written, a folder: the file cannot be made.
  fs::create_directories(ws.dir.path() / ".site.passerelle-items.new");
  CommandResult built = ws.build();
  INFO(built.output);
  CHECK(built.status == 0);
  CHECK(
      built.output.find(".site.passerelle-items: warning: could not write the records' list items for the next "
                        "build: ") != std::string::npos);
  CHECK_FALSE(fs::exists(ws.dir.path() / ".site.passerelle-items"));
  CHECK(said_up_to_date(ws.build()));
  // A build after edits renders every item it shows, and equals a clean build.
  ws.write("dps/espere.md", replaced(read_file(ws.content / "dps/espere.md"), "title: ", "title: Retitled "));
  built = ws.build(" -v");
  CHECK(rendered_some(built));
  CHECK(kept_items_in(built.output) == 0);
  TempDir clean;
  REQUIRE(clean_build(ws, clean.path() / "site").status == 0);
  CHECK(files_under(ws.out) == files_under(clean.path() / "site"));
}

TEST_CASE("kept list items are read under the id they were written with, and only as written", "[cache]") {
  TempDir dir;
  const std::string path = (dir.path() / "items").string();
  std::string why;
  REQUIRE(KeptItems::write(path, "a1", {{7, "<li>seven</li>"}, {3, "<li>three</li>"}}, why));
  CHECK_FALSE(KeptItems::open(path, "a2"));
  std::optional<KeptItems> kept = KeptItems::open(path, "a1");
  REQUIRE(kept);
  CHECK(kept->size() == 2);
  std::string item;
  CHECK(kept->read(3, item));
  CHECK(item == "<li>three</li>");
  CHECK(kept->read(7, item));
  CHECK(item == "<li>seven</li>");
  CHECK_FALSE(kept->read(5, item));
  CHECK(item.empty());
  // A changed byte: that item is refused, the other one still read.
  const std::string changed = replaced(read_file(path), "seven", "Seven");
  write_file(path, changed);
  kept = KeptItems::open(path, "a1");
  REQUIRE(kept);
  CHECK_FALSE(kept->read(7, item));
  CHECK(kept->read(3, item));
  // Cut short, in its index or in its items: not read at all.
  for (size_t size : {size_t{30}, changed.size() - 3}) {
    write_file(path, changed.substr(0, size));
    CHECK_FALSE(KeptItems::open(path, "a1"));
  }
}

TEST_CASE("an edit of a record's body alone renders its own page, the home page and the recent changes",
          "[cache][e2e]") {
  // A factor's benchmark shows it whole (render_parts_test.cpp), its body aside.
  for (const std::string fixture : {"base", "benchmarks"}) {
    INFO(fixture);
    Workspace ws(fixture);
    REQUIRE(ws.build().status == 0);
    const std::string record = fixture == "base" ? "dps/espere.md" : "factors/grid-m1.md";
    const std::string page = fixture == "base" ? "dps/espere.html" : "factors/grid-m1.html";
    ws.write(record, read_file(ws.content / record) + "\n## Lessons\n\nA paragraph no other page shows.\n");
    const CommandResult cached = ws.build(" -v");
    INFO(cached.output);
    REQUIRE(cached.status == 0);
    CHECK(std::regex_search(cached.output, std::regex(R"(\n  render +3 of \d+ pages )")));
    CHECK(cached.output.find("(the feeds kept: only bodies changed)") != std::string::npos);
    const std::map<std::string, std::string> files = files_under(ws.out);
    CHECK(files.at(page).find("A paragraph no other page shows.") != std::string::npos);
    TempDir clean;
    REQUIRE(clean_build(ws, clean.path() / "site").status == 0);
    CHECK(files == files_under(clean.path() / "site"));
    CHECK(said_up_to_date(ws.build()));
  }
}

TEST_CASE("an edit of a record's front matter makes the feeds again", "[cache][e2e]") {
  Workspace ws;
  REQUIRE(ws.build().status == 0);
  // Renames a record, builds, and checks that the build took the other
  // records from the cache and made the site a clean build makes; gives
  // what it said and the site.
  auto renamed = [&](const std::string& record, const std::string& from, const std::string& to) {
    ws.write(record, replaced(read_file(ws.content / record), from, to));
    const CommandResult built = ws.build(" -v");
    INFO(built.output);
    REQUIRE(built.status == 0);
    CHECK(built.output.find("building what records' edits change") != std::string::npos);
    std::map<std::string, std::string> files = files_under(ws.out);
    TempDir clean;
    REQUIRE(clean_build(ws, clean.path() / "site").status == 0);
    CHECK(files == files_under(clean.path() / "site"));
    return std::pair{built.output, std::move(files)};
  };
  const auto [output, files] = renamed("dps/espere.md", "title: ESPERE\n", "title: ESPERE, renamed\n");
  INFO(output);
  CHECK(output.find("feeds kept") == std::string::npos);
  CHECK(files.at("catalogue.json").find("\"ESPERE, renamed\"") != std::string::npos);
  CHECK(files.at("catalogue.csv").find("ESPERE, renamed") != std::string::npos);
  // Another record renamed, after a build that took the others from the
  // cache: ESPERE as its edit made it, in the lists the two share.
  const std::map<std::string, std::string> now =
      renamed("dps/lucidite.md", "title: ", "title: Renamed ").second;
  CHECK(now.at("dps/index.html").find("ESPERE, renamed") != std::string::npos);
}

TEST_CASE("an edit that renumbers the countries makes every search entry again", "[cache][e2e]") {
  // A search entry numbers its record's countries by their place among the
  // countries that have records: FR, PT, GB in the vocabulary's order.
  Workspace ws;
  ws.write("dps/lucidite.md",
           replaced(read_file(ws.content / "dps/lucidite.md"), "countries: [FR]\n", "countries: [FR, GB]\n"));
  REQUIRE(ws.build().status == 0);
  // PT's one record leaves it: GB, which an unedited record has, becomes the second.
  ws.write("recommendations/rec-01.md", replaced(read_file(ws.content / "recommendations/rec-01.md"),
                                                 "countries: [PT]\n", "countries: [FR]\n"));
  const CommandResult cached = ws.build(" -v");
  INFO(cached.output);
  REQUIRE(cached.status == 0);
  CHECK(cached.output.find("building what records' edits change") != std::string::npos);
  CHECK(std::regex_search(cached.output, std::regex(R"(\n  search +\d+ index files )")));
  CHECK_FALSE(std::regex_search(cached.output, std::regex(R"(index files \(\d+ records from the cache\))")));
  TempDir clean;
  REQUIRE(clean_build(ws, clean.path() / "site").status == 0);
  CHECK(files_under(ws.out) == files_under(clean.path() / "site"));
}

TEST_CASE("a content folder named with a trailing '/' is the same folder to the cache", "[cache][e2e]") {
  Workspace ws;
  const std::string args = " --content " + ws.content.string() + "/ --templates " + source_dir +
                           "/templates/ --theme " + source_dir + "/theme --out " + ws.out.string();
  REQUIRE(run(binary + " build -q" + args).status == 0);
  ws.write("dps/lucidite.md", read_file(ws.content / "dps/lucidite.md") + "\nEdited.\n");
  const CommandResult again = run(binary + " build -v" + args);
  INFO(again.output);
  CHECK(again.status == 0);
  CHECK(rendered_some(again));
  CHECK(again.output.find("content/dps/lucidite.md changed") != std::string::npos);
  CHECK(again.output.find("//") == std::string::npos);
}

TEST_CASE("a record edited where the cache's records are cut short or changed builds everything",
          "[cache][e2e]") {
  Workspace ws;
  REQUIRE(ws.build().status == 0);
  const std::string cache = read_file(cache_of(ws));
  const CacheLayout layout(cache);
  const std::string entries = cache.substr(layout.entries_at, layout.header_at - layout.entries_at);
  SECTION("a record's entry cut short") {
    const size_t espere = entries.find("dps/espere.md\n");
    REQUIRE(espere != std::string::npos);
    write_file(cache_of(ws), layout.with_records(entries.substr(0, espere + 100) + entries.substr(espere + 110),
                                                 layout.parts));
  }
  SECTION("a record's fields changed") {
    // ESPERE's checked fields, in CBOR: its title, a text after the key
    // "title" (a text of 5 bytes, 0x65). A cache that says otherwise is not trusted.
    size_t title = layout.entries_at;
    for (title = cache.find("ESPERE", title); title < layout.header_at; title = cache.find("ESPERE", title + 1))
      if (const size_t key = cache.rfind("\x65title", title); key != std::string::npos && title - key <= 8)
        break;
    REQUIRE(title < layout.header_at);
    std::string changed = cache;
    changed[title + 5] = 'A';
    write_file(cache_of(ws), changed);
  }
  SECTION("a record's sizes that overflow") {
    const std::string entry =
        "r 18446744073709551615 3 0 1 " + (ws.content / "dps/espere.md").string() + "\nabc\n";
    write_file(cache_of(ws), layout.with_records(entry, "p " + std::to_string(layout.entries_at) + " " +
                                                            std::to_string(entry.size()) + " 1 " +
                                                            hex(content_hash(entry)) + "\n"));
  }
  SECTION("a part that is not where its line says") {
    std::string parts = layout.parts;
    parts.replace(0, 2 + std::to_string(layout.entries_at).size(),
                  "p " + std::to_string(layout.entries_at + 1));
    write_file(cache_of(ws), layout.with_records(entries, parts));
  }
  ws.write("dps/lucidite.md", read_file(ws.content / "dps/lucidite.md") + "\nEdited.\n");
  const CommandResult again = ws.build(" -v");
  INFO(again.output);
  CHECK(again.status == 0);
  CHECK_FALSE(rendered_some(again));
  CHECK(again.output.find("building everything: ") != std::string::npos);
  CHECK(again.output.find(".site.passerelle-cache: warning: ignoring the records in the build cache: they are "
                          "cut short or damaged; building everything") != std::string::npos);
  TempDir clean;
  REQUIRE(clean_build(ws, clean.path() / "site").status == 0);
  CHECK(files_under(ws.out) == files_under(clean.path() / "site"));
  ws.write("dps/lucidite.md", read_file(ws.content / "dps/lucidite.md") + "\nEdited again.\n");
  CHECK(rendered_some(ws.build(" -v")));  // the cache was written whole again
}

TEST_CASE("a build after edits takes the other records from the cache, and reports their warnings again",
          "[cache][e2e]") {
  Workspace ws;
  const std::string warning = "'countries' lists 'PT' twice";
  ws.write("dps/lucidite.md",
           replaced(read_file(ws.content / "dps/lucidite.md"), "countries: [", "countries: [PT, PT, "));
  const CommandResult first = ws.build();
  REQUIRE(first.status == 0);
  REQUIRE(first.output.find(warning) != std::string::npos);
  ws.write("dps/espere.md", read_file(ws.content / "dps/espere.md") + "\nEdited.\n");
  const CommandResult again = ws.build(" -v");
  INFO(again.output);
  CHECK(again.status == 0);
  CHECK(rendered_some(again));
  // Every record but the one edited and the one with a warning, which are read again.
  static const std::regex load(R"(\n  load +(\d+) records \((\d+) from the cache\))");
  std::smatch counts;
  REQUIRE(std::regex_search(again.output, counts, load));
  CHECK(std::stoul(counts[2]) == std::stoul(counts[1]) - 2);
  // Their search analyses likewise: only those two records are analysed again.
  static const std::regex search(R"(\n  search +\d+ index files \((\d+) records from the cache\))");
  std::smatch analysed;
  REQUIRE(std::regex_search(again.output, analysed, search));
  CHECK(std::stoul(analysed[1]) == std::stoul(counts[1]) - 2);
  CHECK(again.output.find(warning) != std::string::npos);
  TempDir clean;
  REQUIRE(clean_build(ws, clean.path() / "site").status == 0);
  CHECK(files_under(ws.out) == files_under(clean.path() / "site"));
}

TEST_CASE("a record edit that adds a page adds it to the site, and one that removes it removes it",
          "[cache][e2e]") {
  Workspace ws;
  REQUIRE(ws.build().status == 0);
  const std::string record = read_file(ws.content / "dps/espere.md");
  // A former id makes a page at the old address (aliases_test.cpp).
  const std::string alias = replaced(record, "title: ESPERE\n", "title: ESPERE\naliases: [old-espere]\n");
  REQUIRE(alias != record);
  for (const std::string& text : {alias, record}) {
    ws.write("dps/espere.md", text);
    const CommandResult cached = ws.build(" -v");
    INFO(cached.output);
    REQUIRE(cached.status == 0);
    CHECK(cached.output.find("building what records' edits change") != std::string::npos);
    TempDir clean;
    REQUIRE(clean_build(ws, clean.path() / "site").status == 0);
    const std::map<std::string, std::string> files = files_under(ws.out);
    CHECK(std::count_if(files.begin(), files.end(), [](const auto& file) {
            return file.first.find("old-espere") != std::string::npos;
          }) == (text == alias ? 1 : 0));
    CHECK(files == files_under(clean.path() / "site"));
    CHECK(said_up_to_date(ws.build()));
  }
}

TEST_CASE("a build that renders some pages finds the broken #anchors a clean build finds", "[cache][e2e]") {
  Workspace ws;
  // A recommendation links to a heading of LUCIDITE's body; it does not
  // refer to LUCIDITE, so its page is not among those that show LUCIDITE.
  ws.write("dps/lucidite.md", read_file(ws.content / "dps/lucidite.md") + "\n## Results\n\nWhat it found.\n");
  const std::string rec = read_file(ws.content / "recommendations/rec-01.md");
  ws.write("recommendations/rec-01.md", rec + "\nSee [its results](../dps/lucidite.md#results).\n");
  REQUIRE(ws.build().status == 0);
  const auto site = files_under(ws.out);

  SECTION("a heading linked from a kept page is removed") {
    ws.write("dps/lucidite.md",
             replaced(read_file(ws.content / "dps/lucidite.md"), "## Results", "## Findings"));
  }
  SECTION("an edited record links to a heading a kept page does not have") {
    ws.write("organisations/adecco.md", read_file(ws.content / "organisations/adecco.md") +
                                            "\nSee [LUCIDITE](../dps/lucidite.md#nowhere).\n");
  }
  SECTION("an edited record links to a heading a kept page has") {
    ws.write("recommendations/rec-01.md", read_file(ws.content / "recommendations/rec-01.md") + "\nEdited.\n");
  }
  TempDir clean;
  const CommandResult expected = clean_build(ws, clean.path() / "site");
  const CommandResult cached = ws.build(" -v");
  INFO(cached.output);
  CHECK(rendered_some(cached) == (expected.status == 0));  // a failed build stops after the pages
  CHECK(cached.status == expected.status);
  CHECK(errors_in(cached.output) == errors_in(expected.output));
  if (expected.status == 0) CHECK(files_under(ws.out) == files_under(clean.path() / "site"));
  else CHECK(files_under(ws.out) == site);  // a failed build leaves the site as it was
}

TEST_CASE("a page changed in the output folder is built again", "[cache][e2e]") {
  Workspace ws;
  REQUIRE(ws.build().status == 0);
  const std::string page = read_file(ws.out / "dps/espere.html");
  write_file(ws.out / "dps/espere.html", "edited by hand");
  CommandResult again = ws.build(" -v");
  CHECK_FALSE(said_up_to_date(again));
  CHECK(again.output.find("espere.html was changed since the last build") != std::string::npos);
  CHECK(read_file(ws.out / "dps/espere.html") == page);
  write_file(ws.out / "stray.html", "a file the build did not write");
  CHECK_FALSE(said_up_to_date(ws.build()));
  CHECK_FALSE(fs::exists(ws.out / "stray.html"));
}

TEST_CASE("a corrupt or foreign cache is ignored with a warning", "[cache][e2e]") {
  Workspace ws;
  REQUIRE(ws.build().status == 0);
  const std::string good = read_file(cache_of(ws));
  const auto site = files_under(ws.out);
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"garbage", "not a build cache of this version"},
      {good.substr(0, good.rfind('\n', good.size() / 2) + 1), "cut short"},
      {good.substr(0, good.find("\ni ") + 1) + "i 12 x\n" + good.substr(good.find("\ni ") + 1), "damaged"},
  };
  for (const auto& [text, why] : bad) {
    INFO(why);
    write_file(cache_of(ws), text);
    const CommandResult result = ws.build();
    CHECK(result.status == 0);
    CHECK_FALSE(said_up_to_date(result));
    CHECK(result.output.find("warning: ignoring the build cache: ") != std::string::npos);
    CHECK(result.output.find(why) != std::string::npos);
    CHECK(files_under(ws.out) == site);
    CHECK(said_up_to_date(ws.build()));  // written again
  }
  // The cache of another output folder.
  const fs::path other = ws.dir.path() / "other";
  REQUIRE(run(binary + " build -q" + ws.args() + " --out " + other.string()).status == 0);
  fs::copy_file(ws.dir.path() / ".other.passerelle-cache", cache_of(ws), fs::copy_options::overwrite_existing);
  const CommandResult foreign = ws.build();
  CHECK_FALSE(said_up_to_date(foreign));
  CHECK(foreign.output.find("made for another output folder") != std::string::npos);
}

TEST_CASE("the cache's hash tells contents apart", "[cache]") {
  CHECK(content_hash("") != content_hash(std::string(1, '\0')));
  CHECK(content_hash("title: A\n") != content_hash("title: B\n"));
  const std::string long_text(1000, 'a');
  std::string changed = long_text;
  changed[517] = 'b';
  CHECK(content_hash(long_text) != content_hash(changed));
  CHECK(content_hash(long_text) == content_hash(std::string(1000, 'a')));
}

TEST_CASE("a file changed in the tick the cache listed it is read again, as git's racy rule says", "[cache][e2e]") {
  // A file whose time is not before the listing may change again within the
  // same tick, its size and time the same: the cache must not trust them.
  // Its time set in the future stands for that tick.
  Workspace ws;
  const fs::path espere = ws.content / "dps/espere.md";
  const auto set_time = [&](long long seconds) {
    const struct timespec times[2] = {{seconds, 0}, {seconds, 0}};
    REQUIRE(::utimensat(AT_FDCWD, espere.c_str(), times, 0) == 0);
  };
  const long long later = static_cast<long long>(::time(nullptr)) + 3600;
  set_time(later);
  REQUIRE(ws.build().status == 0);
  REQUIRE(said_up_to_date(ws.build()));  // read again, and found the same
  std::string text = read_file(espere);
  const size_t at = text.find("ESPERE");
  REQUIRE(at != std::string::npos);
  text.replace(at, 6, "ESPERO");  // the same size
  write_file(espere, text);
  set_time(later);  // and the same time
  const CommandResult changed = ws.build();
  INFO(changed.output);
  CHECK(changed.status == 0);
  CHECK_FALSE(said_up_to_date(changed));
  CHECK(read_file(ws.out / "dps/espere.html").find("ESPERO") != std::string::npos);
}
