// The schema and the vocabularies in another language: schema.fr.yaml
// (catalogue/schema_translation.h) and vocabulary descriptions per language
// (catalogue/vocabulary.h), read, checked at their line, and shown on the
// French site only.
#include <catch2/catch.hpp>

#include <functional>
#include <set>

#include "catalogue/schema.h"
#include "catalogue/schema_translation.h"
#include "catalogue/vocabulary.h"
#include "pipeline/stages.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;

namespace {

// The fixture's schema translated by `yaml`, with what was reported.
struct Translated {
  MemoryFileSystem files = fixture();
  Diagnostics diagnostics;
  Schema schema;

  explicit Translated(const std::string& yaml) {
    files.add("content/schema.fr.yaml", yaml);
    Diagnostics schema_problems;
    const Schema original = load_schema(files, "content", schema_problems);
    REQUIRE(formatted(schema_problems) == "");
    schema = translate_schema(original, files, "content", "fr", diagnostics);
  }
};

MemoryFileSystem bilingual_fixture() {
  MemoryFileSystem files = fixture();
  files.add("content/catalogue.yaml",
            "title: Fixture catalogue\ndescription: A small catalogue for the tests.\nlanguages: [en, fr]\n");
  return files;
}

}  // namespace

TEST_CASE("schema.fr.yaml translates labels, help, inverse labels and enum values at any depth",
          "[languages]") {
  Translated t(
      "collections:\n"
      "  dps:\n"
      "    label: Partenariats de développement\n"
      "    singular: Partenariat de développement\n"
      "    fields:\n"
      "      lead: {label: Chef de file, inverse_label: Chef de file de, help: l'organisation qui le porte}\n"
      "      products: {label: Produits, items: {fields: {title: {label: Titre}}}}\n"
      "  recommendations:\n"
      "    fields:\n"
      "      audience: {label: Destinataires, labels: {trade-unions: Syndicats}}\n"
      "common:\n"
      "  title: {label: Titre}\n"
      "  related: {inverse_label: Voir aussi}\n"
      "taxonomies:\n"
      "  themes: {label: Thèmes, singular: Thème, help: le sujet}\n");
  CHECK(formatted(t.diagnostics) == "");
  const Collection& dps = *t.schema.collection("dps");
  CHECK(dps.label == "Partenariats de développement");
  CHECK(dps.singular == "Partenariat de développement");
  const FieldSpec& lead = *t.schema.field(dps, "lead");
  CHECK(lead.label == "Chef de file");
  CHECK(lead.inverse_label == "Chef de file de");
  CHECK(lead.help == "l'organisation qui le porte");
  CHECK(lead.collection == "organisations");  // what is not a text stays
  CHECK(t.schema.field(dps, "products")->label == "Produits");
  CHECK(t.schema.field(dps, "products")->items->field("title")->label == "Titre");
  CHECK(t.schema.field(dps, "products")->items->field("validated")->label == "validated");
  CHECK(t.schema.field(dps, "round")->label == "Round");  // left out: English
  const FieldSpec& audience = *t.schema.field(*t.schema.collection("recommendations"), "audience");
  CHECK(audience.label == "Destinataires");
  CHECK(audience.value_labels == std::map<std::string, std::string>{{"trade-unions", "Syndicats"}});
  CHECK(audience.values == std::vector<std::string>{"general", "enterprises", "trade-unions"});
  CHECK(t.schema.common.front().label == "Titre");
  CHECK(t.schema.field(dps, "related")->inverse_label == "Voir aussi");
  CHECK(t.schema.field(dps, "related")->label == "Related");
  // A taxonomy names its field on every record.
  CHECK(t.schema.taxonomy("themes")->label == "Thèmes");
  CHECK(t.schema.taxonomy("themes")->singular == "Thème");
  CHECK(t.schema.field(dps, "themes")->label == "Thèmes");
  CHECK(t.schema.field(dps, "themes")->help == "le sujet");
  CHECK(t.schema.field(dps, "countries")->label == "Countries");
}

TEST_CASE("without schema.fr.yaml the schema is unchanged", "[languages]") {
  MemoryFileSystem files = fixture();
  Diagnostics diagnostics;
  const Schema original = load_schema(files, "content", diagnostics);
  const Schema same = translate_schema(original, files, "content", "fr", diagnostics);
  CHECK(formatted(diagnostics) == "");
  CHECK(same.collection("dps")->label == "Development Partnerships");
  CHECK(same.field(*same.collection("dps"), "lead")->label == "Lead partner");
  CHECK(same.taxonomy("countries")->label == "Countries");
}

