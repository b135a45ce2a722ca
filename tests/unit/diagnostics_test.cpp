#include <catch2/catch.hpp>

#include "diagnostics/diagnostic.h"
#include "diagnostics/edit_distance.h"

using namespace passerelle;

TEST_CASE("a diagnostic prints like a compiler's, with the line and a caret", "[diagnostics]") {
  Diagnostic d{"content/dps/espere.md", 7, 12, Severity::error, "unknown country 'PR'", "did you mean 'PT'?",
               "countries: [PR, FR]"};
  CHECK(format(d) ==
        "content/dps/espere.md:7:12: error: unknown country 'PR'\n"
        "  7 | countries: [PR, FR]\n"
        "    |            ^\n"
        "  hint: did you mean 'PT'?\n");
}

TEST_CASE("a diagnostic about a whole file has no position", "[diagnostics]") {
  Diagnostic d{"content/dps/notes.txt", 0, 0, Severity::warning, "not a record; skipped", "", ""};
  CHECK(format(d) == "content/dps/notes.txt: warning: not a record; skipped\n");
}

TEST_CASE("tabs in the source line keep the caret aligned", "[diagnostics]") {
  Diagnostic d{"a.md", 3, 3, Severity::error, "bad", "", "\tx: y"};
  CHECK(format(d) == "a.md:3:3: error: bad\n  3 |  x: y\n    |   ^\n");
}

TEST_CASE("long source lines are cut around the column", "[diagnostics]") {
  std::string line = std::string(300, 'a') + "X" + std::string(300, 'b');
  Diagnostic d{"a.md", 1, 301, Severity::error, "here", "", line};
  std::string text = format(d);
  // "…" is one column: the caret stays under the X.
  CHECK(text.find("  1 | …" + std::string(50, 'a') + "X") != std::string::npos);
  CHECK(text.find("\n    | " + std::string(51, ' ') + "^\n") != std::string::npos);
  CHECK(text.size() < 400);
}

TEST_CASE("GitHub annotations escape what workflow commands treat specially", "[diagnostics]") {
  Diagnostic d{"content/a,b.md", 2, 5, Severity::error, "50% done\nnext", "did you mean 'x'?", ""};
  CHECK(format_github(d) ==
        "::error file=content/a%2Cb.md,line=2,col=5::50%25 done%0Anext (did you mean 'x'?)\n");
}

TEST_CASE("diagnostics sort by file and position and drop exact repeats", "[diagnostics]") {
  Diagnostics all;
  all.error("b.md", 1, 1, "second");
  all.error("a.md", 9, 1, "first");
  all.warning("b.md", 1, 1, "second");
  all.error("b.md", 1, 1, "second");
  all.sort();
  REQUIRE(all.items().size() == 3);
  CHECK(all.items()[0].path == "a.md");
  CHECK(all.error_count() == 2);
  CHECK(all.warning_count() == 1);
}

TEST_CASE("edit distance and the closest suggestion", "[diagnostics]") {
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("Countries", "countries") == 0);
  CHECK(did_you_mean("contries", {"countries", "themes", "actors"}) == "did you mean 'countries'?");
  CHECK(did_you_mean("xyz", {"countries", "themes"}).empty());
  // Equally close: all that share the first letter, the one whose differing
  // key is next to the typed one first; never one hidden behind another.
  CHECK(did_you_mean("PR", {"HR", "PL", "PT"}) == "did you mean 'PT' or 'PL'?");
  CHECK(did_you_mean("PO", {"FR", "PL", "PT", "RO"}) == "did you mean 'PL' or 'PT'?");
  // A swap of neighbouring letters is one edit; singular and plural match.
  CHECK(edit_distance("lable", "label") == 1);
  CHECK(did_you_mean("lable", {"id", "label", "description"}) == "did you mean 'label'?");
  CHECK(did_you_mean("country", {"title", "countries", "themes"}) == "did you mean 'countries'?");
  CHECK(did_you_mean("actor", {"actors", "related"}) == "did you mean 'actors'?");
}

TEST_CASE("a column past the end of a long line still shows the line's end, read within it", "[diagnostics]") {
  // Found by the markdown_links fuzzer: cmark counts columns in its own copy of
  // the text, where a NUL byte became U+FFFD (three bytes), so a link's column
  // can lie past the end of the line in the file.
  Diagnostic d{"a.md", 1, 300, Severity::error, "bad", "", std::string(150, 'a')};
  CHECK(format(d) ==
        "a.md:1:300: error: bad\n  1 | …" + std::string(50, 'a') + "\n    | " + std::string(200, ' ') + "^\n");
}
