// passerelle: the table of commands. Each command lives in commands/.
#include <algorithm>
#include <csignal>
#include <iostream>

#include <CLI/CLI.hpp>

#include "commands/commands.h"
#include "diagnostics/edit_distance.h"
#include "version.h"  // generated: cmake/version.cmake

using namespace passerelle;

namespace {

struct Flags {
  bool quiet = false;
  bool verbose = false;
  std::string format = "text";
};

void add_content_option(CLI::App& command, CommonOptions& options) {
  command
      .add_option("--content", options.inputs.content,
                  "Catalogue folder (catalogue.yaml, schema.yaml, records)")
      ->capture_default_str();
}

void add_site_options(CLI::App& command, CommonOptions& options) {
  add_content_option(command, options);
  // A folder that does not exist is an error when named, and leaves the
  // built-in templates or theme in use when it is the default.
  command
      .add_option("--templates", options.inputs.templates,
                  "Page templates folder; the built-in templates stand in for the files it lacks")
      ->check(CLI::ExistingDirectory)
      ->capture_default_str();
  command
      .add_option("--theme", options.inputs.theme,
                  "Theme folder (CSS, JS, images); the built-in theme stands in for the files it lacks")
      ->check(CLI::ExistingDirectory)
      ->capture_default_str();
}

void add_verbosity_options(CLI::App& command, Flags& flags) {
  command.add_flag("-q,--quiet", flags.quiet, "Print only errors and warnings");
  command.add_flag("-v,--verbose", flags.verbose, "Print progress even when not on a terminal");
}

void add_format_option(CLI::App& command, Flags& flags) {
  command
      .add_option("--format", flags.format,
                  "How to print diagnostics: text, or github for GitHub Actions annotations")
      ->check(CLI::IsMember({"text", "github"}))
      ->capture_default_str();
}

}  // namespace

