// A catalogue in several languages: catalogue.yaml's `languages`, records'
// and pages' translations as sibling files, the site in each language, the
// translation report, and `new --lang`.
#include <catch2/catch.hpp>

#include <fstream>

#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The base fixture in English and French, ESPERE translated.
MemoryFileSystem bilingual() {
  MemoryFileSystem files = fixture();
  files.add("content/catalogue.yaml",
            "title: Fixture catalogue\n"
            "description: {en: A small catalogue for the tests., fr: Un petit catalogue pour les tests.}\n"
            "languages: [en, fr]\n");
  files.add("content/dps/espere.fr.md",
            "---\n"
            "title: ESPERE (fr)\n"
            "summary: Former le service public de l'emploi contre les discriminations.\n"
            "products:\n"
            "  - {title: Un guide de formation}\n"
            "---\n"
            "ESPERE a travaillé avec [LUCIDITE](lucidite.md).\n");
  files.add("content/pages/about.md", "---\ntitle: About\n---\nWhat this is.\n");
  files.add("content/pages/about.fr.md", "---\ntitle: À propos\n---\nCe que c'est.\n");
  return files;
}

}  // namespace

TEST_CASE("languages: the default language at the root, the other under its folder, each page in both",
          "[languages]") {
  const SiteFiles site = built_site(bilingual());
  REQUIRE(site.count("dps/espere.html"));
  REQUIRE(site.count("fr/dps/espere.html"));
  REQUIRE(site.count("fr/index.html"));
  REQUIRE(site.count("fr/pages/about.html"));
  const std::string& en = site.at("dps/espere.html");
  const std::string& fr = site.at("fr/dps/espere.html");
  CHECK(has(en, "<html lang=\"en\">"));
  CHECK(has(fr, "<html lang=\"fr\">"));
  // The translation's text, the record's facts.
  CHECK(has(fr, "<h1>ESPERE (fr)</h1>"));
  CHECK(has(fr, "Un guide de formation"));
  CHECK(has(fr, "FR-NAT-2001-10456"));
  CHECK(has(fr, "ESPERE a travaillé avec"));
  CHECK(has(en, "<h1>ESPERE</h1>"));
  CHECK_FALSE(has(en, "Un guide de formation"));
  // The switcher keeps the reader on the record; hreflang names both.
  CHECK(has(en, "<a href=\"../fr/dps/espere.html\" hreflang=\"fr\" lang=\"fr\">Français</a>"));
  CHECK(has(fr, "<a href=\"../../dps/espere.html\" hreflang=\"en\" lang=\"en\">English</a>"));
  CHECK(has(en, "<link rel=\"alternate\" hreflang=\"fr\" href=\"../fr/dps/espere.html\">"));
  CHECK(has(fr, "<link rel=\"alternate\" hreflang=\"x-default\" href=\"../../dps/espere.html\">"));
  // The theme is shared at the root; the scripts' strings are per language.
  CHECK(has(fr, "href=\"../../assets/style.css\""));
  CHECK(site.count("strings.js"));
  CHECK(site.count("fr/strings.js"));
  CHECK_FALSE(site.count("fr/assets/style.css"));
  // The interface in French, the description per language.
  CHECK(has(fr, ">Aller au contenu<"));
  CHECK(has(site.at("fr/index.html"), "Un petit catalogue pour les tests."));
  CHECK(has(site.at("index.html"), "A small catalogue for the tests."));
  // Search index and data per language.
  CHECK(site.count("fr/catalogue.json"));
  CHECK(has(site.at("fr/catalogue.json"), "\"language\": \"fr\""));
  bool french_index = false;
  for (const auto& [path, bytes] : site) french_index = french_index || path.starts_with("fr/search/");
  CHECK(french_index);
  CHECK(has(site.at("fr/pages/about.html"), "À propos"));
}

