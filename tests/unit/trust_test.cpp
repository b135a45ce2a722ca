// Trust and reuse (issue 14, item 6): the catalogue's own pages, the licence,
// each record's last change from git, the recent changes page and feed,
// "Cite this record", the JSON-LD of record pages, and source pages that
// point to the publication.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>

#include "fs/git_history.h"
#include "output/site_sink.h"
#include "pipeline/live_site.h"
#include "render/citation.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

void add_setting(MemoryFileSystem& files, const std::string& line) {
  files.add("content/catalogue.yaml", *files.read("content/catalogue.yaml") + line + "\n");
}

const std::string about =
    "---\ntitle: About this catalogue\nsummary: Who keeps it.\norder: 1\n---\n"
    "It is written from reports; see [ESPERE](../dps/espere.md) and the [method](method.html).\n";
const std::string method = "---\ntitle: Method\norder: 2\n---\nHow records are written.\n";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The text of the page's <script type="application/ld+json"> element.
std::string json_ld_of(const std::string& html) {
  const std::string open = "<script type=\"application/ld+json\">";
  const size_t at = html.find(open);
  REQUIRE(at != std::string::npos);
  const size_t end = html.find("</script>", at);
  REQUIRE(end != std::string::npos);
  return html.substr(at + open.size(), end - at - open.size());
}

}  // namespace

TEST_CASE("git's log is read as the latest commit time of each file", "[trust][git]") {
  using namespace std::string_literals;
  const std::string log = "@300\0\ndps/a.md\0dps/b c.md\0@200\0@100\0\ndps/a.md\0sources/x.md\0"s;
  const ChangeDates dates = parse_git_log(log);
  CHECK(dates.size() == 3);
  CHECK(dates.at("dps/a.md") == 300);  // the newest of its two commits
  CHECK(dates.at("dps/b c.md") == 300);
  CHECK(dates.at("sources/x.md") == 100);
  CHECK(parse_git_log("").empty());
  CHECK(utc_timestamp(0) == "1970-01-01T00:00:00Z");
  CHECK(utc_timestamp(1796409716) == "2026-12-04T18:41:56Z");
}

TEST_CASE("dates come from one git log over the content folder, and none outside a repository",
          "[trust][git]") {
  TempDir dir;
  const fs::path content = dir.path() / "content";
  fs::create_directories(content / "dps");
  std::ofstream(content / "dps/a.md") << "a\n";
  std::ofstream(content / "dps/b.md") << "b\n";
  std::ofstream(dir.path() / "outside.md") << "o\n";
  // Outside a repository: no dates, no error.
  CHECK(DiskFileSystem().change_dates(content.string()).empty());
  const std::string git = "cd " + dir.str() + " && git -c user.name=T -c user.email=t@example.org ";
  auto commit = [&](const std::string& date, const std::string& what) {
    const std::string env = "GIT_AUTHOR_DATE='" + date + "' GIT_COMMITTER_DATE='" + date + "' ";
    REQUIRE(run(git + "add -A >/dev/null && " + env +
                "git -c user.name=T -c user.email=t@example.org commit -q -m '" + what + "'")
                .status == 0);
  };
  REQUIRE(run("cd " + dir.str() + " && git init -q").status == 0);
  commit("2024-01-02T03:04:05Z", "first");
  std::ofstream(content / "dps/b.md") << "b changed\n";
  commit("2025-06-07T08:09:10Z", "second");
  // An edit not yet committed does not count: dates do not depend on the working copy.
  std::ofstream(content / "dps/a.md") << "a edited\n";
  const ChangeDates dates = DiskFileSystem().change_dates(content.string());
  CHECK(dates.size() == 2);  // outside.md is not under content/
  REQUIRE(dates.count("dps/a.md"));
  CHECK(utc_timestamp(dates.at("dps/a.md")) == "2024-01-02T03:04:05Z");
  CHECK(utc_timestamp(dates.at("dps/b.md")) == "2025-06-07T08:09:10Z");
}

