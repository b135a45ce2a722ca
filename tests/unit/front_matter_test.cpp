#include <catch2/catch.hpp>

#include "content/front_matter.h"

using namespace passerelle;

TEST_CASE("front matter and body are split with their line numbers", "[content]") {
  SourceFile file("a.md", "---\ntitle: A\nsummary: B\n---\nBody\n");
  Diagnostics d;
  auto fm = split_front_matter(file, d);
  REQUIRE(fm);
  CHECK(fm->yaml == "title: A\nsummary: B\n");
  CHECK(fm->yaml_line == 2);
  CHECK(fm->body == "Body\n");
  CHECK(fm->body_line == 5);
  CHECK(d.items().empty());
}

TEST_CASE("front matter may close with '...' and use CRLF", "[content]") {
  SourceFile file("a.md", "---\r\ntitle: A\r\n...\r\nBody\r\n");
  Diagnostics d;
  auto fm = split_front_matter(file, d);
  REQUIRE(fm);
  CHECK(fm->body == "Body\r\n");
  CHECK(fm->body_line == 4);
}

TEST_CASE("missing and unterminated front matter are reported at line 1", "[content]") {
  Diagnostics d;
  CHECK_FALSE(split_front_matter(SourceFile("a.md", "title: A\n"), d));
  CHECK_FALSE(split_front_matter(SourceFile("b.md", "---\ntitle: A\n"), d));
  CHECK_FALSE(split_front_matter(SourceFile("c.md", ""), d));
  REQUIRE(d.items().size() == 3);
  CHECK(d.items()[0].message == "missing front matter");
  CHECK(d.items()[1].message == "unterminated front matter");
  CHECK(d.items()[1].line == 1);
}

TEST_CASE("invalid UTF-8 is found at its byte", "[content]") {
  CHECK_FALSE(find_invalid_utf8("plain ascii"));
  CHECK_FALSE(find_invalid_utf8("Migrações, Liège, Östersund"));
  CHECK(find_invalid_utf8("ab\xC3\x28") == 2u);
  CHECK(find_invalid_utf8("\xFF") == 0u);
  CHECK(find_invalid_utf8("ok \xE2\x82") == 3u);  // truncated sequence
  // Past runs of ASCII longer than a machine word, and at their very end.
  CHECK(find_invalid_utf8("seventeen letters\xFF and more text") == 17u);
  CHECK(find_invalid_utf8("eight ch\xFF") == 8u);
  CHECK(find_invalid_utf8("twelve bytes migração text \xC3") == 29u);
}

TEST_CASE("source positions map offsets to lines and columns", "[content]") {
  SourceFile file("a.md", "one\ntwo\r\nthree");
  CHECK(file.line(2) == "two");
  CHECK(file.line(3) == "three");
  CHECK(file.line(4).empty());
  CHECK(file.position(5) == std::pair<int, int>{2, 2});
}