TEST_CASE("languages: a record not translated is published in French, its text marked and the original offered",
          "[languages]") {
  const SiteFiles site = built_site(bilingual());
  const std::string& fr = site.at("fr/dps/lucidite.html");
  CHECK(has(fr, "<h1 lang=\"en\">"));
  CHECK(has(fr, "<div class=\"body prose\" lang=\"en\">"));
  CHECK(has(fr, "Cette fiche n&#39;est pas encore traduite en français"));
  CHECK(has(fr, "<a href=\"../../dps/lucidite.html\" hreflang=\"en\">Lire la page d&#39;origine</a>"));
  // A translated one has no notice, and the English site none either.
  CHECK_FALSE(has(site.at("fr/dps/espere.html"), "pas encore traduite"));
  CHECK_FALSE(has(site.at("dps/lucidite.html"), "untranslated"));
}

TEST_CASE("languages: a translation holds only text, said at its line", "[languages]") {
  MemoryFileSystem files = bilingual();
  files.add("content/dps/espere.fr.md",
            "---\n"
            "title: ESPERE\n"
            "countries: [FR]\n"
            "products:\n"
            "  - {title: Un}\n"
            "  - {title: Deux}\n"
            "lead: organisations/adecco\n"
            "sumary: Une faute\n"
            "---\n");
  files.add("content/dps/nobody.fr.md", "---\ntitle: Personne\n---\n");
  files.add("content/dps/lucidite.de.md", "---\ntitle: LUCIDITE\n---\n");
  files.add("content/dps/lucidite.en.md", "---\ntitle: LUCIDITE\n---\n");
  const std::string said = formatted(build(files).diagnostics);
  INFO(said);
  CHECK(has(said, "content/dps/espere.fr.md:3:1: error: 'countries' is not text: it comes from espere.md"));
  CHECK(has(said, "content/dps/espere.fr.md:5:3: error: 'products' has 2 items; the record has 1"));
  CHECK(has(said, "content/dps/espere.fr.md:7:1: error: 'lead' is not text: it comes from espere.md"));
  CHECK(has(said, "content/dps/espere.fr.md:8:1: error: unknown field 'sumary'"));
  CHECK(has(said, "did you mean 'summary'?"));
  CHECK(has(said, "content/dps/nobody.fr.md: error: a translation of dps/nobody, which is not a record"));
  CHECK(has(said, "content/dps/lucidite.de.md: error: a translation into 'de', which catalogue.yaml does not publish"));
  CHECK(has(said, "content/dps/lucidite.en.md: error: 'en' is the catalogue's default language"));
}

TEST_CASE("languages: catalogue.yaml's languages are checked", "[languages]") {
  MemoryFileSystem files = fixture();
  files.add("content/catalogue.yaml",
            "title: T\nlanguage: en\nlanguages: [en, french, en]\ndescription: {en: A, de: B}\n");
  const std::string said = formatted(build(files).diagnostics);
  INFO(said);
  CHECK(has(said, "catalogue.yaml:3:17: error: 'french' is not a language code"));
  CHECK(has(said, "catalogue.yaml:3:25: error: 'en' is listed twice in 'languages'"));
  CHECK(has(said, "catalogue.yaml:2:11: error: both 'language' and 'languages' are set"));
  CHECK(has(said, "error: 'de' is not one of the catalogue's languages"));
}

TEST_CASE("languages: check reports how much is translated, exactly", "[languages]") {
  SiteBuild checked = build(bilingual());
  REQUIRE_FALSE(checked.diagnostics.has_errors());
  REQUIRE(checked.translations.size() == 1);
  const TranslationReport& fr = checked.translations.front();
  CHECK(fr.language == "fr");
  CHECK(fr.records == 4);
  CHECK(fr.records_translated == 1);
  CHECK(fr.pages == 1);
  CHECK(fr.pages_translated == 1);
  CHECK(fr.missing == std::vector<std::string>{"content/dps/lucidite.md", "content/organisations/adecco.md",
                                               "content/recommendations/rec-01.md"});
  // One language: nothing to report.
  CHECK(build(fixture()).translations.empty());
}

