// Containment (issue 13): no name read from the inputs makes the generator
// write outside its output folder, and no symbolic link makes it read
// outside an input folder, on build, check and serve alike. Names are
// checked where they are read (tests/fixtures/invalid/*-ids-*, *-names), the
// writer checks every path again, and the readers check every link they meet.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "fs/path_names.h"
#include "output/site_writer.h"
#include "pipeline/live_site.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;
namespace fs = std::filesystem;

TEST_CASE("names that become paths: one rule, and a valid name suggested", "[containment]") {
  CHECK(is_valid_name("care-work"));
  CHECK(is_valid_name("pt-ntn-3"));
  for (const char* bad :
       {"", "Care", "care work", "../care", "care/x", "-care", "care-", "care--work", "ça", "a.b"})
    CHECK_FALSE(is_valid_name(bad));
  CHECK(suggest_name("Care Work") == "care-work");
  CHECK(suggest_name("../../care3") == "care3");
  CHECK(suggest_name("/tmp/evil") == "tmp-evil");
  CHECK(suggest_name("...") == "");
  CHECK(is_valid_country_code("PT"));
  CHECK_FALSE(is_valid_country_code("pt"));
  CHECK_FALSE(is_valid_country_code("PRT"));
}

TEST_CASE("the writer's own check refuses every path that could leave the site", "[containment]") {
  CHECK_FALSE(site_path_problem("themes/care.html"));
  CHECK_FALSE(site_path_problem("assets/fonts/a.woff2"));
  for (const char* bad : {"", "/etc/passwd", "../x.html", "themes/../../x.html", "themes/./x.html", "a//b",
                          "a\\..\\b", "themes/", "a/\n/b"})
    CHECK(site_path_problem(bad));
}

TEST_CASE("a path with '..' handed to the writer fails the build and writes nothing outside", "[containment]") {
  TempDir dir;
  const std::string out = (dir.path() / "out" / "site").string();
  {
    SiteWriter writer(out);
    writer.put("index.html", "<p>home</p>");
    writer.put("themes/../../care3.html", "escaped");
    Diagnostics diagnostics;
    CHECK_FALSE(writer.commit(diagnostics));
    const std::string found = formatted(diagnostics);
    INFO(found);
    CHECK(found.find("refused to write a file outside the site (the path has a '..' segment)") !=
          std::string::npos);
  }
  CHECK_FALSE(fs::exists(dir.path() / "out" / "care3.html"));
  CHECK_FALSE(fs::exists(dir.path() / "care3.html"));
  CHECK_FALSE(fs::exists(out));
  CHECK(fs::is_empty(dir.path() / "out"));  // no staging folder left behind
}

TEST_CASE("two files at one address fail the build rather than one replacing the other", "[containment]") {
  TempDir dir;
  SiteWriter writer((dir.path() / "site").string());
  writer.put("dps/index.html", "<p>the collection</p>");
  writer.put("dps/index.html", "<p>a record called index</p>");
  Diagnostics diagnostics;
  CHECK_FALSE(writer.commit(diagnostics));
  CHECK(formatted(diagnostics).find("dps/index.html: two files of the site have this address") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "site"));
}

TEST_CASE("a staging folder left by a killed build is removed by the next build", "[containment]") {
  TempDir dir;
  // A PID above the kernel's limit belongs to no process.
  const fs::path stale_new = dir.path() / ".site.new.99999999";
  const fs::path stale_old = dir.path() / ".site.old.99999999";
  const fs::path live = dir.path() / (".site.new." + std::to_string(::getppid()));  // a running process
  const fs::path other = dir.path() / ".other.new.99999999";
  for (const auto& p : {stale_new, stale_old, live, other}) fs::create_directories(p / "dps");
  {
    SiteWriter writer((dir.path() / "site").string());
    writer.put("index.html", "<p>home</p>");
    Diagnostics diagnostics;
    REQUIRE(writer.commit(diagnostics));
  }
  CHECK_FALSE(fs::exists(stale_new));
  CHECK_FALSE(fs::exists(stale_old));
  CHECK(fs::exists(live));
  CHECK(fs::exists(other));
  CHECK(fs::exists(dir.path() / "site/index.html"));
}