TEST_CASE("the licence is in every page's footer and in catalogue.json", "[trust][licence]") {
  MemoryFileSystem files = fixture();
  add_setting(files, "licence: {name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}");
  const SiteFiles site = built_site(files);
  size_t pages = 0;
  for (const auto& [path, bytes] : site) {
    if (!path.ends_with(".html") || contains(bytes, "http-equiv=\"refresh\"")) continue;
    ++pages;
    INFO(path);
    CHECK(contains(bytes,
                   "<a rel=\"license\" href=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0</a>"));
  }
  CHECK(pages > 10);
  const json data = json::parse(site.at("catalogue.json"));
  CHECK(data.at("licence") ==
        json({{"name", "CC BY 4.0"}, {"url", "https://creativecommons.org/licenses/by/4.0/"}}));
  // Without one, nothing is claimed.
  const SiteFiles plain = built_site(fixture());
  CHECK_FALSE(contains(plain.at("index.html"), "rel=\"license\""));
  CHECK_FALSE(json::parse(plain.at("catalogue.json")).contains("licence"));
}

TEST_CASE("a tagline, when set, stands above the title on the home page", "[trust]") {
  MemoryFileSystem files = fixture();
  add_setting(files, "tagline: Practice from <cities> across Europe");
  CHECK(
      contains(built_site(files).at("index.html"),
               "<p class=\"kicker\">Practice from &lt;cities&gt; across Europe</p>\n  <h1 id=\"home-title\">"));
  CHECK_FALSE(contains(built_site(fixture()).at("index.html"), "class=\"kicker\""));
}

TEST_CASE("content/pages/ become pages of the site, linked from every page's footer", "[trust][pages]") {
  MemoryFileSystem files = fixture();
  files.add("content/pages/about.md", about);
  files.add("content/pages/method.md", method);
  files.add("content/pages/README.md", "Notes for editors, not a page.\n");
  const SiteFiles site = built_site(files);
  REQUIRE(site.count("pages/about.html"));
  REQUIRE(site.count("pages/method.html"));
  CHECK_FALSE(site.count("pages/README.html"));
  const std::string& page = site.at("pages/about.html");
  CHECK(contains(page, "<h1>About this catalogue</h1>"));
  CHECK(contains(page, "<p class=\"lead\">Who keeps it.</p>"));
  CHECK(
      contains(page, "<a href=\"../dps/espere.html\">ESPERE</a>"));  // a record file's link becomes its page's
  // The footer lists the pages by `order`, relative to each page.
  const std::string root_links =
      "<li><a href=\"pages/about.html\">About this catalogue</a></li>"
      "<li><a href=\"pages/method.html\">Method</a></li>";
  CHECK(contains(site.at("index.html"), root_links));
  CHECK(contains(site.at("dps/espere.html"),
                 "<li><a href=\"../pages/about.html\">About this catalogue</a></li>"));
  CHECK(contains(site.at("pages/method.html"),
                 "<li><a href=\"../pages/about.html\">About this catalogue</a></li>"));
  // Not records: not in the data files nor in search.
  CHECK_FALSE(contains(site.at("catalogue.json"), "About this catalogue"));
  for (const auto& [path, bytes] : site)
    if (path.rfind("search/", 0) == 0) CHECK_FALSE(contains(bytes, "About this catalogue"));
}

TEST_CASE("a folder named pages is not a collection, and not warned about", "[trust][pages]") {
  MemoryFileSystem files = fixture();
  files.add("content/pages/about.md", about);
  files.add("content/pages/method.md", method);
  SiteBuild built = build(files);
  CHECK(formatted(built.diagnostics) == "");
}