TEST_CASE("languages: new --lang starts a translation that check accepts", "[languages]") {
  TempDir dir;
  const std::string content = dir.str() + "/content";
  std::filesystem::copy(source_dir + "/tests/fixtures/base", content, std::filesystem::copy_options::recursive);
  std::ofstream(content + "/catalogue.yaml") << "title: T\nlanguages: [en, fr]\n";
  CommandResult made = run(binary + " new dps/espere --lang fr --content " + content);
  INFO(made.output);
  REQUIRE(made.status == 0);
  const std::string text = read_file(content + "/dps/espere.fr.md");
  CHECK(has(text, "title: ESPERE"));
  CHECK(has(text, "  - title: A training guide"));
  CHECK_FALSE(has(text, "validated"));
  CHECK_FALSE(has(text, "countries"));
  CHECK(has(text, "ESPERE worked with [LUCIDITE](lucidite.md)"));
  CommandResult checked = run(binary + " check --verbose --content " + content + " --templates " + source_dir +
                              "/templates --theme " + source_dir + "/theme");
  INFO(checked.output);
  CHECK(checked.status == 0);
  CHECK(has(checked.output, "fr: 1 of 4 records translated"));
  CHECK(has(checked.output, "  " + content + "/dps/lucidite.md"));
  // Again: the file exists. Into a language the catalogue does not publish: refused.
  CHECK(run(binary + " new dps/espere --lang fr --content " + content).status != 0);
  CommandResult german = run(binary + " new dps/espere --lang de --content " + content);
  CHECK(german.status != 0);
  CHECK(has(german.output, "the catalogue is not published in 'de'"));
}

TEST_CASE("languages: one sitemap lists every page in each language with its alternates; feeds link their language",
          "[languages]") {
  MemoryFileSystem files = bilingual();
  files.add("content/catalogue.yaml", *files.read("content/catalogue.yaml") + "base_url: https://example.org/c/\n");
  const SiteFiles site = built_site(files);
  REQUIRE(site.count("sitemap.xml"));
  CHECK_FALSE(site.count("fr/sitemap.xml"));
  const std::string& map = site.at("sitemap.xml");
  CHECK(has(map, "<url><loc>https://example.org/c/fr/dps/espere.html</loc>"
                 "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/c/dps/espere.html\"/>"
                 "<xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/c/fr/dps/espere.html\"/>"
                 "</url>"));
  CHECK(has(site.at("fr/feed.xml"), "https://example.org/c/fr/dps/espere.html"));
  CHECK(has(site.at("fr/dps/espere.html"), "<link rel=\"canonical\" href=\"https://example.org/c/fr/dps/espere.html\">"));
  // An untranslated record's data says the language its text is in.
  CHECK(has(site.at("fr/dps/lucidite.html"), "\"inLanguage\": \"en\""));
  CHECK(has(site.at("fr/dps/espere.html"), "\"inLanguage\": \"fr\""));
}

TEST_CASE("languages: a benchmark's scoring words are translated inside their object, the marks kept",
          "[languages]") {
  MemoryFileSystem files;
  load_tree(files, source_dir + "/tests/fixtures/benchmarks", "content/");
  load_tree(files, source_dir + "/templates", "templates/");
  load_tree(files, source_dir + "/theme", "theme/");
  files.add("content/catalogue.yaml", "title: Benchmarks\nlanguages: [en, fr]\n");
  files.add("content/benchmarks/checklist.fr.md",
            "---\n"
            "title: Liste\n"
            "scoring:\n"
            "  subject: Ville\n"
            "  levels:\n"
            "    - {label: En place}\n"
            "    - {label: En partie}\n"
            "    - {label: Pas encore}\n"
            "---\n");
  const SiteFiles site = built_site(files);
  const std::string& fr = site.at("fr/benchmarks/checklist.html");
  // The labels in French, the ids and marks the record's.
  CHECK(has(fr, "&quot;id&quot;:&quot;in-place&quot;,&quot;label&quot;:&quot;En place&quot;"));
  CHECK(has(fr, "&quot;done&quot;:true"));
  CHECK(has(fr, "&quot;subject&quot;:&quot;Ville&quot;"));
  CHECK(has(site.at("benchmarks/checklist.html"), "&quot;label&quot;:&quot;In place&quot;"));
  // What is not text stays the record's: the kind of mark, a level's id.
  files.add("content/benchmarks/checklist.fr.md",
            "---\nscoring:\n  kind: score\n  levels:\n    - {id: x, label: En place}\n    - {label: b}\n"
            "    - {label: c}\n---\n");
  const std::string said = formatted(build(files).diagnostics);
  CHECK(has(said, "checklist.fr.md:3:3: error: 'scoring.kind' is not text: it comes from checklist.md"));
}