TEST_CASE("an unknown collection in schema.fr.yaml is an error at its line", "[languages]") {
  Translated t("collections:\n  dp:\n    label: Partenariats\n");
  CHECK(formatted(t.diagnostics) ==
        "content/schema.fr.yaml:2:3: error: unknown collection 'dp': schema.yaml does not declare it\n"
        "  2 |   dp:\n"
        "    |   ^\n"
        "  hint: did you mean 'dps'?\n");
}

TEST_CASE("an unknown field in schema.fr.yaml is an error with the name meant", "[languages]") {
  Translated t(
      "collections:\n"
      "  dps:\n"
      "    fields:\n"
      "      leed: {label: Chef de file}\n"
      "      products: {items: {fields: {titel: {label: Titre}}}}\n");
  CHECK(formatted(t.diagnostics) ==
        "content/schema.fr.yaml:4:7: error: unknown field 'leed': schema.yaml does not declare it\n"
        "  4 |       leed: {label: Chef de file}\n"
        "    |       ^\n"
        "  hint: did you mean 'lead'?\n"
        "content/schema.fr.yaml:5:35: error: unknown field 'titel': schema.yaml does not declare it\n"
        "  5 |       products: {items: {fields: {titel: {label: Titre}}}}\n"
        "    |                                   ^\n"
        "  hint: did you mean 'title'?\n");
}

TEST_CASE("a key of schema.fr.yaml that is not a text is an error: only labels are translated", "[languages]") {
  Translated t(
      "collections:\n"
      "  dps:\n"
      "    sort: [title]\n"
      "    fields:\n"
      "      round: {label: Appel, type: string}\n"
      "  recommendations:\n"
      "    fields:\n"
      "      audience: {values: [général]}\n");
  CHECK(formatted(t.diagnostics) ==
        "content/schema.fr.yaml:3:5: error: 'sort' of collection 'dps' is not translated: only labels are "
        "translated here\n"
        "  3 |     sort: [title]\n"
        "    |     ^\n"
        "  hint: schema.yaml alone gives it; remove it from this file\n"
        "content/schema.fr.yaml:5:29: error: 'type' of field 'round' is not translated: only labels are "
        "translated here\n"
        "  5 |       round: {label: Appel, type: string}\n"
        "    |                             ^\n"
        "  hint: schema.yaml alone gives it; remove it from this file\n"
        "content/schema.fr.yaml:8:18: error: 'values' of field 'audience' is not translated: only labels are "
        "translated here\n"
        "  8 |       audience: {values: [général]}\n"
        "    |                  ^\n"
        "  hint: schema.yaml alone gives it; remove it from this file\n");
  CHECK(t.schema.field(*t.schema.collection("dps"), "round")->label == "Appel");
  CHECK(t.schema.field(*t.schema.collection("dps"), "round")->type == FieldType::integer);
}

TEST_CASE("a text of schema.fr.yaml given as a list or map, or an unknown enum value, is an error",
          "[languages]") {
  Translated t(
      "collections:\n"
      "  dps:\n"
      "    label: [Partenariats]\n"
      "    fields:\n"
      "      code: Code\n"
      "  recommendations:\n"
      "    fields:\n"
      "      audience: {labels: {trade-union: Syndicats}}\n"
      "taxonomies:\n"
      "  themes: {label: {fr: Thèmes}}\n");
  CHECK(formatted(t.diagnostics) ==
        "content/schema.fr.yaml:3:12: error: 'label' of collection 'dps' must be text, not a list\n"
        "  3 |     label: [Partenariats]\n"
        "    |            ^\n"
        "content/schema.fr.yaml:5:13: error: field 'code' must be a map\n"
        "  5 |       code: Code\n"
        "    |             ^\n"
        "  hint: for example {label: …}\n"
        "content/schema.fr.yaml:8:27: error: label for 'trade-union', which is not one of the values of field "
        "'audience'\n"
        "  8 |       audience: {labels: {trade-union: Syndicats}}\n"
        "    |                           ^\n"
        "  hint: did you mean 'trade-unions'?\n"
        "content/schema.fr.yaml:10:19: error: 'label' of taxonomy 'themes' must be text, not a map\n"
        "  10 |   themes: {label: {fr: Thèmes}}\n"
        "     |                   ^\n");
  CHECK(t.schema.collection("dps")->label == "Development Partnerships");
}