namespace {

// A site written by a first build, for a second to update in place: its
// files by path → bytes, and what the build cache would list of them.
struct BuiltSite {
  TempDir dir;
  fs::path out = dir.path() / "site";
  std::vector<std::string> listed;
  explicit BuiltSite(const std::map<std::string, std::string>& files) {
    SiteWriter writer(out.string());
    for (const auto& [path, bytes] : files) writer.put(path, bytes);
    Diagnostics diagnostics;
    REQUIRE(writer.commit(diagnostics));
    for (const auto& entry : fs::recursive_directory_iterator(out))
      if (entry.is_regular_file()) listed.push_back(fs::relative(entry.path(), out).string());
  }
  // A second build: `files` handed to the writer in turn (an empty path
  // keeps the last build's file named by the bytes), updating the site in
  // place. Whether it committed; `unchanged` says how many files did not change.
  // `changed`: the files it says it wrote or removed (changed_files()).
  bool update(const std::vector<std::pair<std::string, std::string>>& files, Diagnostics& diagnostics,
              size_t* unchanged = nullptr, std::set<std::string>* changed = nullptr) const {
    SiteWriter writer(out.string());
    writer.update_in_place(listed);
    for (const auto& [path, bytes] : files) path.empty() ? writer.keep(bytes) : writer.put(path, bytes);
    const bool committed = writer.commit(diagnostics);
    if (unchanged) *unchanged = writer.unchanged_count();
    if (changed && writer.changed_files())
      changed->insert(writer.changed_files()->begin(), writer.changed_files()->end());
    return committed;
  }
  ino_t inode(const std::string& path) const {
    struct stat st {};
    REQUIRE(::lstat((out / path).c_str(), &st) == 0);
    return st.st_ino;
  }
  // Every file and folder under the site's parent folder, by path relative to it.
  std::set<std::string> everything() const {
    std::set<std::string> found;
    for (const auto& entry : fs::recursive_directory_iterator(dir.path()))
      found.insert(fs::relative(entry.path(), dir.path()).string());
    return found;
  }
};

}  // namespace

TEST_CASE("after record edits, the writer moves only the changed files into the site in place",
          "[containment]") {
  BuiltSite site({{"index.html", "<p>home</p>"},
                  {"dps/espere.html", "<p>ESPERE</p>"},
                  {"dps/lucidite.html", "<p>LUCIDITE</p>"},
                  {"themes/old/index.html", "<p>a theme no record has now</p>"},
                  {"search/w-a.js", "a"}});
  const ino_t home = site.inode("index.html"), espere = site.inode("dps/espere.html"),
              lucidite = site.inode("dps/lucidite.html");
  Diagnostics diagnostics;
  size_t unchanged = 0;
  std::set<std::string> changed;
  REQUIRE(site.update({{"index.html", "<p>home</p>"},  // the same bytes
                       {"dps/espere.html", "<p>ESPERE, edited</p>"},
                       {"", "dps/lucidite.html"},  // not rendered again
                       {"search/w-a.js", "a"},
                       {"themes/new/index.html", "<p>a new theme</p>"}},
                      diagnostics, &unchanged, &changed));
  CHECK(unchanged == 3);
  // What the build cache looks at again: every file written or removed, and no other.
  CHECK(changed == std::set<std::string>{".passerelle-site", "dps/espere.html", "themes/new/index.html",
                                         "themes/old/index.html"});
  CHECK(read_file(site.out / "dps/espere.html") == "<p>ESPERE, edited</p>");
  CHECK(read_file(site.out / "themes/new/index.html") == "<p>a new theme</p>");
  // The files that did not change are the same files, not copies.
  CHECK(site.inode("index.html") == home);
  CHECK(site.inode("dps/lucidite.html") == lucidite);
  CHECK(site.inode("dps/espere.html") != espere);
  // The file no longer written is gone, with the folders it leaves empty;
  // no staging folder is left beside the site.
  const std::set<std::string> expected = {"site",
                                          "site/.passerelle-site",
                                          "site/index.html",
                                          "site/dps",
                                          "site/dps/espere.html",
                                          "site/dps/lucidite.html",
                                          "site/search",
                                          "site/search/w-a.js",
                                          "site/themes",
                                          "site/themes/new",
                                          "site/themes/new/index.html"};
  CHECK(site.everything() == expected);
}

TEST_CASE("a build that fails while updating in place leaves the site as it was", "[containment]") {
  BuiltSite site({{"index.html", "<p>home</p>"}, {"dps/espere.html", "<p>ESPERE</p>"}});
  const std::set<std::string> before = site.everything();
  Diagnostics diagnostics;  // two files at one address
  CHECK_FALSE(site.update({{"dps/espere.html", "<p>ESPERE, edited</p>"},
                           {"index.html", "<p>one</p>"},
                           {"index.html", "<p>two</p>"}},
                          diagnostics));
  CHECK(site.everything() == before);
  CHECK(read_file(site.out / "dps/espere.html") == "<p>ESPERE</p>");
  CHECK(read_file(site.out / "index.html") == "<p>home</p>");
}