TEST_CASE("each record carries the date of its file's last commit; recent changes list them",
          "[trust][dates]") {
  MemoryFileSystem files = fixture();
  files.set_change_date("content/dps/espere.md", 1796409716);    // 2026-12-04T18:41:56Z
  files.set_change_date("content/dps/lucidite.md", 1700000000);  // 2023-11-14T22:13:20Z
  add_setting(files, "base_url: https://example.org/cat/");
  const SiteFiles site = built_site(files);

  CHECK(contains(site.at("dps/espere.html"),
                 "Last updated <time datetime=\"2026-12-04T18:41:56Z\">4 December 2026</time>"));
  const json data = json::parse(site.at("catalogue.json"));
  std::map<std::string, json> by_id;
  for (const auto& r : data["records"]) by_id[r["id"].get<std::string>()] = r;
  CHECK(by_id.at("espere").at("updated") == "2026-12-04T18:41:56Z");
  CHECK_FALSE(by_id.at("adecco").contains("updated"));  // no date known: left out

  const std::string& recent = site.at("recent.html");
  const size_t newest = recent.find("dps/espere.html"), older = recent.find("dps/lucidite.html");
  REQUIRE(newest != std::string::npos);
  REQUIRE(older != std::string::npos);
  CHECK(newest < older);
  CHECK_FALSE(contains(recent, "organisations/adecco.html"));  // undated records are not listed
  CHECK(contains(recent, "href=\"recent.xml\""));
  CHECK(contains(site.at("index.html"), "<a href=\"recent.html\">Recent changes</a>"));

  const std::string& feed = site.at("recent.xml");
  CHECK(contains(feed, "<link rel=\"self\" href=\"https://example.org/cat/recent.xml\"/>"));
  CHECK(contains(feed,
                 "<updated>2026-12-04T18:41:56Z</updated>\n  <entry>"));  // the feed's date: its newest entry's
  CHECK(contains(feed,
                 "<id>https://example.org/cat/dps/espere.html</id>\n    <link "
                 "href=\"https://example.org/cat/dps/espere.html\"/>\n"
                 "    <updated>2026-12-04T18:41:56Z</updated>"));
  CHECK(feed.find("espere.html") < feed.find("lucidite.html"));
  CHECK_FALSE(contains(feed, "adecco"));
}

TEST_CASE("without a base_url there is no recent changes feed, as there is no feed.xml", "[trust][dates]") {
  MemoryFileSystem files = fixture();
  files.set_change_date("content/dps/espere.md", 1796409716);
  const SiteFiles site = built_site(files);
  CHECK_FALSE(site.count("recent.xml"));
  CHECK_FALSE(contains(site.at("recent.html"), "recent.xml"));
  // Without any date, the page says why it lists nothing.
  CHECK(contains(built_site(fixture()).at("recent.html"), "built outside its history"));
}

TEST_CASE("the dev server keeps dates and the recent changes page up to date on an edit", "[trust][serve]") {
  MemoryFileSystem files = fixture();
  files.set_change_date("content/dps/espere.md", 1796409716);
  files.add("content/pages/about.md", about);
  files.add("content/pages/method.md", method);
  LiveSite live(files, Inputs{});
  Progress quiet = Progress::silent();
  live.rebuild(quiet);
  REQUIRE(live.ok());
  const std::string path = "content/dps/espere.md";
  std::string text = *files.read(path);
  text.replace(text.find("title: ESPERE"), 13, "title: ESPERE renamed");
  files.add(path, text);
  CHECK(live.update({path}).kind == UpdateReport::Kind::record);
  live.refresh_data();
  const SiteFiles expected = built_site(files);
  CHECK(contains(*live.files().at("recent.html"), "ESPERE renamed"));
  for (const char* page : {"recent.html", "dps/espere.html", "catalogue.json", "pages/about.html"}) {
    INFO(page);
    CHECK(*live.files().at(page) == expected.at(page));
  }
  // A page edited: the site is built again, with it.
  files.add("content/pages/method.md", "---\ntitle: Our method\norder: 2\n---\nText.\n");
  CHECK(live.update({"content/pages/method.md"}).kind == UpdateReport::Kind::full);
  CHECK(contains(*live.files().at("index.html"), ">Our method</a>"));
}

TEST_CASE("cite this record: text, BibTeX and CSL-JSON with the permalink", "[trust][cite]") {
  MemoryFileSystem files = fixture();
  files.set_change_date("content/dps/espere.md", 1796409716);
  add_setting(files, "base_url: https://example.org/cat/");
  const SiteFiles site = built_site(files);
  const std::string& page = site.at("dps/espere.html");
  CHECK(contains(page, "<h2 id=\"cite-heading\">Cite this record</h2>"));
  CHECK(contains(page, "<a class=\"permalink\" href=\"https://example.org/cat/dps/espere.html\">"));
  CHECK(contains(page,
                 "<p class=\"citation\">ESPERE. Development Partnership, in Fixture catalogue, last updated "
                 "4 December 2026. https://example.org/cat/dps/espere.html</p>"));
  CHECK(contains(page,
                 "@misc{dps-espere,\n  title = {{ESPERE}},\n  howpublished = {Fixture catalogue},\n"
                 "  year = {2026},\n  url = {https://example.org/cat/dps/espere.html},\n"));
  CHECK(contains(page, "&quot;URL&quot;: &quot;https://example.org/cat/dps/espere.html&quot;"));

  // Without a base_url: the page's path, and why.
  const SiteFiles plain = built_site(fixture());
  const std::string& local = plain.at("dps/espere.html");
  CHECK(contains(local, "no web address of its own"));
  CHECK(contains(local, "<code class=\"permalink\">dps/espere.html</code>"));
  CHECK(contains(local, "Page dps/espere.html."));
  CHECK_FALSE(contains(local, "url = {"));
}

