#include "cli/command_line.h"

#include <iostream>

#include "cli/help_export.h"
#include "util/parallel.h"

namespace passerelle {

namespace {

// Folder options are typed DIR and file options FILE, as --help shows them;
// the shell completions offer folders or files from that.
void add_content_option(CLI::App& command, CommonOptions& options) {
  command
      .add_option("--content", options.inputs.content,
                  "Catalogue folder (catalogue.yaml, schema.yaml, records)")
      ->type_name("DIR")
      ->capture_default_str();
}

void add_site_options(CLI::App& command, CommonOptions& options) {
  add_content_option(command, options);
  command
      .add_option("-j,--jobs", options.jobs,
                  "Threads to use; 0 means one per core (" + std::to_string(core_count()) +
                      " here). The output is the same whatever the number")
      ->type_name("N")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
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

void add_verbosity_options(CLI::App& command, bool& quiet, bool& verbose) {
  command.add_flag("-q,--quiet", quiet, "Print only errors and warnings");
  command.add_flag("-v,--verbose", verbose, "Print progress even when not on a terminal");
}

void add_format_option(CLI::App& command, std::string& format) {
  command
      .add_option("--format", format,
                  "How to print diagnostics: text, or github for GitHub Actions annotations")
      ->check(CLI::IsMember({"text", "github"}))
      ->capture_default_str();
}

}  // namespace

CommandLine::CommandLine(const std::string& version, const std::string& version_line)
    : app_("Passerelle: builds a static, searchable catalogue website from Markdown records.", "passerelle"),
      version_(version) {
  app_.require_subcommand(1);
  app_.set_version_flag("--version", version_line);
  define_commands();
}

// One block per command: its options, then what it runs.
void CommandLine::define_commands() {
  Arguments& a = args_;
  CommonOptions& options = a.options;

  CLI::App* build = app_.add_subcommand("build", "Validate the catalogue and write the site");
  add_site_options(*build, options);
  add_verbosity_options(*build, a.quiet, a.verbose);
  add_format_option(*build, a.format);
  build->add_option("-o,--out", a.out_dir, "Output folder, replaced as a whole when the build succeeds")
      ->type_name("DIR")
      ->capture_default_str();
  build->add_flag("--no-cache", a.no_cache,
                  "Build everything, even when no input changed since the last build (the build cache "
                  "beside the output folder, .<out>.passerelle-cache and .<out>.passerelle-items, is written "
                  "again)");
  add(build, [&a] { return run_build(a.options, a.out_dir, !a.no_cache); });

  CLI::App* check =
      app_.add_subcommand("check", "Validate the catalogue and the links of every page; write nothing");
  add_site_options(*check, options);
  add_verbosity_options(*check, a.quiet, a.verbose);
  add_format_option(*check, a.format);
  add(check, [&a] { return run_check(a.options); });

  CLI::App* create = app_.add_subcommand("new", "Write a new record listing every field of its collection");
  create->add_option("collection", a.collection, "Collection of schema.yaml, e.g. dps; or collection/id")
      ->required();
  create->add_option("id", a.id, "Id of the record, its file name: a-z, 0-9 and '-', e.g. sunrise");
  create->add_option("--lang", a.language,
                     "Start the record's translation into this language of catalogue.yaml instead, e.g. fr");
  add_content_option(*create, options);
  add_verbosity_options(*create, a.quiet, a.verbose);
  create->footer(
      "Examples:\n  passerelle new dps sunrise            writes content/dps/sunrise.md\n"
      "  passerelle new dps/espere --lang fr   writes content/dps/espere.fr.md, its text to translate");
  add(create, [&a]() -> int {
    std::string collection = a.collection, id = a.id;
    if (const size_t slash = collection.find('/'); slash != std::string::npos && id.empty()) {
      id = collection.substr(slash + 1);
      collection.resize(slash);
    }
    if (id.empty()) {
      usage_error("which record? give its collection and id", "e.g. passerelle new dps sunrise");
      return exit_usage;
    }
    return a.language.empty() ? run_new(a.options, collection, id)
                              : run_new_translation(a.options, collection, id, a.language);
  });

  CLI::App* rename = app_.add_subcommand(
      "mv", "Rename a record, keep its old address as an alias, update every reference to it");
  rename->add_option("record", a.record, "The record to rename, <collection>/<id>, e.g. dps/espere")
      ->required();
  rename->add_option("new-id", a.new_id, "Its new id: a-z, 0-9 and '-', e.g. espere-fr")->required();
  add_site_options(*rename, options);
  add_verbosity_options(*rename, a.quiet, a.verbose);
  add_format_option(*rename, a.format);
  rename->footer(
      "Example: passerelle mv dps/espere espere-fr   renames content/dps/espere.md to espere-fr.md,\n"
      "adds 'espere' to its aliases (dps/espere.html then leads to dps/espere-fr.html), changes every\n"
      "dps/espere in front matter and every Markdown link to espere.md, then checks the catalogue.");
  add(rename, [&a] { return run_mv(a.options, a.record, a.new_id); });

  CLI::App* serve = app_.add_subcommand("serve", "Preview the site, rebuilt and reloaded as files change");
  add_site_options(*serve, options);
  add_verbosity_options(*serve, a.quiet, a.verbose);
  serve->add_option("-p,--port", a.port, "Port to listen on; 0 picks a free one")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  serve->add_option("--host", a.host, "Address to listen on; 127.0.0.1 keeps the preview on this machine")
      ->capture_default_str();
  add(serve, [&a] { return run_serve(a.options, a.host, a.port); });

  CLI::App* schema =
      app_.add_subcommand("schema", "Write a JSON Schema of each collection's front matter, for editors");
  add_content_option(*schema, options);
  add_verbosity_options(*schema, a.quiet, a.verbose);
  schema->add_option("-o,--out", a.schema_dir, "Folder for <collection>.schema.json")
      ->type_name("DIR")
      ->capture_default_str();
  add(schema, [&a] { return run_schema(a.options, a.schema_dir); });

  CLI::App* docs =
      app_.add_subcommand("docs", "Write the reference of every field and vocabulary, in Markdown");
  add_content_option(*docs, options);
  add_verbosity_options(*docs, a.quiet, a.verbose);
  docs->add_option("-o,--out", a.docs_file, "File to write, or - for standard output")
      ->type_name("FILE")
      ->capture_default_str();
  docs->footer("Example: passerelle docs --out docs/fields.md");
  add(docs, [&a] { return run_docs(a.options, a.docs_file); });

  CLI::App* eject = app_.add_subcommand(
      "eject", "Write the built-in templates or theme into the catalogue's folders, to change them");
  eject->add_option("what", a.eject_what, "templates, theme or all")
      ->check(CLI::IsMember({"templates", "theme", "all"}))
      ->capture_default_str();
  eject->add_option("--templates", options.inputs.templates, "Folder to write the templates to")
      ->type_name("DIR")
      ->capture_default_str();
  eject->add_option("--theme", options.inputs.theme, "Folder to write the theme to")
      ->type_name("DIR")
      ->capture_default_str();
  eject->add_flag("--force", a.force, "Replace files that are already there (by default they are kept)");
  add_verbosity_options(*eject, a.quiet, a.verbose);
  eject->footer(
      "Without a templates/ or theme/ folder, a catalogue uses the ones built into passerelle; a file of\n"
      "its own replaces the built-in one of the same name. Example: passerelle eject theme, then edit\n"
      "theme/style.css, and delete the files you did not change so that they follow passerelle's updates.");
  add(eject, [&a] { return run_eject(a.options, a.eject_what, a.force); });

  CLI::App* init = app_.add_subcommand("init", "Start a new catalogue in a new or empty folder");
  init->add_option("folder", a.init_folder, "Folder to create, e.g. my-catalogue")
      ->type_name("DIR")
      ->required();
  init->add_option("--title", a.init_answers.title, "The catalogue's title (default: the folder's name)");
  init->add_option("--language", a.init_answers.language, "Language of the pages, ISO 639-1")
      ->capture_default_str();
  init->add_option("--licence", a.init_answers.licence, "Licence of the catalogue's text and data")
      ->capture_default_str();
  init->add_option("--licence-url", a.init_answers.licence_url,
                   "Address of the licence's terms (known for CC BY 4.0, CC BY-SA 4.0, CC BY-NC 4.0, CC0 1.0)");
  init->add_option("--base-url", a.init_answers.base_url, "Address the site will be published at, if known");
  init->add_flag("--no-input", a.init_answers.no_input,
                 "Ask nothing, even on a terminal: take the flags and defaults");
  add_verbosity_options(*init, a.quiet, a.verbose);
  init->footer(
      "On a terminal, init asks for each answer not given as a flag. Example:\n"
      "  passerelle init my-catalogue --title \"Practices against discrimination\" --no-input\n"
      "writes my-catalogue/ with content/ (settings, schema, vocabularies, an example record), README.md,\n"
      ".gitignore, and CI workflows that check and publish to GitHub Pages or GitLab Pages.");
  add(init, [&a, init] {
    for (const char* flag : {"--title", "--language", "--licence", "--base-url"})
      if (init->count(flag)) a.init_answers.given.insert(flag + 2);
    return run_init(a.init_folder, a.init_answers, a.options.verbosity);
  });

  // Hidden (the empty group): the build writes the man page and the shell
  // completions with it, from this very tree.
  CLI::App* help_export =
      app_.add_subcommand("help-export", "Print the man page or a shell completion script made from --help");
  help_export->group("");
  help_export->add_option("format", a.export_format, "man, bash, zsh or fish")
      ->check(CLI::IsMember({"man", "bash", "zsh", "fish"}))
      ->required();
  add(help_export, [this] {
    std::cout << export_help(app_, args_.export_format, version_);
    return std::cout.flush() ? exit_ok : exit_content_error;
  });
}

std::vector<std::string> CommandLine::command_names() const {
  std::vector<std::string> names;
  for (const CLI::App* command : app_.get_subcommands({})) {
    if (!command->get_group().empty()) names.push_back(command->get_name());
  }
  return names;
}

int CommandLine::run() {
  Arguments& a = args_;
  a.options.verbosity = a.quiet ? Verbosity::quiet : a.verbose ? Verbosity::verbose : Verbosity::normal;
  a.options.format = a.format == "github" ? DiagnosticFormat::github : DiagnosticFormat::text;
  set_worker_count(a.options.jobs);
  for (const auto& [command, run_command] : commands_) {
    if (command->parsed()) return run_command();
  }
  return exit_usage;
}

}  // namespace passerelle
