// End to end: the passerelle binary builds a fixture catalogue into a
// temporary folder; the tests inspect what it wrote and how it exited.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

#include <sys/stat.h>

#include "test_support.h"

using namespace passerelle::testing;
namespace fs = std::filesystem;

using Workspace = FixtureCopy;

TEST_CASE("build writes every page type with relative links", "[e2e]") {
  Workspace ws;
  CommandResult result = ws.build();
  INFO(result.output);
  REQUIRE(result.status == 0);
  for (const char* page : {"index.html", "search.html", "404.html", "dps/index.html", "dps/espere.html",
                           "countries/index.html", "countries/fr.html", "themes/training.html",
                           "actors/enterprises.html", "catalogue.json", "catalogue.csv", "assets/style.css"})
    CHECK(fs::exists(ws.out / page));
  CHECK_FALSE(fs::exists(ws.out / "feed.xml"));  // no base_url

  const std::string espere = read_file(ws.out / "dps/espere.html");
  CHECK(espere.find("href=\"lucidite.html\"") != std::string::npos);  // Markdown link to a record
  CHECK(espere.find("href=\"../organisations/adecco.html\"") != std::string::npos);  // lead reference
  CHECK(espere.find("href=\"../countries/fr.html\"") != std::string::npos);
  CHECK(espere.find("<table>") != std::string::npos);  // GFM table
  CHECK(espere.find("FR-NAT-2001-10456") != std::string::npos);
  // No absolute link anywhere.
  for (const auto& entry : fs::recursive_directory_iterator(ws.out)) {
    if (entry.path().extension() != ".html") continue;
    const std::string html = read_file(entry.path());
    INFO(entry.path());
    CHECK_FALSE(std::regex_search(html, std::regex(R"((href|src)="/)")));
  }
  // Backlinks: ADECCO is the lead partner of ESPERE.
  const std::string adecco = read_file(ws.out / "organisations/adecco.html");
  CHECK(adecco.find(">Lead partner of <span class=\"count\">1</span>") != std::string::npos);
  CHECK(adecco.find("href=\"../dps/espere.html\"") != std::string::npos);
  // Term page groups by collection with counts.
  const std::string france = read_file(ws.out / "countries/fr.html");
  CHECK(france.find("Development Partnerships <span class=\"count\">2</span>") != std::string::npos);
  CHECK(france.find("Organisations <span class=\"count\">1</span>") != std::string::npos);
}

TEST_CASE("the same input gives byte-identical output", "[e2e]") {
  Workspace ws;
  REQUIRE(ws.build().status == 0);
  TempDir copy;
  fs::copy(ws.out, copy.path() / "first", fs::copy_options::recursive);
  REQUIRE(ws.build().status == 0);
  size_t compared = 0;
  for (const auto& entry : fs::recursive_directory_iterator(ws.out)) {
    if (!entry.is_regular_file()) continue;
    const fs::path relative = fs::relative(entry.path(), ws.out);
    INFO(relative);
    CHECK(read_file(entry.path()) == read_file(copy.path() / "first" / relative));
    ++compared;
  }
  CHECK(compared > 10);
}

TEST_CASE("a failed build reports every error and leaves the previous site intact", "[e2e]") {
  Workspace ws;
  REQUIRE(ws.build().status == 0);
  const std::string before = read_file(ws.out / "index.html");
  ws.write("dps/broken.md", "---\ntitle: Broken\ncountries: [XX]\n---\n");
  ws.write("dps/also-broken.md", "---\nsummary: no title\n---\n");
  CommandResult result = ws.build();
  CHECK(result.status == 1);
  CHECK(result.output.find("broken.md:3:13: error: unknown country 'XX'") != std::string::npos);
  CHECK(result.output.find("also-broken.md:2:1: error: missing 'title'") != std::string::npos);
  CHECK(result.output.find("2 errors") != std::string::npos);
  CHECK(read_file(ws.out / "index.html") == before);
  CHECK_FALSE(fs::exists(ws.out / "dps/broken.html"));
  // Nothing is left beside the output folder either, but the build cache of
  // the first build, which still describes the site in place: with the
  // broken records gone, the inputs are the first build's again.
  CHECK(strays_beside_site(ws.dir.path()).empty());
  fs::remove(ws.content / "dps/broken.md");
  fs::remove(ws.content / "dps/also-broken.md");
  CHECK(ws.build().output.find("site is up to date") != std::string::npos);

  // An error in a body is found as its page renders, after pages have gone
  // to the staging folder: they are not kept either.
  const std::string page_before = read_file(ws.out / "dps/espere.html");
  const std::string record = read_file(ws.content / "dps/espere.md");
  ws.write("dps/espere.md", record + "\nNew words, and [a link](../dps/nope.md).\n");
  result = ws.build();
  CHECK(result.status == 1);
  CHECK(result.output.find("link to a record file that does not exist: '../dps/nope.md'") != std::string::npos);
  CHECK(read_file(ws.out / "dps/espere.html") == page_before);
  CHECK(read_file(ws.out / "index.html") == before);
  CHECK(strays_beside_site(ws.dir.path()).empty());
}

TEST_CASE("a rebuild links unchanged files to the previous site's and writes the changed ones", "[e2e]") {
  Workspace ws;
  REQUIRE(ws.build().status == 0);
  auto inode = [&](const char* page) {
    struct stat st {};
    REQUIRE(::stat((ws.out / page).c_str(), &st) == 0);
    return st.st_ino;
  };
  const auto rec_inode = inode("recommendations/rec-01.html");
  const auto espere_inode = inode("dps/espere.html");
  const auto lucidite_inode = inode("dps/lucidite.html");
  const std::string lucidite = read_file(ws.out / "dps/lucidite.html");
  // A page changed by hand in the output, and a record's body edited.
  std::ofstream(ws.out / "dps/lucidite.html", std::ios::binary | std::ios::trunc) << "edited by hand";
  std::string espere = read_file(ws.content / "dps/espere.md");
  espere += "\nA sentence added by an editor.\n";
  ws.write("dps/espere.md", espere);

  CommandResult again = ws.build();
  INFO(again.output);
  REQUIRE(again.status == 0);
  CHECK(inode("recommendations/rec-01.html") == rec_inode);  // unchanged: the same file
  CHECK(std::regex_search(again.output, std::regex(R"(\(\d+ files, \d+ unchanged\))")));
  CHECK(inode("dps/espere.html") != espere_inode);
  CHECK(read_file(ws.out / "dps/espere.html").find("A sentence added by an editor.") != std::string::npos);
  CHECK(inode("dps/lucidite.html") != lucidite_inode);  // differed from what the build makes
  CHECK(read_file(ws.out / "dps/lucidite.html") == lucidite);
}

TEST_CASE("build refuses output folders that would destroy inputs or other files", "[e2e]") {
  Workspace ws;
  SECTION("the content folder itself") {
    CommandResult r = run(binary + " build" + ws.args() + " --out " + ws.content.string());
    CHECK(r.status == 1);
    CHECK(r.output.find("is the input folder") != std::string::npos);
  }
  SECTION("a folder containing the content") {
    CommandResult r = run(binary + " build" + ws.args() + " --out " + ws.dir.str());
    CHECK(r.status == 1);
    CHECK(r.output.find("contains the input folder") != std::string::npos);
  }
  SECTION("the root folder") {
    CommandResult r = run(binary + " build" + ws.args() + " --out /");
    CHECK(r.status == 1);
    CHECK(r.output.find("root folder") != std::string::npos);
  }
  SECTION("a folder passerelle did not build") {
    fs::create_directories(ws.out);
    std::ofstream(ws.out / "precious.txt") << "keep me";
    CommandResult r = ws.build();
    CHECK(r.status == 1);
    CHECK(r.output.find("did not build") != std::string::npos);
    CHECK(read_file(ws.out / "precious.txt") == "keep me");
  }
  CHECK(fs::exists(ws.content / "dps/espere.md"));
}

TEST_CASE("exit status 2 on wrong usage, help on every command", "[e2e]") {
  CHECK(run(binary + " build --no-such-option").status == 2);
  CHECK(run(binary).status == 2);
  CommandResult help = run(binary + " build --help");
  CHECK(help.status == 0);
  CHECK(help.output.find("--content") != std::string::npos);
  CHECK(help.output.find("--out") != std::string::npos);
  CommandResult check_help = run(binary + " check --help");
  CHECK(check_help.status == 0);
  CHECK(check_help.output.find("--templates") != std::string::npos);
}

TEST_CASE("check validates and writes nothing", "[e2e]") {
  Workspace ws;
  const std::string cwd_site = ws.dir.str() + "/site";
  CommandResult ok = run("cd " + ws.dir.str() + " && " + binary + " check" + ws.args());
  CHECK(ok.status == 0);
  CHECK_FALSE(fs::exists(cwd_site));
  ws.write("dps/bad.md", "---\ntitle: Bad\nthemes: [trainin]\n---\n");
  CommandResult bad = run(binary + " check" + ws.args());
  CHECK(bad.status == 1);
  CHECK(bad.output.find("did you mean 'training'?") != std::string::npos);
  CommandResult github = run(binary + " check --format github" + ws.args());
  CHECK(github.output.find("::error file=") != std::string::npos);
  CHECK(github.output.find(",line=3,col=10::unknown theme 'trainin'") != std::string::npos);
}

TEST_CASE("nothing from a record reaches a page unescaped", "[e2e]") {
  Workspace ws;
  ws.write("dps/hostile.md",
           "---\ntitle: \"<script>alert(1)</script>\"\nsummary: \"<img src=x onerror=alert(2)>\"\n"
           "code: \"\\\" onmouseover=\\\"alert(3)\"\n---\n<script>alert(4)</script>\n\n"
           "<b onclick=\"alert(5)\">bold</b>\n");
  CommandResult result = ws.build();
  INFO(result.output);
  REQUIRE(result.status == 0);
  const std::string page = read_file(ws.out / "dps/hostile.html");
  CHECK(page.find("<script>") == std::string::npos);
  CHECK(page.find("<img src=x") == std::string::npos);
  CHECK(page.find("onclick") == std::string::npos);
  CHECK(page.find("\" onmouseover") == std::string::npos);
  CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(page.find("Content-Security-Policy") != std::string::npos);
}

TEST_CASE("machine-readable outputs; feed and sitemap with base_url", "[e2e]") {
  Workspace ws;
  ws.write("catalogue.yaml",
           "title: Fixture catalogue\ndescription: Tests & more\nlanguage: en\n"
           "base_url: https://example.org/cat\nupdated: 2026-11-01\n");
  CommandResult result = ws.build();
  INFO(result.output);
  REQUIRE(result.status == 0);
  const std::string json = read_file(ws.out / "catalogue.json");
  CHECK(json.find("\"url\": \"dps/espere.html\"") != std::string::npos);
  CHECK(json.find("\"code\": \"FR-NAT-2001-10456\"") != std::string::npos);
  const std::string csv = read_file(ws.out / "catalogue.csv");
  CHECK(csv.rfind("\xEF\xBB\xBF"
                  "collection,id,url,title,summary,countries,themes,actors,period,related,sources",
                  0) == 0);
  CHECK(csv.find("dps,espere,dps/espere.html,ESPERE,") != std::string::npos);
  CHECK(csv.find(",anti-discrimination; training,") != std::string::npos);
  const std::string feed = read_file(ws.out / "feed.xml");
  CHECK(feed.find("<link href=\"https://example.org/cat/dps/espere.html\"/>") != std::string::npos);
  CHECK(feed.find("<updated>2026-11-01T00:00:00Z</updated>") != std::string::npos);
  const std::string sitemap = read_file(ws.out / "sitemap.xml");
  CHECK(sitemap.find("<loc>https://example.org/cat/countries/fr.html</loc>") != std::string::npos);
  CHECK(read_file(ws.out / "index.html")
            .find("<link rel=\"canonical\" href=\"https://example.org/cat/index.html\">") != std::string::npos);
}

TEST_CASE("with base_url, the 404 page works at any depth and printed pages carry their address", "[e2e]") {
  Workspace ws;
  ws.write("catalogue.yaml", "title: Fixture catalogue\nlanguage: en\nbase_url: https://example.org/cat\n");
  CommandResult result = ws.build();
  INFO(result.output);
  REQUIRE(result.status == 0);
  // A host serves 404.html for /cat/a/b/c: every link and style must not depend on where.
  const std::string missing = read_file(ws.out / "404.html");
  CHECK(missing.find("<link rel=\"stylesheet\" href=\"https://example.org/cat/assets/style.css\">") !=
        std::string::npos);
  CHECK(missing.find("<a href=\"https://example.org/cat/search.html\">search the catalogue</a>") !=
        std::string::npos);
  CHECK(missing.find("href=\"index.html\"") == std::string::npos);
  CHECK(read_file(ws.out / "dps/espere.html")
            .find("<p class=\"print-url\">https://example.org/cat/dps/espere.html</p>") != std::string::npos);
  // Other pages keep relative links, so the site also works from disk.
  CHECK(read_file(ws.out / "dps/espere.html").find("href=\"../assets/style.css\"") != std::string::npos);
}
