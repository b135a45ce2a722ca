// The dev server's incremental rebuilds (pipeline/live_site.h): after each
// change, the site it holds must equal, byte for byte, what a full build of
// the same inputs makes. Edits of every kind a record can have (body, title,
// sort field, terms, references, an error and its fix), and changes that
// rebuild everything, on the base fixture and on a larger generated one.
#include <catch2/catch.hpp>

#include <random>
#include <sstream>

#include "catalogue/catalogue_index.h"
#include "pipeline/index_update.h"
#include "pipeline/live_site.h"
#include "test_support.h"
#include "validation/record_loader.h"

using namespace passerelle;
using namespace passerelle::testing;

namespace {

// Fails with the first path that differs, which says more than a whole map.
void require_same_site(LiveSite& live, const FileSystem& files) {
  REQUIRE(live.ok());
  live.refresh_data();
  const SiteFiles expected = built_site(files);
  SiteFiles actual;
  for (const auto& [path, bytes] : live.files()) actual[path] = *bytes;
  for (const auto& [path, bytes] : expected) {
    INFO("path " << path);
    REQUIRE(actual.count(path) == 1);
    REQUIRE(actual[path] == bytes);
  }
  for (const auto& [path, bytes] : actual) {
    INFO("path " << path);
    REQUIRE(expected.count(path) == 1);
  }
}

const std::string espere = "content/dps/espere.md";

}  // namespace

TEST_CASE("a live site starts as a full build", "[serve][incremental]") {
  MemoryFileSystem files = fixture();
  LiveSite live(files, Inputs{});
  Progress quiet = Progress::silent();
  CHECK(live.rebuild(quiet).kind == UpdateReport::Kind::full);
  CHECK(live.record_count() == 4);
  CHECK_FALSE(live.data_stale());
  require_same_site(live, files);
}

TEST_CASE("record edits re-render only what they affect and match a full build", "[serve][incremental]") {
  MemoryFileSystem files = fixture();
  LiveSite live(files, Inputs{});
  Progress quiet = Progress::silent();
  live.rebuild(quiet);
  const std::string original = *files.read(espere);

  SECTION("body") {
    files.add(espere, original + "\nA new paragraph.\n");
    UpdateReport report = live.update({espere});
    CHECK(report.kind == UpdateReport::Kind::record);
    CHECK(report.pages == 3);  // its own page, the home page and the recent changes
    CHECK(live.data_stale());
    CHECK(live.files().at("dps/espere.html")->find("A new paragraph.") != std::string::npos);
    require_same_site(live, files);
  }
  SECTION("title and sort field: the record moves") {
    files.add(espere, replaced(replaced(original, "title: ESPERE", "title: Zeta"), "FR-NAT", "ZZ-NAT"));
    live.update({espere});
    require_same_site(live, files);
  }
  SECTION("terms come and go") {
    files.add(espere, replaced(original, "countries: [FR]", "countries: [PT, GB]"));
    live.update({espere});
    require_same_site(live, files);
    files.add(espere, original);
    live.update({espere});
    require_same_site(live, files);
  }
  SECTION("references come and go") {
    std::string text = replaced(original, "lead: organisations/adecco\n", "");
    text = replaced(text, "related: [dps/lucidite]", "related: [recommendations/rec-01]");
    files.add(espere, text);
    live.update({espere});
    require_same_site(live, files);
  }
  SECTION("the referred-to record changes its title") {
    const std::string adecco = "content/organisations/adecco.md";
    files.add(adecco, replaced(*files.read(adecco), "title: ADECCO", "title: Adecco France"));
    live.update({adecco});
    CHECK(live.files().at("dps/espere.html")->find("Adecco France") != std::string::npos);
    require_same_site(live, files);
  }
  SECTION("an error keeps the last good site until it is fixed") {
    const auto before = live.files().at("dps/espere.html");
    files.add(espere, replaced(original, "themes: [anti-discrimination, training]", "themes: [trainin]"));
    live.update({espere});
    CHECK_FALSE(live.ok());
    CHECK(formatted(live.diagnostics()).find("did you mean 'training'?") != std::string::npos);
    CHECK(live.files().at("dps/espere.html") == before);
    // Another record can change meanwhile.
    const std::string lucidite = "content/dps/lucidite.md";
    files.add(lucidite, *files.read(lucidite) + "\nMore.\n");
    live.update({lucidite});
    CHECK_FALSE(live.ok());
    files.add(espere, replaced(original, "[anti-discrimination, training]", "[training, anti-discrimination]"));
    live.update({espere});
    CHECK(formatted(live.diagnostics()) == "");
    require_same_site(live, files);
  }
  SECTION("an alias's page follows its record's title; aliases that come and go rebuild") {
    files.add(espere, replaced(original, "title: ESPERE\n", "title: ESPERE\naliases: [old-espere]\n"));
    CHECK(live.update({espere}).kind == UpdateReport::Kind::full);
    REQUIRE(live.files().count("dps/old-espere.html") == 1);
    require_same_site(live, files);
    files.add(espere, replaced(original, "title: ESPERE\n", "title: ESPERE II\naliases: [old-espere]\n"));
    CHECK(live.update({espere}).kind == UpdateReport::Kind::record);
    CHECK(live.files().at("dps/old-espere.html")->find("<h1>ESPERE II</h1>") != std::string::npos);
    require_same_site(live, files);
    files.add(espere, replaced(original, "title: ESPERE\n", "title: ESPERE II\naliases: [espere-2002]\n"));
    CHECK(live.update({espere}).kind == UpdateReport::Kind::full);
    CHECK(live.files().count("dps/old-espere.html") == 0);
    require_same_site(live, files);
    // An alias that another record takes is an error until it is given up.
    const std::string lucidite = "content/dps/lucidite.md";
    const std::string lucidite_text = *files.read(lucidite);
    files.add(lucidite,
              replaced(lucidite_text, "title: LUCIDITE\n", "title: LUCIDITE\naliases: [espere-2002]\n"));
    live.update({lucidite});
    CHECK_FALSE(live.ok());
    CHECK(formatted(live.diagnostics()).find("alias 'espere-2002' is also an alias of dps/espere") !=
          std::string::npos);
    files.add(lucidite, lucidite_text);
    live.update({lucidite});
    require_same_site(live, files);
  }
  SECTION("a broken anchor is found on the re-rendered page") {
    files.add(espere, original + "\nSee [nothing](lucidite.md#nowhere).\n");
    live.update({espere});
    CHECK_FALSE(live.ok());
    CHECK(formatted(live.diagnostics()).find("no element with id 'nowhere'") != std::string::npos);
    files.add(espere, original);
    live.update({espere});
    CHECK(live.ok());
  }
}

