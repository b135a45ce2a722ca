// A record's `aliases`: each former id makes a page at the old address that
// leads to the record, from file:// as on any host, and is left out of what
// lists records (sitemap, search, catalogue.json). The errors are fixtures
// (tests/fixtures/invalid/record-alias-*).
#include <catch2/catch.hpp>

#include "output/site_sink.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;

namespace {

const std::string espere = "content/dps/espere.md";

// A build with neither error nor warning.
SiteFiles built_without_warnings(const FileSystem& files) {
  Progress quiet = Progress::silent();
  MemorySink sink;
  SiteBuild built = build_site(files, Inputs{}, "site", quiet, sink);
  INFO(formatted(built.diagnostics));
  REQUIRE(formatted(built.diagnostics) == "");
  return sink.files();
}

MemoryFileSystem with_alias(const std::string& aliases) {
  MemoryFileSystem files = fixture();
  files.add(espere,
            replaced(*files.read(espere), "title: ESPERE\n", "title: ESPERE\naliases: " + aliases + "\n"));
  return files;
}

}  // namespace

TEST_CASE("an alias makes a page at the old address that leads to the record", "[aliases]") {
  const SiteFiles site = built_without_warnings(with_alias("[old-espere, espere-2002]"));
  REQUIRE(site.count("dps/old-espere.html") == 1);
  CHECK(site.at("dps/old-espere.html") ==
        "<!DOCTYPE html>\n"
        "<html lang=\"en\">\n"
        "<head>\n"
        "<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'none'; "
        "style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'\">\n"
        "<meta http-equiv=\"refresh\" content=\"0; url=espere.html\">\n"
        "<meta name=\"robots\" content=\"noindex\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"color-scheme\" content=\"light dark\">\n"
        "<title>ESPERE · Fixture catalogue</title>\n"
        "<link rel=\"canonical\" href=\"espere.html\">\n"
        "<link rel=\"stylesheet\" href=\"../assets/style.css\">\n"
        "</head>\n"
        "<body>\n"
        "<main id=\"main\" class=\"wrap\">\n"
        "<h1>ESPERE</h1>\n"
        "<p>This page has moved: <a href=\"espere.html\">ESPERE</a>.</p>\n"
        "</main>\n"
        "</body>\n"
        "</html>\n");
  CHECK(site.at("dps/espere-2002.html") == site.at("dps/old-espere.html"));
  CHECK(site.count("dps/espere.html") == 1);

  // Not a record: the data lists four, the search index does not know the old ids.
  const std::string& data = site.at("catalogue.json");
  size_t records = 0;
  for (size_t at = data.find("\"collection\":"); at != std::string::npos;
       at = data.find("\"collection\":", at + 1))
    ++records;
  CHECK(records == 4);
  CHECK(data.find("old-espere.html") == std::string::npos);
  CHECK(data.find("\"aliases\": [\n     \"old-espere\",\n     \"espere-2002\"\n    ]") != std::string::npos);
  for (const auto& [path, bytes] : site)
    if (path.rfind("search/", 0) == 0) {
      INFO(path);
      CHECK(bytes.find("old-espere") == std::string::npos);
    }
  // Nor a field shown on the record's page.
  CHECK(site.at("dps/espere.html").find("old-espere") == std::string::npos);
}

TEST_CASE("with a base_url the canonical link is absolute and the sitemap leaves old addresses out",
          "[aliases]") {
  MemoryFileSystem files = with_alias("[old-espere]");
  files.add("content/catalogue.yaml",
            *files.read("content/catalogue.yaml") + "base_url: https://example.org/c/\n");
  const SiteFiles site = built_without_warnings(files);
  const std::string& page = site.at("dps/old-espere.html");
  CHECK(page.find("<link rel=\"canonical\" href=\"https://example.org/c/dps/espere.html\">") !=
        std::string::npos);
  CHECK(page.find("content=\"0; url=espere.html\"") != std::string::npos);
  const std::string& sitemap = site.at("sitemap.xml");
  CHECK(sitemap.find("<loc>https://example.org/c/dps/espere.html</loc>") != std::string::npos);
  CHECK(sitemap.find("old-espere") == std::string::npos);
  CHECK(site.at("feed.xml").find("old-espere") == std::string::npos);
}

TEST_CASE("a redirect page escapes the record's title", "[aliases]") {
  MemoryFileSystem files = fixture();
  files.add(espere, replaced(*files.read(espere), "title: ESPERE\n",
                             "title: \"Tom & Jerry's <b>\\\"x\\\"</b>\"\naliases: [old-espere]\n"));
  const std::string page = built_without_warnings(files).at("dps/old-espere.html");
  const std::string escaped = "Tom &amp; Jerry&#39;s &lt;b&gt;&quot;x&quot;&lt;/b&gt;";
  CHECK(page.find("<title>" + escaped + " · Fixture catalogue</title>") != std::string::npos);
  CHECK(page.find("<a href=\"espere.html\">" + escaped + "</a>") != std::string::npos);
  CHECK(page.find("<b>") == std::string::npos);
}