TEST_CASE("citations escape what BibTeX and the page would read as markup", "[trust][cite]") {
  CHECK(bibtex_escape("R&D {50%} $x_1#~^\\") ==
        "R\\&D \\{50\\%\\} \\$x\\_1\\#\\textasciitilde{}\\textasciicircum{}\\textbackslash{}");
  CHECK(readable_date("2024-02-29T10:00:00Z") == "29 February 2024");
  CHECK(readable_date("") == "");

  MemoryFileSystem files = fixture();
  const std::string hostile = "A & B </script><script>alert(1)</script> {x}";
  std::string text = *files.read("content/dps/espere.md");
  text.replace(text.find("title: ESPERE"), 13, "title: \"" + hostile + "\"");
  files.add("content/dps/espere.md", text);
  const std::string page = built_site(files).at("dps/espere.html");
  CHECK_FALSE(contains(page, "<script>alert(1)"));
  CHECK(contains(page, "title = {{A \\&amp; B &lt;/script&gt;"));  // BibTeX-escaped, then HTML-escaped
  // The JSON-LD cannot be closed from a record: '<' is \u003c, and it reads back as written.
  const std::string ld = json_ld_of(page);
  CHECK_FALSE(contains(ld, "<"));
  CHECK(contains(ld, "\\u003c/script\\u003e"));
  CHECK(json::parse(ld).at("name") == hostile);
}

TEST_CASE("record pages describe themselves in schema.org JSON-LD", "[trust][json-ld]") {
  MemoryFileSystem files = fixture();
  files.set_change_date("content/dps/espere.md", 1796409716);
  add_setting(files, "base_url: https://example.org/cat/");
  add_setting(files, "licence: {name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}");
  const SiteFiles site = built_site(files);
  const json ld = json::parse(json_ld_of(site.at("dps/espere.html")));
  CHECK(ld.at("@context") == "https://schema.org");
  CHECK(ld.at("@type") == "CreativeWork");
  CHECK(ld.at("name") == "ESPERE");
  CHECK(ld.at("url") == "https://example.org/cat/dps/espere.html");
  CHECK(ld.at("dateModified") == "2026-12-04T18:41:56Z");
  CHECK(ld.at("license") == "https://creativecommons.org/licenses/by/4.0/");
  CHECK(ld.at("temporalCoverage") == "2002/2005");
  CHECK(ld.at("spatialCoverage").at(0).at("name") == "France");
  CHECK(ld.at("isPartOf").at("name") == "Fixture catalogue");
  // Only record pages carry it.
  CHECK_FALSE(contains(site.at("index.html"), "application/ld+json"));
}

TEST_CASE("the shipped source pages point to the publication and hide the text files' names",
          "[trust][catalogue]") {
  TempDir dir;
  const fs::path out = dir.path() / "site";
  CommandResult result = run("cd " + source_dir + " && " + binary + " build --out " + out.string());
  INFO(result.output);
  REQUIRE(result.status == 0);
  size_t sources = 0, linked = 0;
  for (const auto& entry : fs::directory_iterator(out / "sources")) {
    if (entry.path().filename() == "index.html") continue;
    ++sources;
    const std::string page = read_file(entry.path());
    INFO(entry.path().filename().string());
    CHECK_FALSE(std::regex_search(page, std::regex(R"(\d{3}_[0-9a-f]{16}\.txt)")));
    CHECK(contains(page, "<h2 id=\"section-reference\">Reference</h2>"));
    linked += contains(page, "<dt>Where to find it</dt><dd><a href=\"https://");
  }
  CHECK(sources == 5);
  CHECK(linked >= 2);
  CHECK_FALSE(contains(read_file(out / "catalogue.json"), ".txt\""));
  // The catalogue's own pages, and its licence, in the footer.
  for (const char* page : {"about", "method", "licence", "how-to-cite"})
    CHECK(fs::exists(out / "pages" / (std::string(page) + ".html")));
  CHECK(contains(read_file(out / "index.html"),
                 "<a rel=\"license\" href=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0</a>"));
}
