// A long list of records (a collection's, a term's) goes into its page after
// Mustache renders the page, not through it (render/site_renderer.cpp:
// set_aside_lists()): the page must be the one Mustache would have made.
#include <catch2/catch.hpp>

#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;

namespace {

constexpr size_t records = 1500;  // lists well over the 64 KB above which they are spliced

}  // namespace

TEST_CASE("a long list of records is spliced into its page whole, each record once", "[render]") {
  const SiteFiles site = built_site(generated_catalogue(records, 11));
  for (const std::string path : {"dps/index.html", "countries/fr.html"}) {
    INFO(path);
    const std::string& page = site.at(path);
    CHECK(page.size() > 80 * 1024);  // a list over 64 KB
    CHECK(page.find("<!--passerelle-list-") == std::string::npos);
    CHECK(page.ends_with("</html>\n"));
  }
  const std::string& collection = site.at("dps/index.html");
  for (size_t i = 0; i < records; ++i) {
    INFO("g" << i);
    CHECK(occurrences(collection, "dps/g" + std::to_string(i) + ".html\"") == 1);
  }
}

TEST_CASE("a template that shows the list escaped gets it escaped, not a marker", "[render]") {
  MemoryFileSystem files = generated_catalogue(records, 11);
  files.add("templates/_record_list.mustache", "<ul class=\"record-list\">{{records_html}}</ul>\n");
  const SiteFiles site = built_site(files);
  const std::string& page = site.at("dps/index.html");
  CHECK(page.find("passerelle-list-") == std::string::npos);
  CHECK(page.find("&lt;li") != std::string::npos);
  CHECK(occurrences(page, "g17.html") == 1);
}