TEST_CASE("changes beyond one record rebuild everything", "[serve][incremental]") {
  MemoryFileSystem files = fixture();
  LiveSite live(files, Inputs{});
  Progress quiet = Progress::silent();
  live.rebuild(quiet);

  SECTION("a new record") {
    files.add("content/dps/fresh.md", "---\ntitle: Fresh\nrelated: [dps/espere]\n---\nNew.\n");
    CHECK(live.update({"content/dps/fresh.md"}).kind == UpdateReport::Kind::full);
    require_same_site(live, files);
  }
  SECTION("the catalogue's title") {
    files.add("content/catalogue.yaml", "title: Renamed\ndescription: D\nlanguage: en\n");
    CHECK(live.update({"content/catalogue.yaml"}).kind == UpdateReport::Kind::full);
    require_same_site(live, files);
  }
  SECTION("a template") {
    files.add("templates/not_found.mustache", "<h1>Lost</h1>\n");
    CHECK(live.update({"templates/not_found.mustache"}).kind == UpdateReport::Kind::full);
    require_same_site(live, files);
  }
  SECTION("a theme file changes itself only") {
    files.add("theme/print.css", "body { color: black; }\n");
    UpdateReport report = live.update({"theme/print.css"});
    CHECK(report.kind == UpdateReport::Kind::theme);
    CHECK(report.pages == 0);
    require_same_site(live, files);
  }
  SECTION("editors' and tools' files change nothing") {
    files.add("content/dps/.espere.md.swp", "binary");
    CHECK(live.update({"content/dps/.espere.md.swp"}).kind == UpdateReport::Kind::none);
    files.add("content/dps/sedX1b2c3", "a temporary file of sed -i");
    CHECK(live.update({"content/dps/sedX1b2c3"}).kind == UpdateReport::Kind::none);
  }
  SECTION("a failed full build keeps the last good site") {
    const auto before = live.files().at("index.html");
    files.add("content/schema.yaml", "collections: [\n");
    live.update({"content/schema.yaml"});
    CHECK_FALSE(live.ok());
    CHECK(live.files().at("index.html") == before);
    files.add("content/schema.yaml", read_file(source_dir + "/tests/fixtures/base/schema.yaml"));
    live.update({"content/schema.yaml"});
    require_same_site(live, files);
  }
}

