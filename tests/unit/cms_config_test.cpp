// The form editor (issue 21): catalogue.yaml's `cms:`, the config.yml
// generated from the schema for Sveltia CMS, and the files a build adds
// under admin/. The configs of the shipped catalogue and of every fixture
// catalogue are compared with their schemas field by field, through an
// expectation written here from the schema's types, not from the generator.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <set>

#include "cms/cms_config.h"
#include "pipeline/stages.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;

namespace {

void add_setting(MemoryFileSystem& files, const std::string& line) {
  files.add("content/catalogue.yaml", *files.read("content/catalogue.yaml") + line + "\n");
}

// The widget a field of `type` must have; lists are checked apart.
std::string expected_widget(const FieldSpec& spec) {
  switch (spec.type) {
    case FieldType::string:
    case FieldType::url:
    case FieldType::fraction:
    case FieldType::former_id: return "string";
    case FieldType::text: return "text";
    case FieldType::integer:
    case FieldType::year: return "number";
    case FieldType::boolean: return "boolean";
    case FieldType::enumeration:
    case FieldType::term: return "select";
    case FieldType::reference: return spec.collection.empty() ? "string" : "relation";
    case FieldType::list:
    case FieldType::object:
    case FieldType::period:
    case FieldType::citation: return "list or object";
  }
  return "?";
}

// value → label of a select's options, in order.
std::vector<std::pair<std::string, std::string>> options_of(const YAML::Node& field) {
  std::vector<std::pair<std::string, std::string>> options;
  for (const auto& option : field["options"])
    options.emplace_back(option["value"].as<std::string>(), option["label"].as<std::string>());
  return options;
}

// Checks one generated field against its spec; `multiple`: the spec is a
// list's item that the field shows as a select or relation of several.
void check_field(const YAML::Node& field, const FieldSpec& spec, const CatalogueSettings& settings,
                 bool multiple = false) {
  INFO("field " << spec.name);
  const std::string widget = field["widget"].as<std::string>();
  if (spec.type == FieldType::list) {
    const FieldSpec& item = *spec.items;
    if (expected_widget(item) == "select" || expected_widget(item) == "relation") {
      check_field(field, item, settings, true);
    } else if (item.type == FieldType::object) {
      CHECK(widget == "list");
      REQUIRE(field["fields"].size() == item.fields.size());
      for (size_t i = 0; i < item.fields.size(); ++i) check_field(field["fields"][i], item.fields[i], settings);
    } else if (item.type == FieldType::citation || item.type == FieldType::period) {
      CHECK(widget == "list");
      CHECK(field["fields"].IsSequence());
    } else {
      CHECK(widget == "list");
      CHECK(field["field"]["widget"].as<std::string>() == expected_widget(item));
    }
    return;
  }
  CHECK(field["multiple"].IsDefined() == multiple);
  switch (spec.type) {
    case FieldType::object:
      CHECK(widget == "object");
      REQUIRE(field["fields"].size() == spec.fields.size());
      for (size_t i = 0; i < spec.fields.size(); ++i) {
        CHECK(field["fields"][i]["name"].as<std::string>() == spec.fields[i].name);
        check_field(field["fields"][i], spec.fields[i], settings);
      }
      return;
    case FieldType::period: {
      CHECK(widget == "object");
      std::vector<std::string> names;
      for (const auto& f : field["fields"]) {
        names.push_back(f["name"].as<std::string>());
        CHECK(f["value_type"].as<std::string>() == "int");
      }
      CHECK(names == std::vector<std::string>{"start", "end"});
      return;
    }
    case FieldType::citation:
      CHECK(widget == "object");
      CHECK(field["fields"][0]["name"].as<std::string>() == "source");
      return;
    case FieldType::enumeration: {
      CHECK(widget == "select");
      const auto options = options_of(field);
      std::vector<std::string> values;
      for (const auto& [value, label] : options) values.push_back(value);
      CHECK(values == spec.values);
      for (const auto& [value, label] : spec.value_labels)
        CHECK(std::count(options.begin(), options.end(), std::pair(value, label)) == 1);
      return;
    }
    case FieldType::term: {
      CHECK(widget == "select");
      std::vector<std::pair<std::string, std::string>> expected;
      for (const auto& term : settings.vocabularies.at(spec.taxonomy).terms)
        expected.emplace_back(term.id, term.label(settings.config.language));
      CHECK_FALSE(expected.empty());
      CHECK(options_of(field) == expected);
      return;
    }
    case FieldType::reference:
      CHECK(widget == expected_widget(spec));
      if (!spec.collection.empty()) {
        CHECK(field["collection"].as<std::string>() == spec.collection);
        CHECK(field["value_field"].as<std::string>() == spec.collection + "/{{slug}}");
        CHECK(field["search_fields"][0].as<std::string>() == "title");
      }
      return;
    default:
      CHECK(widget == expected_widget(spec));
      if (spec.type == FieldType::integer || spec.type == FieldType::year)
        CHECK(field["value_type"].as<std::string>() == "int");
  }
}

// Every collection of the catalogue at `dir` of `files`, every field, in the config.
void check_catalogue(const FileSystem& files, const std::string& dir) {
  INFO("catalogue " << dir);
  Diagnostics diagnostics;
  CatalogueSettings settings = load_settings(files, dir, diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  settings.config.cms.enabled = true;
  settings.config.cms.repo = "network/catalogue";
  const YAML::Node config =
      YAML::Load(cms_config_yaml(settings.config, settings.schema, settings.vocabularies));
  CHECK(config["backend"]["name"].as<std::string>() == "github");
  CHECK(config["backend"]["repo"].as<std::string>() == "network/catalogue");
  const YAML::Node collections = config["collections"];
  REQUIRE(collections.size() == settings.schema.collections.size());
  for (size_t c = 0; c < collections.size(); ++c) {
    const Collection& collection = settings.schema.collections[c];
    const YAML::Node generated = collections[c];
    INFO("collection " << collection.id);
    CHECK(generated["name"].as<std::string>() == collection.id);
    CHECK(generated["folder"].as<std::string>() == "content/" + collection.id);
    CHECK(generated["extension"].as<std::string>() == "md");
    CHECK(generated["format"].as<std::string>() == "frontmatter");
    CHECK(generated["create"].as<bool>());
    const std::vector<std::string> names = settings.schema.field_names(collection);
    const YAML::Node fields = generated["fields"];
    REQUIRE(fields.size() == names.size() + 1);
    for (size_t f = 0; f < names.size(); ++f) {
      const FieldSpec& spec = *settings.schema.field(collection, names[f]);
      CHECK(fields[f]["name"].as<std::string>() == spec.name);
      CHECK(fields[f]["label"].as<std::string>() ==
            (spec.label.empty() ? fields[f]["label"].as<std::string>() : spec.label));
      CHECK(fields[f]["required"].as<bool>() == spec.required);
      CHECK(fields[f]["hint"].as<std::string>("") == spec.help);
      check_field(fields[f], spec, settings);
    }
    CHECK(fields[names.size()]["name"].as<std::string>() == "body");
    CHECK(fields[names.size()]["widget"].as<std::string>() == "markdown");
  }
}

// Stand-ins for the editor's files, where the build looks for them.
void add_editor(MemoryFileSystem& files) {
  for (const CmsAsset& asset : kCmsAssets)
    files.add(join_path(default_cms_modules(), asset.module_path),
              std::string("/* ") + asset.site_path + " */");
}

}  // namespace

TEST_CASE("the shipped catalogue's form editor config matches its schema", "[cms]") {
  check_catalogue(DiskFileSystem(), source_dir + "/content");
}

TEST_CASE("every fixture catalogue's form editor config matches its schema", "[cms]") {
  for (const char* dir : {"base", "benchmarks", "browser"})
    check_catalogue(DiskFileSystem(), source_dir + "/tests/fixtures/" + dir);
  // Schemas and vocabularies laid over the base catalogue.
  for (const char* overlay : {"taxonomies/two", "taxonomies/four"}) {
    INFO("overlay " << overlay);
    check_catalogue(fixture(source_dir + "/tests/fixtures/" + overlay), "content");
  }
}

TEST_CASE("the form editor config follows schema.yaml", "[cms]") {
  MemoryFileSystem files = fixture();
  add_setting(files, "cms: {backend: gitlab, repo: network/catalogue, branch: live, folder: catalogue}");
  add_editor(files);
  const std::string before = built_site(files).at("admin/config.yml");
  CHECK(before.find("branch: live") != std::string::npos);
  CHECK(before.find("folder: catalogue/dps") != std::string::npos);
  CHECK(before.find("budget") == std::string::npos);

  const std::string schema = *files.read("content/schema.yaml");
  const std::string anchor = "  dps:\n";
  const std::string added =
      "      budget: {type: integer, label: Budget in euros, help: as the source gives it}\n";
  const size_t at = schema.find("fields:\n", schema.find(anchor));
  REQUIRE(at != std::string::npos);
  files.add("content/schema.yaml", schema.substr(0, at + 8) + added + schema.substr(at + 8));
  const YAML::Node after = YAML::Load(built_site(files).at("admin/config.yml"));
  bool found = false;
  for (const auto& collection : after["collections"]) {
    if (collection["name"].as<std::string>() != "dps") continue;
    for (const auto& field : collection["fields"]) {
      if (field["name"].as<std::string>() != "budget") continue;
      found = true;
      CHECK(field["widget"].as<std::string>() == "number");
      CHECK(field["label"].as<std::string>() == "Budget in euros");
      CHECK(field["hint"].as<std::string>() == "as the source gives it");
    }
  }
  CHECK(found);
}

TEST_CASE("a build with cms: writes the editor's page, config, script and fonts under admin/", "[cms]") {
  MemoryFileSystem files = fixture();
  CHECK_FALSE(built_site(files).contains("admin/config.yml"));  // off by default

  add_setting(files, "cms: {repo: network/catalogue}");
  add_editor(files);
  const SiteFiles site = built_site(files);
  CHECK(site.at("admin/sveltia-cms.js") == "/* sveltia-cms.js */");
  CHECK(site.at("admin/fonts/material-symbols-outlined.woff2") ==
        "/* fonts/material-symbols-outlined.woff2 */");
  CHECK(site.at("admin/fonts.css").find("url(fonts/material-symbols-outlined.woff2)") != std::string::npos);
  const std::string& page = site.at("admin/index.html");
  CHECK(page.find("<script src=\"sveltia-cms.js\"></script>") != std::string::npos);
  CHECK(page.find("script-src 'self';") != std::string::npos);
  CHECK(page.find("connect-src 'self' data: blob: https://api.github.com;") != std::string::npos);
  CHECK(page.find("unsafe-eval") == std::string::npos);
}

TEST_CASE("a build with cms: and no editor installed fails and says how to install it", "[cms]") {
  MemoryFileSystem files = fixture();
  add_setting(files, "cms: {repo: network/catalogue}");
  const SiteBuild result = build(files);
  CHECK(formatted(result.diagnostics)
            .find("sveltia-cms.js: error: a file of the form editor is missing "
                  "(catalogue.yaml has 'cms:')\n  hint: install the editor with "
                  "'make cms'") != std::string::npos);
}

TEST_CASE("mistakes in cms: are reported where they are", "[cms]") {
  MemoryFileSystem files = fixture();
  add_setting(files, "cms: {backend: githb, repo: catalogue, brnch: main}");
  Diagnostics diagnostics;
  load_catalogue_config(files, "content", diagnostics);
  CHECK(formatted(diagnostics) ==
        "content/catalogue.yaml:4:16: error: unknown cms backend 'githb'\n"
        "  4 | cms: {backend: githb, repo: catalogue, brnch: main}\n"
        "    |                ^\n"
        "  hint: did you mean 'github'?\n"
        "content/catalogue.yaml:4:29: error: the cms's repo must be written owner/name\n"
        "  4 | cms: {backend: githb, repo: catalogue, brnch: main}\n"
        "    |                             ^\n"
        "  hint: for example 'repo: my-network/catalogue'\n"
        "content/catalogue.yaml:4:40: error: unknown key 'brnch' in 'cms'\n"
        "  4 | cms: {backend: githb, repo: catalogue, brnch: main}\n"
        "    |                                        ^\n"
        "  hint: did you mean 'branch'?\n");
}
