// `passerelle init DIR`: a new catalogue from the starter built into the
// binary (starter/ in the repository): its settings, a schema of one
// collection, the vocabularies, an example record and page, a README for
// editors, .gitignore and CI workflows for GitHub and GitLab.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include "builtin/builtin_files.h"
#include "commands/commands.h"

namespace passerelle {

namespace {

namespace fs = std::filesystem;

const char* const starter_folder = "starter";

// The address of the terms of the licences editors name most.
const std::map<std::string, std::string>& known_licences() {
  static const std::map<std::string, std::string> urls = {
      {"CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"},
      {"CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"},
      {"CC BY-NC 4.0", "https://creativecommons.org/licenses/by-nc/4.0/"},
      {"CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"},
  };
  return urls;
}

bool interactive(const InitAnswers& answers) {
  return !answers.no_input && isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
}

// Asks on the terminal, unless the answer was given as a flag; an empty
// answer keeps `value`.
void ask(const InitAnswers& answers, const char* flag, const std::string& question, std::string& value) {
  if (answers.given.count(flag)) return;
  std::cerr << question << " [" << value << "]: " << std::flush;
  std::string line;
  if (std::getline(std::cin, line) && !line.empty()) value = line;
}

// A problem with an answer, said as the usage errors of every command are.
std::optional<std::string> answer_problem(const InitAnswers& answers) {
  if (answers.title.empty()) return "the title is empty";
  if (!std::regex_match(answers.language, std::regex("[a-z]{2}")))
    return "the language '" + answers.language + "' is not an ISO 639-1 code such as en or fr";
  for (const std::string* url : {&answers.base_url, &answers.licence_url})
    if (!url->empty() && !std::regex_search(*url, std::regex("^https?://[^ ]+$")))
      return "'" + *url + "' is not an http(s) address";
  return std::nullopt;
}

// A YAML scalar holding `text` as it is: a JSON string is a double-quoted
// YAML scalar.
std::string yaml_string(const std::string& text) { return nlohmann::json(text).dump(); }

// Where a starter file goes: "dot-github/…" becomes ".github/…" (the
// repository keeps no dot-files in starter/), and a ".mustache" file loses
// the suffix once its values are filled in.
fs::path target_path(const fs::path& relative) {
  fs::path path;
  for (const auto& part : relative) {
    std::string name = part.string();
    if (name.rfind("dot-", 0) == 0) name = "." + name.substr(4);
    path /= name;
  }
  if (path.extension() == ".mustache") path.replace_extension();
  return path;
}

int fail(const fs::path& path, const std::string& message, const std::string& hint) {
  std::fprintf(stderr, "%s: error: %s\n  hint: %s\n", path.string().c_str(), message.c_str(), hint.c_str());
  return exit_usage;
}

}  // namespace

int run_init(const std::string& folder, InitAnswers answers, Verbosity verbosity) {
  const fs::path root(folder);
  std::error_code error;
  if (fs::exists(root, error)) {
    if (!fs::is_directory(root, error))
      return fail(root, "this is a file, not a folder", "name a new folder: passerelle init my-catalogue");
    if (!fs::is_empty(root, error))
      return fail(root, "the folder is not empty; init writes only into a new or empty folder",
                  "name a new folder, e.g. passerelle init my-catalogue");
  }
  if (answers.title.empty())
    answers.title = root.filename().empty() ? "My catalogue" : root.filename().string();
  if (interactive(answers)) {
    std::cerr << "A new catalogue in " << folder << ". Press Enter to keep the answer in brackets.\n";
    ask(answers, "title", "Title", answers.title);
    ask(answers, "language", "Language of the pages (ISO 639-1)", answers.language);
    ask(answers, "licence", "Licence of the text and data", answers.licence);
    ask(answers, "base-url", "Published address (base URL), if known", answers.base_url);
  }
  if (auto problem = answer_problem(answers)) {
    usage_error(*problem, "passerelle init --help lists the answers and their form");
    return exit_usage;
  }
  if (answers.licence_url.empty()) {
    auto known = known_licences().find(answers.licence);
    if (known != known_licences().end()) answers.licence_url = known->second;
  }
  if (!answers.base_url.empty() && answers.base_url.back() != '/') answers.base_url += '/';

  kainjow::mustache::data values;
  values.set("title", yaml_string(answers.title));
  values.set("description", yaml_string("A catalogue of practices, kept with Passerelle."));
  values.set("language", yaml_string(answers.language));
  values.set("licence_name", yaml_string(answers.licence));
  if (!answers.licence_url.empty()) values.set("licence_url", yaml_string(answers.licence_url));
  if (!answers.base_url.empty()) values.set("base_url", yaml_string(answers.base_url));
  kainjow::mustache::data readme_values;
  readme_values.set("title", answers.title);

  size_t written = 0;
  for (const builtin::EmbeddedFile& file : builtin::embedded_files()) {
    auto relative = relative_inside(starter_folder, file.path);
    if (!relative) continue;
    std::string text(reinterpret_cast<const char*>(file.data), file.size);
    if (fs::path(*relative).extension() == ".mustache") {
      kainjow::mustache::mustache source(text);
      // The README is Markdown, the settings YAML: neither wants HTML escapes.
      source.set_custom_escape([](const std::string& s) { return s; });
      text = source.render(fs::path(*relative).filename() == "README.md.mustache" ? readme_values : values);
    }
    const fs::path path = root / target_path(*relative);
    fs::create_directories(path.parent_path(), error);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      std::fprintf(stderr,
                   "%s: error: could not write the file\n  hint: check that %s is a folder you can write to\n",
                   path.string().c_str(), folder.c_str());
      return exit_content_error;
    }
    ++written;
  }
  if (verbosity == Verbosity::quiet) return exit_ok;
  std::fprintf(stderr,
               "init: wrote the catalogue \"%s\" to %s (%zu files)\n"
               "Next:\n"
               "  cd %s\n"
               "  passerelle serve                        preview the site, rebuilt as you edit\n"
               "  passerelle new practices my-practice    start a record\n"
               "  passerelle build                        write the site to site/\n"
               "  git init && git add . && git commit     keep it in git; README.md says how to publish\n",
               answers.title.c_str(), folder.c_str(), written, folder.c_str());
  return exit_ok;
}

}  // namespace passerelle