TEST_CASE("a taxonomy's field in schema.fr.yaml is translated with its taxonomy", "[languages]") {
  Translated t("common:\n  countries: {label: Pays}\n");
  CHECK(formatted(t.diagnostics) ==
        "content/schema.fr.yaml:2:14: error: field 'countries' is named by its taxonomy\n"
        "  2 |   countries: {label: Pays}\n"
        "    |              ^\n"
        "  hint: translate it under taxonomies: countries: {label: …}\n");
}

TEST_CASE("passerelle check reports the errors of schema.fr.yaml", "[languages]") {
  MemoryFileSystem files = bilingual_fixture();
  files.add("content/schema.fr.yaml", "collections:\n  dps: {labl: Partenariats}\n");
  Diagnostics diagnostics;
  LoadedCatalogue loaded = load_catalogue(files, Inputs{}, diagnostics);
  CHECK(formatted(diagnostics)
            .find("content/schema.fr.yaml:2:9: error: unknown key 'labl' in collection 'dps'\n"
                  "  2 |   dps: {labl: Partenariats}\n"
                  "    |         ^\n"
                  "  hint: did you mean 'label'?\n") != std::string::npos);
  CHECK(loaded.records.empty());  // a settings error: the records wait
}

TEST_CASE("the schema's French labels reach the French pages only", "[languages]") {
  MemoryFileSystem files = bilingual_fixture();
  files.add("content/schema.fr.yaml",
            "collections:\n"
            "  dps:\n"
            "    label: Partenariats de développement\n"
            "    fields:\n"
            "      code: {label: Code du partenariat}\n"
            "      lead: {label: Chef de file, inverse_label: Chef de file de}\n");
  const SiteFiles site = built_site(files);
  const std::string& dps_en = site.at("dps/index.html");
  const std::string& dps_fr = site.at("fr/dps/index.html");
  CHECK(dps_en.find("<h1>Development Partnerships</h1>") != std::string::npos);
  CHECK(dps_en.find("Partenariats de développement") == std::string::npos);
  CHECK(dps_fr.find("<h1>Partenariats de développement</h1>") != std::string::npos);
  CHECK(dps_fr.find("Development Partnerships") == std::string::npos);
  const std::string& espere_en = site.at("dps/espere.html");
  const std::string& espere_fr = site.at("fr/dps/espere.html");
  CHECK(espere_en.find("DP code") != std::string::npos);
  CHECK(espere_en.find("Code du partenariat") == std::string::npos);
  CHECK(espere_fr.find("Code du partenariat") != std::string::npos);
  CHECK(espere_fr.find("DP code") == std::string::npos);
  const std::string& adecco_en = site.at("organisations/adecco.html");
  const std::string& adecco_fr = site.at("fr/organisations/adecco.html");
  CHECK(adecco_en.find("Lead partner of") != std::string::npos);
  CHECK(adecco_fr.find("Chef de file de") != std::string::npos);
  CHECK(adecco_fr.find("Lead partner") == std::string::npos);
}

TEST_CASE("the shipped catalogue's French schema loads with no diagnostics and translates every label",
          "[languages]") {
  DiskFileSystem disk;
  Diagnostics diagnostics;
  const CatalogueSettings settings = load_settings(disk, source_dir + "/content", diagnostics);
  CHECK(formatted(diagnostics) == "");
  REQUIRE(settings.schemas.count("fr"));
  const Schema& fr = settings.schemas.at("fr");
  const Schema& en = settings.schema;
  // Every text readers see is in French; these words are the same in both.
  const std::set<std::string> same = {"Description", "Organisation", "Organisations",  "Sources",
                                      "Date",        "Points",       "Recommandations"};
  auto french = [&](const std::string& where, const std::string& english, const std::string& text) {
    INFO(where << ": " << text);
    CHECK_FALSE(text.empty());
    if (!same.count(text)) CHECK(text != english);
  };
  for (size_t i = 0; i < en.taxonomies.size(); ++i) {
    french(en.taxonomies[i].id, en.taxonomies[i].label, fr.taxonomies[i].label);
    french(en.taxonomies[i].id, en.taxonomies[i].singular, fr.taxonomies[i].singular);
  }
  for (size_t i = 0; i < en.sections.size(); ++i) {
    french(en.sections[i].id, en.sections[i].label, fr.sections[i].label);
    if (!en.sections[i].description.empty())
      french(en.sections[i].id, en.sections[i].description, fr.sections[i].description);
  }
  std::function<void(const std::string&, const FieldSpec&, const FieldSpec&)> field =
      [&](const std::string& where, const FieldSpec& e, const FieldSpec& f) {
        if (!e.name.empty()) french(where, e.label, f.label);
        if (!e.inverse_label.empty()) french(where, e.inverse_label, f.inverse_label);
        if (!e.help.empty()) french(where, e.help, f.help);
        for (const auto& value : e.values) {
          INFO(where << ": " << value);
          CHECK(f.value_labels.count(value));
        }
        if (e.items) field(where + " items", *e.items, *f.items);
        for (size_t i = 0; i < e.fields.size(); ++i)
          field(where + "." + e.fields[i].name, e.fields[i], f.fields[i]);
      };
  for (size_t i = 0; i < en.common.size(); ++i) field(en.common[i].name, en.common[i], fr.common[i]);
  for (size_t c = 0; c < en.collections.size(); ++c) {
    const Collection& e = en.collections[c];
    const Collection& f = fr.collections[c];
    french(e.id, e.label, f.label);
    french(e.id, e.singular, f.singular);
    french(e.id, e.description, f.description);
    for (size_t i = 0; i < e.fields.size(); ++i) {
      field(e.id + "." + e.fields[i].name, e.fields[i], f.fields[i]);
      // A reference's relation seen from the record it names, not "<label> of".
      const FieldSpec& spec = e.fields[i].items ? *e.fields[i].items : e.fields[i];
      INFO(e.id << "." << e.fields[i].name);
      if (spec.type == FieldType::reference) CHECK_FALSE(f.fields[i].inverse_label.empty());
    }
  }
}

