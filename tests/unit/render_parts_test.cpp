// The parts the build leans on for speed, each checked for what it must
// still get right: partials written into their templates, links checked
// page by page against files that arrive late, and a writer that queues
// files for a thread of its own.
#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <sys/stat.h>

#include "links/link_checker.h"
#include "output/site_writer.h"
#include "render/catalogue_csv.h"
#include "render/template_set.h"
#include "render/view_model.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;
namespace fs = std::filesystem;

namespace {

MemoryFileSystem templates(const std::string& record, const std::map<std::string, std::string>& partials) {
  MemoryFileSystem files;
  for (const auto& name : TemplateSet::required()) files.add("t/" + name + ".mustache", "{{title}}");
  files.add("t/layout.mustache", "<main>{{{content}}}</main>");
  files.add("t/record.mustache", record);
  files.add("t/strings/en.yaml", "months: [a, b, c, d, e, f, g, h, i, j, k, l]\n");
  for (const auto& [name, text] : partials) files.add("t/" + name + ".mustache", text);
  return files;
}

}  // namespace

TEST_CASE("partials are written into the templates that include them, nested ones too", "[render]") {
  MemoryFileSystem files = templates("<h1>{{title}}</h1>{{> _meta}}",
                                     {{"_meta", "<p>{{#tags}}{{> _tag}}{{/tags}}</p>"}, {"_tag", "[{{.}}]"}});
  Diagnostics diagnostics;
  TemplateSet set = TemplateSet::load(files, "t", diagnostics);
  REQUIRE(formatted(diagnostics).empty());
  const nlohmann::json context = {{"title", "<Mediation>"}, {"tags", {"a", "b"}}};
  const std::string page = set.render_page("record", context, set.shared(nlohmann::json::object()));
  CHECK(page == "<main><h1>&lt;Mediation&gt;</h1><p>[a][b]</p></main>");
}

TEST_CASE("dotted names are looked up as kainjow's own context looks them up", "[render]") {
  // The page's context shadows the shared one; a dotted name that an inner
  // section cannot finish is looked for further out, as kainjow does.
  const std::string record =
      "{{site.title}}|{{t.search}}|{{#inner}}{{a.b}}/{{a.c}}/{{x}}{{/inner}}|{{#list}}{{name.first}}{{/list}}|"
      "{{a..b}}|{{a.b.}}|{{missing.b}}|{{#a.b}}yes{{/a.b}}{{^a.none}}no{{/a.none}}|{{.}}";
  MemoryFileSystem files = templates(record, {});
  Diagnostics diagnostics;
  TemplateSet set = TemplateSet::load(files, "t", diagnostics);
  REQUIRE(formatted(diagnostics).empty());
  const nlohmann::json shared = {{"site", {{"title", "Shared"}}}, {"x", "outer x"}, {"a", {{"b", "shared b"}}}};
  const nlohmann::json page = {{"inner", {{"a", {{"c", "inner c"}}}}},
                               {"list", {{{"name", {{"first", "Ana"}}}}, {{"name", {{"last", "B"}}}}}},
                               {"a", {{"b", "page b"}}}};
  const std::string ours = set.render_page("record", page, set.shared(shared));

  kainjow::mustache::mustache stock(record);
  kainjow::mustache::data shared_data = to_mustache(shared), page_data = to_mustache(page);
  kainjow::mustache::data t = to_mustache(nlohmann::json{{"t", set.strings().view()}});
  kainjow::mustache::context<std::string> stack(&t);
  stack.push(&shared_data);
  stack.push(&page_data);
  const std::string theirs = "<main>" + stock.render(stack) + "</main>";
  CHECK(ours == theirs);
  CHECK(ours.find("Shared|") == 6);
  CHECK(ours.find("|page b/inner c/outer x|Ana|") != std::string::npos);
}

TEST_CASE("an unknown partial and a partial that includes itself are template errors", "[render]") {
  MemoryFileSystem files = templates("{{> _missing}} {{> _loop}}", {{"_loop", "x{{> _loop}}"}});
  Diagnostics diagnostics;
  TemplateSet::load(files, "t", diagnostics);
  const std::string text = formatted(diagnostics);
  CHECK(text.find("t/record.mustache: error: unknown partial '_missing'") != std::string::npos);
  CHECK(text.find("t/record.mustache: error: partial '_loop' includes itself") != std::string::npos);
}

TEST_CASE("links to files that arrive after the page are accepted; others are still broken", "[links]") {
  LinkChecker links({"index.html", "themes/a.html"}, "site");
  links.check_page("themes/a.html",
                   "<a href=\"../index.html\">home</a> <script src=\"../search/index.js\"></script>"
                   " <a href=\"../search/missing.js\">x</a> <a href=\"../index.html#top\">top</a>"
                   " <a href=\"#here\">here</a> <a href=\"#gone\">gone</a> <h2 id=\"here\">Here</h2>");
  links.check_page("index.html", "<p id=\"top\">top</p>");
  links.add_paths({"search/index.js"});
  const std::string text = formatted(links.finish());
  CHECK(text.find("search/index.js") == std::string::npos);
  CHECK(text.find("site/themes/a.html: error: broken link '../search/missing.js': no such file in the site") !=
        std::string::npos);
  CHECK(text.find("broken link '#gone': no element with id 'gone'") != std::string::npos);
  CHECK(text.find("#here") == std::string::npos);
  CHECK(text.find("#top") == std::string::npos);
}