int main(int argc, char** argv) {
  // A full disk or a file-size limit must end in a clear error, not a signal.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"Passerelle: builds a static, searchable catalogue website from Markdown records."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("passerelle " PASSERELLE_VERSION " (" PASSERELLE_COMMIT ")"));

  CommonOptions options;
  Flags flags;
  std::string out_dir = "site";
  std::string collection, id;
  std::string record, new_id;
  std::string host = "127.0.0.1";
  int port = 8000;
  std::string schema_dir = "schema";
  std::string docs_file = "-";
  std::string eject_what = "all";
  bool force = false;
  std::string init_folder;
  InitAnswers init_answers;

  CLI::App* build = app.add_subcommand("build", "Validate the catalogue and write the site");
  add_site_options(*build, options);
  add_verbosity_options(*build, flags);
  add_format_option(*build, flags);
  build->add_option("-o,--out", out_dir, "Output folder, replaced as a whole when the build succeeds")
      ->capture_default_str();

  CLI::App* check =
      app.add_subcommand("check", "Validate the catalogue and the links of every page; write nothing");
  add_site_options(*check, options);
  add_verbosity_options(*check, flags);
  add_format_option(*check, flags);

  CLI::App* create = app.add_subcommand("new", "Write a new record listing every field of its collection");
  create->add_option("collection", collection, "Collection of schema.yaml, e.g. dps")->required();
  create->add_option("id", id, "Id of the record, its file name: a-z, 0-9 and '-', e.g. sunrise")->required();
  add_content_option(*create, options);
  add_verbosity_options(*create, flags);
  create->footer("Example: passerelle new dps sunrise   writes content/dps/sunrise.md");

  CLI::App* rename = app.add_subcommand(
      "mv", "Rename a record, keep its old address as an alias, update every reference to it");
  rename->add_option("record", record, "The record to rename, <collection>/<id>, e.g. dps/espere")->required();
  rename->add_option("new-id", new_id, "Its new id: a-z, 0-9 and '-', e.g. espere-fr")->required();
  add_site_options(*rename, options);
  add_verbosity_options(*rename, flags);
  add_format_option(*rename, flags);
  rename->footer(
      "Example: passerelle mv dps/espere espere-fr   renames content/dps/espere.md to espere-fr.md,\n"
      "adds 'espere' to its aliases (dps/espere.html then leads to dps/espere-fr.html), changes every\n"
      "dps/espere in front matter and every Markdown link to espere.md, then checks the catalogue.");

  CLI::App* serve = app.add_subcommand("serve", "Preview the site, rebuilt and reloaded as files change");
  add_site_options(*serve, options);
  add_verbosity_options(*serve, flags);
  serve->add_option("-p,--port", port, "Port to listen on; 0 picks a free one")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  serve->add_option("--host", host, "Address to listen on; 127.0.0.1 keeps the preview on this machine")
      ->capture_default_str();

  CLI::App* schema =
      app.add_subcommand("schema", "Write a JSON Schema of each collection's front matter, for editors");
  add_content_option(*schema, options);
  add_verbosity_options(*schema, flags);
  schema->add_option("-o,--out", schema_dir, "Folder for <collection>.schema.json")->capture_default_str();

  CLI::App* docs = app.add_subcommand("docs", "Write the reference of every field and vocabulary, in Markdown");
  add_content_option(*docs, options);
  add_verbosity_options(*docs, flags);
  docs->add_option("-o,--out", docs_file, "File to write, or - for standard output")->capture_default_str();
  docs->footer("Example: passerelle docs --out docs/fields.md");

  CLI::App* eject = app.add_subcommand(
      "eject", "Write the built-in templates or theme into the catalogue's folders, to change them");
  eject->add_option("what", eject_what, "templates, theme or all")
      ->check(CLI::IsMember({"templates", "theme", "all"}))
      ->capture_default_str();
  eject->add_option("--templates", options.inputs.templates, "Folder to write the templates to")
      ->capture_default_str();
  eject->add_option("--theme", options.inputs.theme, "Folder to write the theme to")->capture_default_str();
  eject->add_flag("--force", force, "Replace files that are already there (by default they are kept)");
  add_verbosity_options(*eject, flags);
  eject->footer(
      "Without a templates/ or theme/ folder, a catalogue uses the ones built into passerelle; a file of\n"
      "its own replaces the built-in one of the same name. Example: passerelle eject theme, then edit\n"
      "theme/style.css, and delete the files you did not change so that they follow passerelle's updates.");

  CLI::App* init = app.add_subcommand("init", "Start a new catalogue in a new or empty folder");
  init->add_option("folder", init_folder, "Folder to create, e.g. my-catalogue")->required();
  init->add_option("--title", init_answers.title, "The catalogue's title (default: the folder's name)");
  init->add_option("--language", init_answers.language, "Language of the pages, ISO 639-1")->capture_default_str();
  init->add_option("--licence", init_answers.licence, "Licence of the catalogue's text and data")
      ->capture_default_str();
  init->add_option("--licence-url", init_answers.licence_url,
                   "Address of the licence's terms (known for CC BY 4.0, CC BY-SA 4.0, CC BY-NC 4.0, CC0 1.0)");
  init->add_option("--base-url", init_answers.base_url, "Address the site will be published at, if known");
  init->add_flag("--no-input", init_answers.no_input, "Ask nothing, even on a terminal: take the flags and defaults");
  add_verbosity_options(*init, flags);
  init->footer(
      "On a terminal, init asks for each answer not given as a flag. Example:\n"
      "  passerelle init my-catalogue --title \"Practices against discrimination\" --no-input\n"
      "writes my-catalogue/ with content/ (settings, schema, vocabularies, an example record), README.md,\n"
      ".gitignore, and CI workflows that check and publish to GitHub Pages or GitLab Pages.");

  // CLI11 answers an unknown command with "A subcommand is required"; say
  // which word was not understood and what was probably meant.
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands({})) names.push_back(command->get_name());
  if (argc > 1 && argv[1][0] != '-' && std::find(names.begin(), names.end(), argv[1]) == names.end()) {
    std::string hint = did_you_mean(argv[1], names);
    if (hint.empty()) {
      hint = "the commands are";
      for (const auto& name : names) hint += " " + name;
    }
    std::cerr << "passerelle: error: unknown command '" << argv[1] << "'\n  hint: " << hint
              << " (passerelle --help says what each does)\n";
    return exit_usage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? exit_ok : exit_usage;
  }
  options.verbosity = flags.quiet ? Verbosity::quiet : flags.verbose ? Verbosity::verbose : Verbosity::normal;
  options.format = flags.format == "github" ? DiagnosticFormat::github : DiagnosticFormat::text;
  if (build->parsed()) return run_build(options, out_dir);
  if (check->parsed()) return run_check(options);
  if (create->parsed()) return run_new(options, collection, id);
  if (rename->parsed()) return run_mv(options, record, new_id);
  if (serve->parsed()) return run_serve(options, host, port);
  if (schema->parsed()) return run_schema(options, schema_dir);
  if (docs->parsed()) return run_docs(options, docs_file);
  if (eject->parsed()) return run_eject(options, eject_what, force);
  if (init->parsed()) return run_init(init_folder, init_answers, options.verbosity);
  return exit_usage;
}
