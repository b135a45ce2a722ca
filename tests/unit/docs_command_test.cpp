// `passerelle docs`: the field reference is generated from the schema, and
// the committed docs/fields.md is what the command makes from content/.
#include <catch2/catch.hpp>

#include "catalogue/catalogue_config.h"
#include "catalogue/schema.h"
#include "catalogue/vocabulary.h"
#include "schema_export/field_docs.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;

TEST_CASE("docs/fields.md is what `passerelle docs` makes from content/", "[docs][e2e]") {
  CommandResult generated = run(binary + " docs --quiet --content " + source_dir + "/content");
  REQUIRE(generated.status == 0);
  INFO("docs/fields.md is out of date: run  build/passerelle docs --out docs/fields.md");
  CHECK(generated.output == read_file(source_dir + "/docs/fields.md"));
}

TEST_CASE("the field reference lists every field and term", "[docs]") {
  MemoryFileSystem files = fixture();
  Diagnostics diagnostics;
  const CatalogueConfig config = load_catalogue_config(files, "content", diagnostics);
  const Schema schema = load_schema(files, "content", diagnostics);
  const Vocabularies vocabularies = load_vocabularies(files, "content", schema.taxonomies, diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  const std::string text = fields_markdown(config, schema, vocabularies);
  for (const char* row :
       {"| `title` | Title | text on one line | yes | the record's name, as the sources give it |",
        "| `related` | Related | list of references &lt;collection&gt;/&lt;id&gt; |  | other records of the "
        "catalogue |",
        "## Development Partnerships (`dps`)",
        "| `lead` | Lead partner | reference to an organisations record (organisations/&lt;id&gt;) |  |  |",
        "| `products[].validated` | validated | true or false |  |  |",
        "| `audience` | audience | one of: general, enterprises, trade-unions |  |  |",
        "### Countries (`vocabularies/countries.yaml`)", "| `FR` | France | fr: France |",
        "| `GB` | United Kingdom |  |"})
    CHECK(text.find(row) != std::string::npos);
}

TEST_CASE("docs writes a file, and reports a broken schema", "[docs][e2e]") {
  TempDir dir;
  const std::string out = dir.str() + "/fields.md";
  CommandResult written = run(binary + " docs --content " + source_dir + "/tests/fixtures/base --out " + out);
  CHECK(written.status == 0);
  CHECK(read_file(out).rfind("# Fields and vocabularies of the catalogue\n", 0) == 0);
  CommandResult broken = run(binary + " docs --content " + dir.str());
  CHECK(broken.status == 1);
}