TEST_CASE("checking a page again replaces what was found on it", "[links]") {
  LinkChecker links({"index.html"}, "site");
  links.check_page("index.html", "<a href=\"nowhere.html\">x</a>");
  links.check_page("index.html", "<a href=\"index.html\">x</a>");
  CHECK(formatted(links.finish()).empty());
}

TEST_CASE("the pages linked into with a #fragment but not checked are named, for a build that keeps pages",
          "[links]") {
  LinkChecker links({"index.html", "a.html", "b.html", "c.html"}, "site");
  links.check_page("index.html",
                   "<a href=\"a.html#x\">a</a> <a href=\"b.html#y\">b</a> <a href=\"c.html\">c</a>");
  CHECK(links.unchecked_targets() == std::set<std::string>{"a.html", "b.html"});
  links.check_page("a.html", "<p id=\"x\">x</p>");
  CHECK(links.unchecked_targets() == std::set<std::string>{"b.html"});
  links.check_page("b.html", "<p id=\"z\">z</p>");
  CHECK(links.unchecked_targets().empty());
  CHECK(formatted(links.finish()).find("broken link 'b.html#y': no element with id 'y'") != std::string::npos);
  CHECK(LinkChecker::ids_in("<h2 id=\"b\">B</h2><p id=\"a\">A</p><a href=\"#c\">c</a>") ==
        std::vector<std::string>{"a", "b"});
}

TEST_CASE("a kept file is the previous site's, linked; a build with no previous site keeps nothing",
          "[output]") {
  TempDir dir;
  const std::string out = (dir.path() / "site").string();
  {
    SiteWriter first(out);
    CHECK_FALSE(first.previous("a.html"));
    first.put("a.html", "first a");
    first.put("b.html", "first b");
    Diagnostics diagnostics;
    REQUIRE(first.commit(diagnostics));
  }
  struct stat before {};
  REQUIRE(::stat((dir.path() / "site/a.html").c_str(), &before) == 0);
  SiteWriter second(out);
  CHECK(second.previous("a.html") == std::optional<std::string>("first a"));
  CHECK_FALSE(second.previous("../outside.html"));
  second.keep("a.html");
  second.put("b.html", "second b");
  Diagnostics diagnostics;
  REQUIRE(second.commit(diagnostics));
  CHECK(second.unchanged_count() == 1);
  struct stat after {};
  REQUIRE(::stat((dir.path() / "site/a.html").c_str(), &after) == 0);
  CHECK(after.st_ino == before.st_ino);
  CHECK(read_file(dir.path() / "site/a.html") == "first a");
  CHECK(read_file(dir.path() / "site/b.html") == "second b");
}

TEST_CASE("the writer's queue holds back rendering, not files: every file arrives whole", "[output]") {
  TempDir dir;
  const std::string out = (dir.path() / "site").string();
  {
    SiteWriter writer(out);
    // More than the writer lets wait in memory, so put() has to block.
    const std::string big(3 << 20, 'x');
    for (int i = 0; i < 40; ++i) writer.put("pages/p" + std::to_string(i) + ".html", big + std::to_string(i));
    Diagnostics diagnostics;
    REQUIRE(writer.commit(diagnostics));
    CHECK(writer.file_count() == 41);  // and the marker
  }
  for (int i = 0; i < 40; ++i) {
    const std::string bytes = read_file(fs::path(out) / "pages" / ("p" + std::to_string(i) + ".html"));
    CHECK(bytes.size() == (3u << 20) + std::to_string(i).size());
    CHECK(bytes.substr(3 << 20) == std::to_string(i));
  }
  CHECK(fs::exists(fs::path(out) / site_marker));
}

TEST_CASE("a writer dropped without commit leaves nothing behind", "[output]") {
  TempDir dir;
  const std::string out = (dir.path() / "site").string();
  {
    SiteWriter writer(out);
    writer.put("index.html", "<p>never published</p>");
  }
  CHECK_FALSE(fs::exists(out));
  CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("a period reads the same on pages, in lists and in catalogue.csv", "[render]") {
  using nlohmann::json;
  CHECK(period_text(json{{"start", 2002}, {"end", 2005}}) == "2002–2005");
  CHECK(period_text(json{{"start", 2012}, {"end", 2012}}) == "2012");
  CHECK(period_text(json{{"start", 2003}}) == "2003–…");
  CHECK(period_text(json{{"end", 2005}}) == "…–2005");
  const FieldSpec period = [] {
    FieldSpec f;
    f.name = "period";
    f.type = FieldType::period;
    return f;
  }();
  CHECK(csv_cell_text(&period, json{{"start", 2012}, {"end", 2012}}) == "2012");
}
