// passerelle: the table of commands. Each command lives in commands/.
#include <csignal>

#include <CLI/CLI.hpp>

#include "commands/commands.h"

using namespace passerelle;

namespace {

void add_common_options(CLI::App& command, CommonOptions& options, bool& quiet, bool& verbose,
                        std::string& format) {
  command.add_option("--content", options.inputs.content, "Catalogue folder (catalogue.yaml, schema.yaml, records)")
      ->capture_default_str();
  command.add_option("--templates", options.inputs.templates, "Page templates folder")->capture_default_str();
  command.add_option("--theme", options.inputs.theme, "Theme folder (CSS, JS, images)")->capture_default_str();
  command.add_flag("-q,--quiet", quiet, "Print only errors and warnings");
  command.add_flag("-v,--verbose", verbose, "Print progress even when not on a terminal");
  command.add_option("--format", format, "How to print diagnostics: text, or github for GitHub Actions annotations")
      ->check(CLI::IsMember({"text", "github"}))
      ->capture_default_str();
}

}  // namespace

int main(int argc, char** argv) {
  // A full disk or a file-size limit must end in a clear error, not a signal.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"Passerelle: builds a static, searchable catalogue website from Markdown records."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("passerelle 0.1.0"));

  CommonOptions options;
  bool quiet = false, verbose = false;
  std::string format = "text";
  std::string out_dir = "site";

  CLI::App* build = app.add_subcommand("build", "Validate the catalogue and write the site");
  add_common_options(*build, options, quiet, verbose, format);
  build->add_option("-o,--out", out_dir, "Output folder, replaced as a whole when the build succeeds")
      ->capture_default_str();

  CLI::App* check = app.add_subcommand("check", "Validate the catalogue and the links of every page; write nothing");
  add_common_options(*check, options, quiet, verbose, format);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? exit_ok : exit_usage;
  }
  options.verbosity = quiet ? Verbosity::quiet : verbose ? Verbosity::verbose : Verbosity::normal;
  options.format = format == "github" ? DiagnosticFormat::github : DiagnosticFormat::text;
  if (build->parsed()) return run_build(options, out_dir);
  if (check->parsed()) return run_check(options);
  return exit_usage;
}
