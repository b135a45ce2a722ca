#include <catch2/catch.hpp>

#include "content/yaml_document.h"

using namespace passerelle;

namespace {

YamlDocument parse(const std::string& yaml, int first_line = 1) {
  Diagnostics d;
  auto doc = parse_yaml(SourceFile("a.md", yaml), yaml, first_line, d);
  REQUIRE(d.items().empty());
  REQUIRE(doc);
  return std::move(*doc);
}

}  // namespace

TEST_CASE("YAML nodes keep their kind, text and file position", "[content]") {
  const YamlDocument doc = parse("title: A\nlist: [x, y]\nperiod: {start: 2002}\nnone:\n", 2);
  const YamlNode& root = *doc.root;
  REQUIRE(root.is_map());
  REQUIRE(root.entries().size() == 4);
  CHECK(root.entries()[0].key->scalar() == "title");
  CHECK(root.find("title")->scalar() == "A");
  CHECK(root.find("title")->position().line == 2);
  CHECK(root.find("title")->position().column == 8);
  const YamlNode* list = root.find("list");
  REQUIRE(list->is_list());
  REQUIRE(list->items().size() == 2);
  CHECK(list->items()[1]->scalar() == "y");
  CHECK(list->items()[1]->position().line == 3);
  CHECK(list->items()[1]->position().column == 11);
  CHECK(root.find("period")->find("start")->scalar() == "2002");
  CHECK(root.find("none")->is_null());
  CHECK(root.find("missing") == nullptr);
  CHECK(node_kind(*list) == "a list");
  CHECK(node_kind(*root.find("title")) == "'A'");
}

TEST_CASE("a repeated key stays in the map, so that readers can report it", "[content]") {
  const YamlDocument doc = parse("title: A\ntitle: B\n");
  REQUIRE(doc.root->entries().size() == 2);
  CHECK(doc.root->find("title")->scalar() == "A");
  CHECK(doc.root->entries()[1].value->scalar() == "B");
}

TEST_CASE("an alias is the node it names, not a copy", "[content]") {
  const YamlDocument doc = parse("a: &x [1, 2, 3]\nb: [*x, *x, *x]\n");
  const YamlNode* a = doc.root->find("a");
  const YamlNode* b = doc.root->find("b");
  REQUIRE(b->items().size() == 3);
  for (const YamlNode* item : b->items()) CHECK(item == a);
}

TEST_CASE("an empty text is a null document at its first line", "[content]") {
  const YamlDocument doc = parse("# only a comment\n", 5);
  CHECK(doc.root->is_null());
  CHECK(doc.root->position().line == 5);
}

TEST_CASE("a YAML error names its line in the file", "[content]") {
  const std::string yaml = "title: A\nlist: [x, y\n";
  Diagnostics d;
  CHECK_FALSE(parse_yaml(SourceFile("a.md", "---\n" + yaml + "---\n"), yaml, 2, d));
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].line == 3);
  CHECK(d.items()[0].column == 7);  // the '[' that is not closed
  CHECK(d.items()[0].message == "invalid YAML: a list opened with '[' is not closed");
  CHECK(
      d.items()[0].hint ==
      "close it with ']' on the same line, e.g. countries: [FR, PT]; a text that starts with '[' needs quotes");
}

// yaml-cpp notices a bracket left open where it gives up looking for its
// end, often the next key's line: the error points at the bracket itself,
// the innermost one still open.
TEST_CASE("an unclosed bracket is reported where it opens", "[content]") {
  struct Case {
    std::string yaml;
    int line, column;
    std::string opens;
  };
  for (const Case& c :
       {Case{"title: [Bracket in a title\nsummary: Text.\n", 2, 8,
             "invalid YAML: a list opened with '[' is not closed"},
        Case{"links: {home: a.html\nsummary: Text.\n", 2, 8,
             "invalid YAML: a map opened with '{' is not closed"},
        Case{"nested: [a, [b, c], [d\nnext: x\n", 2, 21, "invalid YAML: a list opened with '[' is not closed"},
        Case{"outer: [a, {b: c}\nnext: x\n", 2, 8, "invalid YAML: a list opened with '[' is not closed"},
        // yaml-cpp gives up before it reports the bracket: "illegal block entry" on the
        // next item, found from the line above
        Case{"sources:\n  - {source: a, section: \"2.1\"\n  - {source: b}\n", 3, 5,
             "invalid YAML: a map opened with '{' is not closed"},
        Case{"list: [\"a]\", 'it''s [', b\nnext: x\n", 2, 7,
             "invalid YAML: a list opened with '[' is not closed"}}) {
    Diagnostics d;
    CHECK_FALSE(parse_yaml(SourceFile("a.md", "---\n" + c.yaml + "---\n"), c.yaml, 2, d));
    REQUIRE(d.items().size() == 1);
    INFO(c.yaml);
    CHECK(d.items()[0].line == c.line);
    CHECK(d.items()[0].column == c.column);
    CHECK(d.items()[0].message == c.opens);
  }
}

TEST_CASE("an alias inside the value it names is refused where it stands", "[content]") {
  const std::string yaml = "title: A\nloop: &a [x, *a]\n";
  Diagnostics d;
  CHECK_FALSE(parse_yaml(SourceFile("a.md", "---\n" + yaml + "---\n"), yaml, 2, d));
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].message == "invalid YAML: an alias stands inside the value it names");
  CHECK(d.items()[0].line == 3);
  CHECK(d.items()[0].column == 14);
}

TEST_CASE("a bracket in plain or quoted text is not taken for an unclosed one", "[content]") {
  for (const std::string yaml :
       {"title: A [draft\nsummary: one: two\n", "title: \"[quoted\"\nsummary: one: two\n",
        "title: A # [comment\nsummary: one: two\n"}) {
    Diagnostics d;
    CHECK_FALSE(parse_yaml(SourceFile("a.md", "---\n" + yaml + "---\n"), yaml, 2, d));
    REQUIRE(d.items().size() == 1);
    INFO(yaml);
    CHECK(d.items()[0].line == 3);
    CHECK(d.items()[0].hint == "text containing ': ' or starting with a special character needs quotes");
  }
}
