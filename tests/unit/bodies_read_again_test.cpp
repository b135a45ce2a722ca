// A build holds no record's body: each record keeps its front matter, and its
// body is read again from its file when its page renders and when the search
// index reads it (content/record.h: release_body(); pipeline/stages.h:
// BodyRenderer). The site must be the one a build holding every body makes.
#include <catch2/catch.hpp>

#include "markdown/markdown.h"
#include "pipeline/stages.h"
#include "test_support.h"
#include "validation/record_loader.h"

using namespace passerelle;
using namespace passerelle::testing;

TEST_CASE("a record let go of its body keeps its front matter and reads the body again", "[bodies]") {
  const MemoryFileSystem files = generated_catalogue(12, 7);
  Diagnostics held_found, released_found;
  const LoadedCatalogue held = load_catalogue(files, Inputs{}, held_found, true);
  const LoadedCatalogue released = load_catalogue(files, Inputs{}, released_found, false);
  REQUIRE_FALSE(held_found.has_errors());
  CHECK(formatted(held_found) == formatted(released_found));
  REQUIRE(held.records.size() == released.records.size());
  REQUIRE(held.records.size() > 12);
  for (size_t i = 0; i < held.records.size(); ++i) {
    const Record& h = held.records[i];
    const Record& r = released.records[i];
    INFO(r.path());
    CHECK(h.body_held);
    CHECK_FALSE(r.body_held);
    CHECK(r.body.empty());
    CHECK(r.fields == h.fields);
    // The front matter only: the text up to where the body starts.
    CHECK(h.source->text().starts_with(r.source->text()));
    CHECK(r.source->text().size() + h.body.size() == h.source->text().size());
    Diagnostics found;
    const auto body = read_body(files, r, found);
    REQUIRE(body);
    CHECK(body->text == h.body);
    CHECK(body->line == h.body_line);
    CHECK(found.items().empty());
    // What search reads of it is what the page's render gives.
    Diagnostics ignored;
    CHECK(record_body_text(files, r) == render_body(h, record_keys(held.records), nullptr, ignored).text);
  }
}

TEST_CASE("a record whose front matter changed during the build is an error, not a wrong page", "[bodies]") {
  MemoryFileSystem files = fixture();
  Diagnostics diagnostics;
  const LoadedCatalogue loaded = load_catalogue(files, Inputs{}, diagnostics, false);
  REQUIRE_FALSE(diagnostics.has_errors());
  const Record& espere = *std::find_if(loaded.records.begin(), loaded.records.end(),
                                       [](const Record& r) { return r.key() == "dps/espere"; });
  const std::string text = *files.read(espere.path());
  files.add(espere.path(), "---\ntitle: Saved again\n---\n" + text.substr(text.find("\n---\n") + 5));
  Diagnostics found;
  CHECK_FALSE(read_body(files, espere, found));
  REQUIRE(found.error_count() == 1);
  CHECK(formatted(found).find("espere.md: error: the file changed while the site was being built") !=
        std::string::npos);

  // A body saved again, the front matter as it was, is read as it now is.
  files.add(espere.path(), espere.source->text() + "Other words.\n");
  Diagnostics none;
  const auto body = read_body(files, espere, none);
  REQUIRE(body);
  CHECK(body->text == "Other words.\n");
  CHECK(none.items().empty());
}

TEST_CASE("a body's errors point at its line in the file when the record does not hold it", "[bodies]") {
  MemoryFileSystem files = fixture();
  const std::string path = "content/dps/espere.md";
  files.add(path, *files.read(path) + "\nA [broken link](../dps/nope.md) and [an anchor](#nowhere).\n");
  const SiteBuild result = build(files);
  const std::string found = formatted(result.diagnostics);
  INFO(found);
  CHECK(result.diagnostics.error_count() == 2);
  // The caret line shows the body's text, read again from the file.
  CHECK(found.find("A [broken link](../dps/nope.md) and [an anchor](#nowhere).") != std::string::npos);
  CHECK(found.find("link to a record file that does not exist: '../dps/nope.md'") != std::string::npos);
  CHECK(found.find("link to an anchor that is not on the page: '#nowhere'") != std::string::npos);
}