TEST_CASE("many random edits in a larger catalogue match a full build", "[serve][incremental]") {
  MemoryFileSystem files = generated_catalogue(120, 7);
  LiveSite live(files, Inputs{});
  Progress quiet = Progress::silent();
  live.rebuild(quiet);
  REQUIRE(live.ok());
  std::mt19937 random(11);
  for (int round = 0; round < 6; ++round) {
    // Several records at once, as a `git checkout` would change them.
    std::vector<std::string> changed;
    for (int k = 0; k < 3; ++k) {
      const std::string path = "content/dps/g" + std::to_string(random() % 120) + ".md";
      std::string text = *files.read(path);
      const std::string title = "title: Record ";
      text.replace(text.find(title) + title.size(), 0, std::to_string(random() % 9));
      if (random() % 2) text = replaced(text, "countries: [", "countries: [GB, ");
      if (random() % 2)
        text = replaced(text, "related: [", "related: [dps/g" + std::to_string(random() % 120) + ", ");
      files.add(path, text);
      changed.push_back(path);
    }
    live.update(changed);
    INFO("round " << round << ": " << formatted(live.diagnostics()));
    require_same_site(live, files);
  }
}

TEST_CASE("the index updated in place equals the index built again", "[serve][incremental]") {
  MemoryFileSystem files = generated_catalogue(40, 3);
  Diagnostics diagnostics;
  LoadedCatalogue loaded = load_catalogue(files, Inputs{}, diagnostics);
  std::vector<Record> records = loaded.records;
  CatalogueIndex index = build_index(records, loaded.schema);
  for (size_t from : {size_t{0}, size_t{17}, records.size() - 1}) {
    Record moved = records[from];
    records.erase(records.begin() + static_cast<std::ptrdiff_t>(from));
    remove_from_index(index, from, moved);
    const size_t to = (from * 7 + 5) % (records.size() + 1);
    records.insert(records.begin() + static_cast<std::ptrdiff_t>(to), moved);
    insert_into_index(index, to, records[to], loaded.schema);
    const CatalogueIndex expected = build_index(records, loaded.schema);
    CHECK(index.by_key == expected.by_key);
    CHECK(index.by_collection == expected.by_collection);
    CHECK(index.by_term == expected.by_term);
    CHECK(index.backlinks == expected.backlinks);
  }
}

TEST_CASE("edits of the shipped catalogue match a full build", "[serve][incremental][catalogue]") {
  // The real schema and templates: wholes that show their parts (a benchmark
  // and its factors), sources cited by many records, the home page's lists.
  MemoryFileSystem files;
  load_tree(files, source_dir + "/content", "content/");
  load_tree(files, source_dir + "/templates", "templates/");
  load_tree(files, source_dir + "/theme", "theme/");
  LiveSite live(files, Inputs{});
  Progress quiet = Progress::silent();
  live.rebuild(quiet);
  INFO(formatted(live.diagnostics()));
  REQUIRE(live.ok());
  auto retitle = [&](const std::string& path, const std::string& title) {
    std::string text = *files.read(path);
    const auto start = text.find("\ntitle: ") + 8;
    text.replace(start, text.find('\n', start) - start, title);
    files.add(path, text);
    live.update({path});
    INFO(path << ": " << formatted(live.diagnostics()));
    require_same_site(live, files);
  };
  // Named in a factor's examples, which its benchmark's page shows whole.
  retitle("content/organisations/city-of-ghent.md", "Ghent, the city");
  retitle("content/factors/eurocities-key-01.md", "A factor renamed");
  retitle("content/benchmarks/eurocities-anti-discrimination.md", "A benchmark renamed");
  retitle("content/sources/equal-national-networks.md", "A source renamed");
  retitle("content/dps/espere.md", "Zzz last in its list");
}

TEST_CASE("with offline_archive, pages rendered again after an edit show the last archive's size",
          "[serve][incremental][archive]") {
  MemoryFileSystem files = fixture();
  files.add("content/catalogue.yaml", *files.read("content/catalogue.yaml") + "offline_archive: true\n");
  LiveSite live(files, Inputs{});
  Progress quiet = Progress::silent();
  live.rebuild(quiet);
  REQUIRE(live.files().count("catalogue.zip"));
  files.add(espere, *files.read(espere) + "\nA new paragraph.\n");
  UpdateReport report = live.update({espere});
  REQUIRE(report.kind == UpdateReport::Kind::record);
  const std::string& page = *live.files().at("dps/espere.html");
  CHECK(page.find("A new paragraph.") != std::string::npos);
  CHECK(page.find(archive_size_marker) == std::string::npos);
  CHECK(page.find("offline reading</a> (ZIP, ") != std::string::npos);
}
