// passerelle's command line: every command, its options and arguments, and
// the function it runs. main() parses with it; `passerelle help-export`
// walks the same tree to write the man page and the shell completions, so
// that they say what --help says and cannot drift from it.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "commands/commands.h"

namespace passerelle {

class CommandLine {
 public:
  // `version` is the bare version (for the man page); `version_line` is
  // what --version prints.
  CommandLine(const std::string& version, const std::string& version_line);
  CommandLine(const CommandLine&) = delete;
  CommandLine& operator=(const CommandLine&) = delete;

  CLI::App& app() { return app_; }
  // The names of the commands a user may type (the hidden ones left out).
  std::vector<std::string> command_names() const;
  // Runs the command that app() parsed; exit_usage when none was.
  int run();

 private:
  // The options every command's flags write into, read by run().
  struct Arguments {
    CommonOptions options;
    bool quiet = false;
    bool verbose = false;
    std::string format = "text";
    std::string out_dir = "site";
    bool no_cache = false;
    std::string collection, id;
    std::string language;  // new --lang
    std::string record, new_id;
    std::string host = "127.0.0.1";
    int port = 8000;
    std::string schema_dir = "schema";
    std::string docs_file = "-";
    std::string eject_what = "all";
    bool force = false;
    std::string init_folder;
    InitAnswers init_answers;
    std::string export_format;
  };

  void define_commands();
  void add(CLI::App* command, std::function<int()> run) { commands_.emplace_back(command, std::move(run)); }

  CLI::App app_;
  std::string version_;
  Arguments args_;
  std::vector<std::pair<CLI::App*, std::function<int()>>> commands_;
};

}  // namespace passerelle
