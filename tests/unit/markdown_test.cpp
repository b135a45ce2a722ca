#include <catch2/catch.hpp>

#include <algorithm>

#include "markdown/markdown.h"

using namespace passerelle;

namespace {

Record record(const std::string& body) {
  Record r;
  r.collection = "dps";
  r.id = "espere";
  const std::string front = "---\ntitle: x\n---\n\n";
  r.source = std::make_shared<SourceFile>("content/dps/espere.md", front + body);
  r.body = std::string_view(r.source->text()).substr(front.size());
  r.body_line = 5;
  return r;
}

const std::set<std::string> keys = {"dps/espere", "dps/lucidite", "organisations/adecco"};

}  // namespace

TEST_CASE("links to record files become links to their pages", "[markdown]") {
  Diagnostics d;
  std::string html = render_markdown(
      record("[L](lucidite.md) [A](../organisations/adecco.md#x) [W](https://example.org) [M](mailto:a@b.c)"),
      keys, d);
  CHECK(d.items().empty());
  CHECK(html.find("href=\"lucidite.html\"") != std::string::npos);
  CHECK(html.find("href=\"../organisations/adecco.html#x\"") != std::string::npos);
  CHECK(html.find("href=\"https://example.org\"") != std::string::npos);
}

TEST_CASE("a link to a missing record is an error at its line in the file", "[markdown]") {
  Diagnostics d;
  render_markdown(record("Intro.\n\nSee [gone](../dps/gone.md)."), keys, d);
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].line == 7);
  CHECK(d.items()[0].column == 5);
  CHECK(d.items()[0].message == "link to a record file that does not exist: '../dps/gone.md'");
}

TEST_CASE("a misspelt record link is offered the record's file as the body would link to it", "[markdown]") {
  Diagnostics d;
  render_markdown(record("[L](lucidit.md) [A](../organisations/adeco.md) [N](nothing-like-it.md)"), keys, d);
  REQUIRE(d.items().size() == 3);
  CHECK(d.items()[0].hint == "did you mean 'lucidite.md'?");
  CHECK(d.items()[1].hint == "did you mean '../organisations/adecco.md'?");
  // Nothing close: how a record is linked to.
  CHECK(d.items()[2].hint == "link to another record by its file, relative to this one, e.g. ../dps/espere.md");
}

TEST_CASE("raw HTML and script URLs never reach the page", "[markdown]") {
  Diagnostics d;
  std::string html = render_markdown(record("<script>alert(1)</script>\n\n<b onclick=\"x()\">b</b> "
                                            "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(2))"),
                                     keys, d);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("onclick") == std::string::npos);
  CHECK(html.find("javascript:") == std::string::npos);
  CHECK(html.find("JaVaScRiPt:") == std::string::npos);
  CHECK(d.error_count() == 2);
}

TEST_CASE("GFM tables, autolinks and strikethrough; headings shift below the page title", "[markdown]") {
  Diagnostics d;
  std::string html =
      render_markdown(record("# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nwww.example.org ~~old~~"), keys, d);
  CHECK(html.find("<h2 id=\"title\">Title</h2>") != std::string::npos);
  CHECK(html.find("<table>") != std::string::npos);
  CHECK(html.find("<a href=\"http://www.example.org\">") != std::string::npos);
  CHECK(html.find("<del>old</del>") != std::string::npos);
}

TEST_CASE("the plain text for search comes from the same syntax tree", "[markdown]") {
  auto text_of = [](const std::string& body) {
    Diagnostics d;
    std::string text;
    render_markdown(record(body), keys, d, &text);
    return text;
  };
  // Blocks, soft and hard breaks become single spaces; link text stays, targets go.
  CHECK(text_of("Wrapped\nlines   join\n\n# A heading\n\nSee [L](lucidite.md) and [W](https://example.org).") ==
        "Wrapped lines   join A heading See L and W.");
  CHECK(text_of("- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |") == "one two a b 1 2");
  // Code is searched, tags are not (the text between them shows on the page).
  CHECK(text_of("Run `make site`.\n\n    indented code\n\n<b>bold</b> <script>x()</script>") ==
        "Run make site. indented code bold x()");
  CHECK(text_of("![a map](map.png) ~~old~~ *new* www.example.org") == "a map old new www.example.org");
  CHECK(text_of("") == "");
}

TEST_CASE("headings get anchors from their text, once each", "[markdown]") {
  CHECK(heading_anchor("Products and results") == "products-and-results");
  CHECK(heading_anchor("What's next? (2005–2007)") == "whats-next-20052007");
  CHECK(heading_anchor("Économie sociale") == "économie-sociale");
  CHECK(heading_anchor("!!!") == "section");
  Diagnostics d;
  std::string html = render_markdown(record("# Round\n\ntext\n\n## Round\n\n### A `code` title"), keys, d);
  CHECK(d.items().empty());
  CHECK(html.find("<h2 id=\"round\">Round</h2>") != std::string::npos);
  CHECK(html.find("<h3 id=\"round-1\">Round</h3>") != std::string::npos);
  CHECK(html.find("<h3 id=\"a-code-title\">") != std::string::npos);
}

TEST_CASE("with the site's files known, every link of a body is checked at its line", "[markdown]") {
  LinkTargets targets;
  targets.files = {"dps/espere.html", "themes/training.html", "media/kitchen.gif"};
  targets.record_page_ids = {"main"};
  Diagnostics d;
  RenderedBody body = render_body(
      record(
          "## Results\n\n[r](#results) [m](#main) [t](../themes/training.html) ![K](../media/kitchen.gif)\n\n"
          "[x](#nowhere) [p](../themes/trainng.html) ![](../media/kitchen.gif) ![O](../media/oven.jpg)\n\n"
          "[anchor](lucidite.md#products) [page](../dps/espere.html#intro)"),
      keys, &targets, d);
  std::vector<std::string> messages;
  for (const auto& item : d.items()) messages.push_back(std::to_string(item.line) + ":" + item.message);
  std::sort(messages.begin(), messages.end());
  CHECK(messages == std::vector<std::string>{
                        "9:image without a description",
                        "9:link to a file that is not in the site: '../media/oven.jpg'",
                        "9:link to a page that is not in the site: '../themes/trainng.html'",
                        "9:link to an anchor that is not on the page: '#nowhere'",
                    });
  CHECK(body.anchors == std::vector<std::string>{"results"});
  REQUIRE(body.links_to_anchors.size() == 2);
  CHECK(body.links_to_anchors[0].target == "dps/lucidite");
  CHECK(body.links_to_anchors[0].anchor == "products");
  CHECK(body.links_to_anchors[1].target == "dps/espere");
  CHECK(body.links_to_anchors[1].line == 11);
}
