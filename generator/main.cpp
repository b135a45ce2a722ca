// passerelle: parses the command line (cli/command_line.cpp holds the table
// of commands) and runs the command it names.
#include <algorithm>
#include <csignal>
#include <iostream>

#include "cli/command_line.h"
#include "diagnostics/edit_distance.h"
#include "version.h"  // generated: cmake/version.cmake

using namespace passerelle;

int main(int argc, char** argv) {
  // A full disk or a file-size limit must end in a clear error, not a signal.
  std::signal(SIGXFSZ, SIG_IGN);
  CommandLine command_line(PASSERELLE_VERSION, "passerelle " PASSERELLE_VERSION " (" PASSERELLE_COMMIT ")");
  CLI::App& app = command_line.app();

  // CLI11 answers an unknown command with "A subcommand is required"; say
  // which word was not understood and what was probably meant.
  const auto commands = app.get_subcommands({});
  const bool known = argc > 1 && std::any_of(commands.begin(), commands.end(), [&](const CLI::App* command) {
                       return command->get_name() == argv[1];
                     });
  if (argc > 1 && argv[1][0] != '-' && !known) {
    const std::vector<std::string> names = command_line.command_names();
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
  return command_line.run();
}