TEST_CASE("updating in place never follows a folder of the site that became a link", "[containment]") {
  BuiltSite site({{"index.html", "<p>home</p>"}, {"dps/espere.html", "<p>ESPERE</p>"}});
  const fs::path elsewhere = site.dir.path() / "elsewhere";
  fs::create_directories(elsewhere);
  // Between the cache's listing and the commit, dps/ is swapped for a link.
  fs::remove_all(site.out / "dps");
  fs::create_directory_symlink(elsewhere, site.out / "dps");
  Diagnostics diagnostics;
  CHECK_FALSE(site.update({{"index.html", "<p>home</p>"},
                           {"dps/espere.html", "<p>ESPERE, edited</p>"},
                           {"dps/new.html", "<p>a new record</p>"}},
                          diagnostics));
  const std::string found = formatted(diagnostics);
  INFO(found);
  CHECK(found.find("cannot update the site in place") != std::string::npos);
  CHECK(found.find("build again") != std::string::npos);
  CHECK(fs::is_empty(elsewhere));
}

namespace {

// The base fixture on disk, with a file outside every input folder that no
// build may publish.
struct DiskCatalogue {
  TempDir dir;
  fs::path content = dir.path() / "content";
  fs::path templates = dir.path() / "templates";
  fs::path theme = dir.path() / "theme";
  fs::path out = dir.path() / "site";
  fs::path secret = dir.path() / "secret.txt";
  fs::path secret_dir = dir.path() / "private";
  DiskCatalogue() {
    fs::copy(source_dir + "/tests/fixtures/base", content, fs::copy_options::recursive);
    fs::copy(source_dir + "/templates", templates, fs::copy_options::recursive);
    fs::copy(source_dir + "/theme", theme, fs::copy_options::recursive);
    std::ofstream(secret) << "SECRET-KEY-42\n";
    fs::create_directories(secret_dir);
    std::ofstream(secret_dir / "id_rsa") << "SECRET-KEY-42\n";
  }
  std::string args() const {
    return " --content " + content.string() + " --templates " + templates.string() + " --theme " +
           theme.string();
  }
  // Whether any file under the output folder holds the secret.
  bool published_secret() const {
    if (!fs::exists(out)) return false;
    for (const auto& entry : fs::recursive_directory_iterator(out))
      if (entry.is_regular_file() && read_file(entry.path()).find("SECRET-KEY-42") != std::string::npos)
        return true;
    return false;
  }
};

struct LinkCase {
  const char* name;
  std::function<void(DiskCatalogue&)> make;
  const char* message;
};

}  // namespace

TEST_CASE("a symbolic link that leaves an input folder is refused on build, check and serve", "[containment]") {
  const std::vector<LinkCase> cases = {
      {"theme file", [](DiskCatalogue& c) { fs::create_symlink(c.secret, c.theme / "passwd.css"); },
       "theme/passwd.css: error: symbolic link to "},
      {"theme folder", [](DiskCatalogue& c) { fs::create_directory_symlink(c.secret_dir, c.theme / "keys"); },
       "theme/keys: error: symbolic link to "},
      {"template", [](DiskCatalogue& c) { fs::create_symlink(c.secret, c.templates / "_secret.mustache"); },
       "templates/_secret.mustache: error: symbolic link to "},
      {"vocabulary",
       [](DiskCatalogue& c) {
         fs::rename(c.content / "vocabularies/themes.yaml", c.secret_dir / "themes.yaml");
         fs::create_symlink(c.secret_dir / "themes.yaml", c.content / "vocabularies/themes.yaml");
       },
       "vocabularies/themes.yaml: error: symbolic link to "},
      {"collection folder",
       [](DiskCatalogue& c) {
         fs::rename(c.content / "organisations", c.secret_dir / "organisations");
         fs::create_directory_symlink(c.secret_dir / "organisations", c.content / "organisations");
       },
       "content/organisations: error: symbolic link to "},
      {"media file",
       [](DiskCatalogue& c) {
         fs::create_directories(c.content / "media");
         fs::create_symlink(c.secret, c.content / "media/notes.txt");
       },
       "media/notes.txt: error: symbolic link to "},
  };
  for (const auto& link : cases) {
    DYNAMIC_SECTION(link.name) {
      DiskCatalogue c;
      REQUIRE(run(binary + " build" + c.args() + " --out " + c.out.string()).status == 0);
      link.make(c);
      CommandResult built = run(binary + " build" + c.args() + " --out " + c.out.string());
      INFO(built.output);
      CHECK(built.status == 1);
      CHECK(built.output.find(link.message) != std::string::npos);
      CHECK(built.output.find("outside the input folder") != std::string::npos);
      CHECK_FALSE(c.published_secret());

      CommandResult checked = run(binary + " check" + c.args());
      INFO(checked.output);
      CHECK(checked.status == 1);
      CHECK(checked.output.find(link.message) != std::string::npos);

      DiskFileSystem disk;
      Inputs inputs{c.content.string(), c.templates.string(), c.theme.string()};
      LiveSite live(disk, inputs);
      Progress quiet = Progress::silent();
      live.rebuild(quiet);
      CHECK_FALSE(live.ok());
      CHECK(formatted(live.diagnostics()).find("outside the input folder") != std::string::npos);
      for (const auto& [path, bytes] : live.files()) CHECK(bytes->find("SECRET-KEY-42") == std::string::npos);
    }
  }
}