TEST_CASE("a vocabulary term's description is written per language, the default's shown where one is missing",
          "[languages]") {
  MemoryFileSystem files = fixture();
  files.add(
      "content/vocabularies/themes.yaml",
      "- id: anti-discrimination\n"
      "  label: {en: Fighting discrimination, fr: Lutte contre les discriminations}\n"
      "  description: {en: Preventing discrimination at work., fr: Prévenir la discrimination au travail.}\n"
      "- id: training\n"
      "  label: {en: Training, fr: Formation}\n"
      "  description: Learning a trade.\n"
      "- id: housing\n"
      "  label: {en: Housing, fr: Logement}\n");
  Diagnostics diagnostics;
  const Schema schema = load_schema(files, "content", diagnostics);
  const Vocabularies vocabularies =
      load_vocabularies(files, "content", schema.taxonomies, diagnostics, {"en", "fr"});
  CHECK(formatted(diagnostics) == "");
  const Vocabulary& themes = vocabularies.at("themes");
  CHECK(themes.find("anti-discrimination")->description("en") == "Preventing discrimination at work.");
  CHECK(themes.find("anti-discrimination")->description("fr") == "Prévenir la discrimination au travail.");
  CHECK(themes.find("training")->description("en") == "Learning a trade.");
  CHECK(themes.find("training")->description("fr") == "Learning a trade.");
  CHECK(themes.find("housing")->description("fr") == "");
}

TEST_CASE("a description per language names a known language and has the default's text", "[languages]") {
  MemoryFileSystem files = fixture();
  files.add("content/vocabularies/themes.yaml",
            "- id: training\n"
            "  label: {en: Training, fr: Formation}\n"
            "  description: {fr: Apprendre un métier., ft: Apprendre.}\n");
  Diagnostics diagnostics;
  const Schema schema = load_schema(files, "content", diagnostics);
  load_vocabularies(files, "content", schema.taxonomies, diagnostics, {"en", "fr"});
  CHECK(formatted(diagnostics) ==
        "content/vocabularies/themes.yaml:3:16: error: the description of 'training' has no 'en' text\n"
        "  3 |   description: {fr: Apprendre un métier., ft: Apprendre.}\n"
        "    |                ^\n"
        "  hint: the other languages show it where they have none: add 'en: …'\n"
        "content/vocabularies/themes.yaml:3:44: error: unknown language 'ft' in the description of 'training'\n"
        "  3 |   description: {fr: Apprendre un métier., ft: Apprendre.}\n"
        "    |                                            ^\n"
        "  hint: did you mean 'fr'?\n");
}

TEST_CASE("every term of the shipped vocabularies with a description has it in French", "[languages]") {
  DiskFileSystem disk;
  Diagnostics diagnostics;
  const CatalogueSettings settings = load_settings(disk, source_dir + "/content", diagnostics);
  CHECK(formatted(diagnostics) == "");
  for (const auto& [id, vocabulary] : settings.vocabularies)
    for (const auto& term : vocabulary.terms) {
      INFO(id << "/" << term.id);
      CHECK(term.description("fr").empty() == term.description("en").empty());
      if (!term.description("en").empty()) CHECK(term.description("fr") != term.description("en"));
    }
}
