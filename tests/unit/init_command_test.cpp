// `passerelle init`: a new catalogue from the built-in starter, which builds
// as it is with the built-in templates and theme, offline copy included.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "test_support.h"

using namespace passerelle::testing;
namespace fs = std::filesystem;

namespace {

CommandResult init(const TempDir& dir, const std::string& arguments) {
  return run("cd " + dir.str() + " && " + binary + " init " + arguments + " </dev/null");
}

}  // namespace

TEST_CASE("init writes a catalogue that builds with the built-in templates and theme", "[init]") {
  TempDir dir;
  CommandResult made = init(dir, "mycat --title 'Practices & \"partners\"' --base-url https://example.org/cat");
  INFO(made.output);
  REQUIRE(made.status == 0);
  CHECK(made.output.find("passerelle serve") != std::string::npos);  // says what to do next
  const fs::path root = dir.path() / "mycat";
  for (const char* file :
       {"content/catalogue.yaml", "content/schema.yaml", "content/vocabularies/countries.yaml",
        "content/vocabularies/themes.yaml", "content/vocabularies/actors.yaml",
        "content/practices/example-mentoring.md", "content/pages/about.md", "README.md", ".gitignore",
        ".github/workflows/check.yml", ".github/workflows/publish.yml", ".gitlab-ci.yml"})
    CHECK(fs::is_regular_file(root / file));
  const std::string settings = read_file(root / "content/catalogue.yaml");
  CHECK(settings.find("title: \"Practices & \\\"partners\\\"\"") != std::string::npos);
  CHECK(settings.find("base_url: \"https://example.org/cat/\"") != std::string::npos);
  CHECK(read_file(root / "README.md").find("# Practices & \"partners\"") == 0);
  // The shipped catalogue's list of countries, as it is.
  CHECK(read_file(root / "content/vocabularies/countries.yaml") ==
        read_file(source_dir + "/content/vocabularies/countries.yaml"));

  // No --templates or --theme: the built-in ones, from the catalogue's folder.
  CommandResult built = run("cd " + root.string() + " && " + binary + " build --quiet");
  INFO(built.output);
  REQUIRE(built.status == 0);
  const std::string home = read_file(root / "site/index.html");
  CHECK(home.find("Practices &amp; &quot;partners&quot;") != std::string::npos);
  CHECK(home.find("class=\"kicker\"") == std::string::npos);  // no tagline until one is set
  CHECK(fs::exists(root / "site/practices/example-mentoring.html"));
  CHECK(fs::exists(root / "site/assets/style.css"));
  // offline_archive: true in the starter: the footer offers the archive with its real size.
  const auto size = fs::file_size(root / "site/catalogue.zip");
  const std::string label = size >= 1000000 ? std::to_string(size / 100000 / 10.0).substr(0, 3) + " MB"
                                            : std::to_string((size + 999) / 1000) + " KB";
  CHECK(home.find("catalogue.zip\" download>Download this catalogue for offline reading</a> (ZIP, " + label +
                  ")") != std::string::npos);
  // Its one record, counted as a reader would count it.
  CommandResult again = run("cd " + root.string() + " && " + binary + " build --no-cache");
  INFO(again.output);
  CHECK(again.output.find("built 1 record into site (") != std::string::npos);
}

TEST_CASE("init refuses a folder that is not empty, and answers it cannot use", "[init]") {
  TempDir dir;
  fs::create_directories(dir.path() / "taken");
  std::ofstream(dir.path() / "taken" / "notes.txt") << "mine";
  CommandResult taken = init(dir, "taken");
  CHECK(taken.status == 2);
  CHECK(taken.output.find("taken: error: the folder is not empty") != std::string::npos);
  CHECK(taken.output.find("hint:") != std::string::npos);
  CHECK(read_file(dir.path() / "taken" / "notes.txt") == "mine");
  CHECK(fs::directory_iterator(dir.path() / "taken") != fs::directory_iterator());

  CommandResult language = init(dir, "fresh --language english");
  CHECK(language.status == 2);
  CHECK(language.output.find("'english' is not an ISO 639-1 code") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "fresh"));

  CommandResult address = init(dir, "fresh --base-url example.org");
  CHECK(address.status == 2);
  CHECK(address.output.find("'example.org' is not an http(s) address") != std::string::npos);

  // An empty folder is fine.
  fs::create_directories(dir.path() / "empty");
  CHECK(init(dir, "empty --quiet").status == 0);
  CHECK(fs::exists(dir.path() / "empty/content/catalogue.yaml"));
}

TEST_CASE("init asks on a terminal for the answers not given as flags", "[init]") {
  TempDir dir;
  // `script` gives init a terminal; the lines typed answer its questions in order.
  CommandResult asked = run("cd " + dir.str() + " && printf 'de\\n\\nhttps://example.org/x\\n' | script -qec \"" +
                            binary + " init newcat --title 'Given title'\" /dev/null");
  INFO(asked.output);
  REQUIRE(asked.status == 0);
  CHECK(asked.output.find("Title [") == std::string::npos);  // given as a flag
  CHECK(asked.output.find("Language of the pages (ISO 639-1) [en]:") != std::string::npos);
  const std::string settings = read_file(dir.path() / "newcat/content/catalogue.yaml");
  CHECK(settings.find("title: \"Given title\"") != std::string::npos);
  CHECK(settings.find("language: \"de\"") != std::string::npos);
  CHECK(settings.find("name: \"CC BY 4.0\"") != std::string::npos);  // Enter keeps the default
  CHECK(settings.find("base_url: \"https://example.org/x/\"") != std::string::npos);

  // --no-input asks nothing, even on a terminal.
  CommandResult quiet =
      run("cd " + dir.str() + " && script -qec \"" + binary + " init other --no-input\" /dev/null </dev/null");
  CHECK(quiet.status == 0);
  CHECK(quiet.output.find("Title [") == std::string::npos);
  CHECK(read_file(dir.path() / "other/content/catalogue.yaml").find("title: \"other\"") != std::string::npos);
}