TEST_CASE("a link that stays inside its folder is followed", "[containment]") {
  DiskCatalogue c;
  std::ofstream(c.theme / "extra.css") << "p { color: teal; }\n";
  fs::create_symlink(c.theme / "extra.css", c.theme / "alias.css");
  CommandResult built = run(binary + " build" + c.args() + " --out " + c.out.string());
  INFO(built.output);
  REQUIRE(built.status == 0);
  CHECK(read_file(c.out / "assets/alias.css") == "p { color: teal; }\n");
}

TEST_CASE("crafted vocabulary ids write nothing outside the site on build and serve", "[containment]") {
  DiskCatalogue c;
  fs::create_directories(c.dir.path() / "out");
  std::ofstream(c.content / "vocabularies/themes.yaml", std::ios::app)
      << "- id: ../../care3\n  label: Escaping\n- id: Care Work\n  label: Care work\n";
  const fs::path out = c.dir.path() / "out" / "site";
  CommandResult built = run(binary + " build" + c.args() + " --out " + out.string());
  INFO(built.output);
  CHECK(built.status == 1);
  CHECK(built.output.find("invalid id '../../care3'") != std::string::npos);
  CHECK(built.output.find("hint: write 'care3'") != std::string::npos);
  CHECK(built.output.find("invalid id 'Care Work'") != std::string::npos);
  CHECK(built.output.find("hint: write 'care-work'") != std::string::npos);
  CHECK(built.output.find("4 records were not checked because of the errors in the settings above") !=
        std::string::npos);
  CHECK(fs::is_empty(c.dir.path() / "out"));
  CHECK_FALSE(fs::exists(c.dir.path() / "care3.html"));

  DiskFileSystem disk;
  LiveSite live(disk, Inputs{c.content.string(), c.templates.string(), c.theme.string()});
  Progress quiet = Progress::silent();
  live.rebuild(quiet);
  CHECK_FALSE(live.ok());
  CHECK(formatted(live.diagnostics()).find("invalid id '../../care3'") != std::string::npos);
  for (const auto& [path, bytes] : live.files()) CHECK_FALSE(site_path_problem(path));
}

TEST_CASE("README.md and names starting with '_' in a collection folder are not records", "[containment]") {
  MemoryFileSystem files = fixture();
  files.add("content/dps/README.md", "# Notes for the editors of DPs\n\nNo front matter here.\n");
  files.add("content/dps/_draft-partnership.md", "---\ntitle: [unfinished\n---\n");
  const SiteBuild result = build(files);
  CHECK(formatted(result.diagnostics) == "");
  CHECK(result.record_count == 4);
}

TEST_CASE("content/media is copied into the site, within its limits", "[containment]") {
  MemoryFileSystem files = fixture();
  files.add("content/media/kitchen.gif", "GIF89a");
  files.add("content/dps/espere.md",
            *files.read("content/dps/espere.md") + "\n![A kitchen](../media/kitchen.gif)\n");
  Progress quiet = Progress::silent();
  MemorySink sink;
  SiteBuild built = build_site(files, Inputs{}, "site", quiet, sink);
  INFO(formatted(built.diagnostics));
  REQUIRE_FALSE(built.diagnostics.has_errors());
  REQUIRE(sink.files().count("media/kitchen.gif") == 1);
  CHECK(sink.files().at("media/kitchen.gif") == "GIF89a");
  CHECK(sink.files().at("dps/espere.html").find("<img src=\"../media/kitchen.gif\" alt=\"A kitchen\"") !=
        std::string::npos);

  files.add("content/media/huge.pdf", std::string(max_media_bytes + 1, 'x'));
  const std::string found = formatted(build(files).diagnostics);
  CHECK(found ==
        "content/media/huge.pdf: error: media file is 6 MB; the limit is 5 MB\n"
        "  hint: resize or compress it (an image for a page needs rarely more than 500 KB), or link to "
        "where the document is published\n");
}

TEST_CASE("an unknown command says which word was not understood, and what was meant", "[containment]") {
  CommandResult typo = run(binary + " chek");
  CHECK(typo.status == 2);
  CHECK(typo.output ==
        "passerelle: error: unknown command 'chek'\n"
        "  hint: did you mean 'check'? (passerelle --help says what each does)\n");
  CommandResult unknown = run(binary + " publish");
  CHECK(unknown.status == 2);
  CHECK(unknown.output.find("hint: the commands are build check") != std::string::npos);
}
