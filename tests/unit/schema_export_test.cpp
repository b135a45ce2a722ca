// JSON Schemas of the front matter (`passerelle schema`): what an editor's
// YAML language server completes and checks.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "catalogue/schema.h"
#include "catalogue/vocabulary.h"
#include "schema_export/json_schema.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;
namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

struct Loaded {
  MemoryFileSystem files = fixture();
  Diagnostics diagnostics;
  Schema schema = load_schema(files, "content", diagnostics);
  Vocabularies vocabularies = load_vocabularies(files, "content", schema.taxonomies, diagnostics);
  ordered_json of(const std::string& collection) const {
    return front_matter_schema(schema, *schema.collection(collection), vocabularies);
  }
};

}  // namespace

TEST_CASE("the JSON Schema of dps lists its fields with their types", "[schema]") {
  Loaded loaded;
  REQUIRE_FALSE(loaded.diagnostics.has_errors());
  const ordered_json dps = loaded.of("dps");
  CHECK(dps["$schema"] == "http://json-schema.org/draft-07/schema#");
  CHECK(dps["type"] == "object");
  CHECK(dps["additionalProperties"] == false);
  CHECK(dps["required"] == ordered_json::array({"title"}));
  const ordered_json& properties = dps["properties"];
  // Common fields first, then the collection's, in the schema's order.
  std::vector<std::string> names;
  for (const auto& [name, value] : properties.items()) names.push_back(name);
  CHECK(names == std::vector<std::string>{"title", "summary", "countries", "themes", "actors", "period",
                                          "related", "sources", "aliases", "code", "round", "lead", "products",
                                          "website"});
  CHECK(properties["code"]["title"] == "DP code");
  CHECK(properties["round"]["type"] == "integer");
  CHECK(properties["lead"]["pattern"] == "^(organisations)/[a-z0-9]+(-[a-z0-9]+)*$");
  CHECK(properties["related"]["items"]["pattern"] ==
        "^(dps|organisations|recommendations)/[a-z0-9]+(-[a-z0-9]+)*$");
  CHECK(properties["countries"]["items"]["enum"] == ordered_json::array({"FR", "PT", "GB"}));
  CHECK(properties["countries"]["items"]["enumDescriptions"] ==
        ordered_json::array({"France", "Portugal", "United Kingdom"}));
  CHECK(properties["period"]["properties"]["start"]["minimum"] == 1000);
  CHECK(properties["aliases"]["items"]["pattern"] == "^[a-z0-9]+(-[a-z0-9]+)*$");
  CHECK(properties["products"]["items"]["properties"]["validated"]["type"] == "boolean");
  CHECK(properties["products"]["items"]["additionalProperties"] == false);
  CHECK(properties["website"]["pattern"] == "^(https?://|mailto:)[^ \\t\"<>]+$");
  CHECK(loaded.of("recommendations")["properties"]["audience"]["enum"] ==
        ordered_json::array({"general", "enterprises", "trade-unions"}));
}

TEST_CASE("the fixture's records fit their JSON Schema", "[schema]") {
  // Not a full JSON Schema validator: every field a valid record uses is a
  // property, and every reference matches its pattern.
  Loaded loaded;
  for (const char* path :
       {"content/dps/espere.md", "content/organisations/adecco.md", "content/recommendations/rec-01.md"}) {
    const std::string collection = std::string(path).substr(8, std::string(path).find('/', 8) - 8);
    const ordered_json schema = loaded.of(collection);
    const std::string text = *loaded.files.read(path);
    const std::string yaml = text.substr(4, text.find("\n---", 4) - 4);
    std::regex key(R"(^([a-z_]+):)", std::regex::multiline);
    for (auto it = std::sregex_iterator(yaml.begin(), yaml.end(), key); it != std::sregex_iterator(); ++it) {
      INFO(path << ": " << (*it)[1]);
      CHECK(schema["properties"].contains((*it)[1].str()));
    }
  }
  const std::regex lead(loaded.of("dps")["properties"]["lead"]["pattern"].get<std::string>());
  CHECK(std::regex_match("organisations/adecco", lead));
  CHECK_FALSE(std::regex_match("dps/espere", lead));
  CHECK_FALSE(std::regex_match("organisations/Adecco", lead));
}

TEST_CASE("passerelle schema writes one file per collection", "[schema][e2e]") {
  TempDir dir;
  CommandResult result = run(binary + " schema --content " + source_dir + "/tests/fixtures/base --out " +
                             (dir.path() / "schema").string());
  INFO(result.output);
  REQUIRE(result.status == 0);
  for (const char* name : {"dps", "organisations", "recommendations"}) {
    const fs::path file = dir.path() / "schema" / (std::string(name) + ".schema.json");
    REQUIRE(fs::exists(file));
    const ordered_json parsed = ordered_json::parse(read_file(file));
    CHECK(parsed["$id"] == std::string(name) + ".schema.json");
  }
  CommandResult broken = run(binary + " schema --content " + dir.str() + " --out " + dir.str() + "/x");
  CHECK(broken.status == 1);
  CHECK(broken.output.find("cannot read the schema") != std::string::npos);
}
