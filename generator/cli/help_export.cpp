#include "cli/help_export.h"

#include <cstdio>
#include <sstream>
#include <vector>

namespace passerelle {

namespace {

// What the exporters need of one option, read from CLI11.
struct OptionInfo {
  std::vector<std::string> short_names, long_names;  // without dashes
  std::string positional;                            // its name, when it is an argument
  std::string type;                                  // TEXT, DIR, FILE, INT…; empty for a flag
  std::vector<std::string> choices;                  // from an IsMember check
  std::string help, default_value;
  bool required = false;
  bool folder() const { return type == "DIR"; }
  bool file() const { return type == "FILE"; }
};

struct CommandInfo {
  std::string name, description, footer;
  std::vector<OptionInfo> options;    // with names
  std::vector<OptionInfo> arguments;  // positional
};

// CLI11 shows a value's type as "TEXT:{a,b}" or "TEXT:DIR": the type, then
// the description of each check.
void read_type(const std::string& full, OptionInfo& info) {
  std::vector<std::string> parts;
  std::stringstream stream(full);
  for (std::string part; std::getline(stream, part, ':');) parts.push_back(part);
  if (parts.empty()) return;
  info.type = parts.front();
  for (size_t i = 1; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    if (part == "DIR" || part == "FILE") {
      info.type = part;
    } else if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
      std::stringstream choices(part.substr(1, part.size() - 2));
      for (std::string choice; std::getline(choices, choice, ',');) info.choices.push_back(choice);
    }
  }
}

OptionInfo read_option(const CLI::Option& option) {
  OptionInfo info;
  info.short_names = option.get_snames();
  info.long_names = option.get_lnames();
  if (!option.nonpositional()) info.positional = option.get_name(true);
  if (option.get_items_expected_max() > 0) read_type(option.get_type_name(), info);
  info.help = option.get_description();
  info.default_value = option.get_default_str();
  info.required = option.get_required();
  return info;
}

CommandInfo read_command(const CLI::App& app) {
  CommandInfo info{app.get_name(), app.get_description(), app.get_footer(), {}, {}};
  for (const CLI::Option* option : app.get_options()) {
    OptionInfo read = read_option(*option);
    (read.positional.empty() ? info.options : info.arguments).push_back(read);
  }
  return info;
}

std::vector<CommandInfo> read_commands(const CLI::App& app) {
  std::vector<CommandInfo> commands;
  for (const CLI::App* command : app.get_subcommands({})) {
    if (!command->get_group().empty()) commands.push_back(read_command(*command));
  }
  return commands;
}

std::string join(const std::vector<std::string>& words, const std::string& separator) {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : separator) + word;
  return out;
}

// All of an option's spellings: -o, --out.
std::vector<std::string> spellings(const OptionInfo& option) {
  std::vector<std::string> names;
  for (const auto& name : option.short_names) names.push_back("-" + name);
  for (const auto& name : option.long_names) names.push_back("--" + name);
  return names;
}

// ---- man ----

// Text for roff: backslashes and dashes escaped, a line never starting with
// a control character, anything beyond ASCII as a \[uXXXX] glyph.
std::string roff(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool line_start = out.empty() || out.back() == '\n';
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      // One UTF-8 sequence: the lead byte says how many bytes follow.
      int follow = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
      unsigned code = c & (0x3F >> follow);
      for (int k = 0; k < follow && i + 1 < text.size(); ++k) code = (code << 6) | (text[++i] & 0x3F);
      char glyph[16];
      std::snprintf(glyph, sizeof glyph, "\\[u%04X]", code);
      out += glyph;
    }
  }
  return out;
}

// A footer's lines are wrapped for a terminal; the man page fills its own.
std::string unwrap(const std::string& text) {
  std::string out = text;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  return out;
}

std::string export_man(const CLI::App& app, const std::string& version) {
  std::ostringstream out;
  const std::string name = app.get_name();
  std::string description = app.get_description();
  // "Passerelle: builds …" reads as the NAME line "passerelle - builds …".
  const std::string prefix = "Passerelle: ";
  std::string summary = description.rfind(prefix, 0) == 0 ? description.substr(prefix.size()) : description;
  if (!summary.empty() && summary.back() == '.') summary.pop_back();
  out << ".\\\" Generated by `" << name << " help-export man` from the commands' --help: do not edit.\n"
      << ".TH " << roff("PASSERELLE") << " 1 \"\" \"" << roff(name + " " + version) << "\" \"User Commands\"\n"
      << ".nh\n"
      << ".SH NAME\n"
      << roff(name) << " \\- " << roff(summary) << "\n"
      << ".SH SYNOPSIS\n"
      << ".B " << roff(name) << "\n.I command\n.RI [ options ]\n.br\n"
      << ".B " << roff(name) << "\n.BR \\-\\-help | \\-\\-version\n"
      << ".SH DESCRIPTION\n"
      << roff(description) << "\n"
      << ".PP\nEach command answers\n.BR \\-\\-help ;\nthis page is made from those answers.\n"
      << ".SH COMMANDS\n";
  for (const CommandInfo& command : read_commands(app)) {
    out << ".SS \"" << roff(name + " " + command.name);
    for (const OptionInfo& argument : command.arguments) {
      out << (argument.required ? " " : " [") << roff(argument.positional) << (argument.required ? "" : "]");
    }
    out << " [options]\"\n" << roff(command.description) << ".\n";
    for (const OptionInfo& argument : command.arguments) {
      out << ".TP\n.I " << roff(argument.positional) << "\n" << roff(argument.help);
      if (!argument.choices.empty()) out << "; one of: " << roff(join(argument.choices, ", "));
      if (!argument.default_value.empty()) out << " (default: " << roff(argument.default_value) << ")";
      out << "\n";
    }
    for (const OptionInfo& option : command.options) {
      out << ".TP\n";
      std::vector<std::string> names;
      for (const auto& spelling : spellings(option)) names.push_back("\\fB" + roff(spelling) + "\\fR");
      out << join(names, ", ");
      if (!option.type.empty()) out << " \\fI" << roff(option.type) << "\\fR";
      out << "\n" << roff(option.help);
      if (!option.choices.empty()) out << "; one of: " << roff(join(option.choices, ", "));
      if (!option.default_value.empty()) out << " (default: " << roff(option.default_value) << ")";
      out << "\n";
    }
    if (!command.footer.empty()) out << ".PP\n" << roff(unwrap(command.footer)) << "\n";
  }
  out << ".SH EXIT STATUS\n"
      << ".TP\n.B 0\nSuccess.\n"
      << ".TP\n.B 1\nThe catalogue has errors, or a file could not be read or written.\n"
      << ".TP\n.B 2\nWrong usage: an unknown command or option, or a missing argument.\n";
  return out.str();
}

// ---- bash ----

std::string export_bash(const CLI::App& app) {
  const std::string name = app.get_name();
  const std::vector<CommandInfo> commands = read_commands(app);
  std::vector<std::string> top_words;
  for (const CommandInfo& command : commands) top_words.push_back(command.name);
  for (const CLI::Option* option : app.get_options()) {
    for (const auto& spelling : spellings(read_option(*option))) top_words.push_back(spelling);
  }
  std::ostringstream out;
  out << "# bash completion for " << name << "; generated by `" << name << " help-export bash`: do not edit.\n"
      << "_" << name << "() {\n"
      << "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" command=\"\" i\n"
      << "  COMPREPLY=()\n"
      << "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      << "    case \"${COMP_WORDS[i]}\" in -*) ;; *) command=\"${COMP_WORDS[i]}\"; break ;; esac\n"
      << "  done\n"
      << "  case \"$command\" in\n"
      << "    \"\")\n"
      << "      mapfile -t COMPREPLY < <(compgen -W \"" << join(top_words, " ") << "\" -- \"$cur\")\n"
      << "      ;;\n";
  for (const CommandInfo& command : commands) {
    out << "    " << command.name << ")\n      case \"$prev\" in\n";
    std::vector<std::string> words;
    for (const OptionInfo& option : command.options) {
      const std::vector<std::string> names = spellings(option);
      words.insert(words.end(), names.begin(), names.end());
      if (option.type.empty()) continue;
      out << "        " << join(names, "|") << ")\n";
      if (option.folder()) {
        out << "          compopt -o filenames 2>/dev/null\n"
            << "          mapfile -t COMPREPLY < <(compgen -d -- \"$cur\")\n";
      } else if (option.file()) {
        out << "          compopt -o filenames 2>/dev/null\n"
            << "          mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n";
      } else if (!option.choices.empty()) {
        out << "          mapfile -t COMPREPLY < <(compgen -W \"" << join(option.choices, " ")
            << "\" -- \"$cur\")\n";
      }
      out << "          return ;;\n";
    }
    out << "      esac\n";
    std::vector<std::string> argument_words;
    for (const OptionInfo& argument : command.arguments) {
      argument_words.insert(argument_words.end(), argument.choices.begin(), argument.choices.end());
    }
    out << "      case \"$cur\" in\n"
        << "        -*) mapfile -t COMPREPLY < <(compgen -W \"" << join(words, " ") << "\" -- \"$cur\") ;;\n";
    if (!argument_words.empty()) {
      out << "        *) mapfile -t COMPREPLY < <(compgen -W \"" << join(argument_words, " ")
          << "\" -- \"$cur\") ;;\n";
    }
    out << "      esac\n      ;;\n";
  }
  out << "  esac\n}\ncomplete -F _" << name << " " << name << "\n";
  return out.str();
}

// ---- zsh ----

// A description inside an _arguments spec: single-quoted, with its
// brackets and colons escaped.
std::string zsh_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else if (c == '[' || c == ']' || c == ':' || c == '\\') {
      out += std::string("\\") + c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string zsh_action(const OptionInfo& option) {
  if (option.folder()) return "_files -/";
  if (option.file()) return "_files";
  if (!option.choices.empty()) return "(" + join(option.choices, " ") + ")";
  return " ";
}

std::string export_zsh(const CLI::App& app) {
  const std::string name = app.get_name();
  const std::vector<CommandInfo> commands = read_commands(app);
  std::ostringstream out;
  out << "#compdef " << name << "\n# zsh completion for " << name << "; generated by `" << name
      << " help-export zsh`: do not edit.\n"
      << "_" << name << "() {\n"
      << "  local curcontext=\"$curcontext\" state line\n"
      << "  local -a commands\n"
      << "  commands=(\n";
  for (const CommandInfo& command : commands) {
    out << "    '" << command.name << ":" << zsh_text(command.description) << "'\n";
  }
  out << "  )\n  _arguments -C \\\n";
  for (const CLI::Option* option : app.get_options()) {
    const OptionInfo info = read_option(*option);
    for (const auto& spelling : spellings(info))
      out << "    '(- *)" << spelling << "[" << zsh_text(info.help) << "]' \\\n";
  }
  out << "    '1: :->command' \\\n"
      << "    '*:: :->argument'\n"
      << "  case $state in\n"
      << "    command) _describe -t commands '" << name << " command' commands ;;\n"
      << "    argument)\n"
      << "      case $line[1] in\n";
  for (const CommandInfo& command : commands) {
    out << "        " << command.name << ")\n          _arguments \\\n";
    for (const OptionInfo& option : command.options) {
      const std::vector<std::string> names = spellings(option);
      const std::string exclusive = names.size() > 1 ? "(" + join(names, " ") + ")" : "";
      for (const auto& spelling : names) {
        out << "            '" << exclusive << spelling << "[" << zsh_text(option.help) << "]";
        if (!option.type.empty()) out << ":" << zsh_text(option.type) << ":" << zsh_action(option);
        out << "' \\\n";
      }
    }
    for (const OptionInfo& argument : command.arguments) {
      out << "            '" << (argument.required ? ":" : "::") << zsh_text(argument.positional) << ":"
          << zsh_action(argument) << "' \\\n";
    }
    out << "            && return 0 ;;\n";
  }
  out << "      esac ;;\n  esac\n}\n_" << name << " \"$@\"\n";
  return out.str();
}

// ---- fish ----

std::string fish_text(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string fish_option(const std::string& name, const std::string& condition, const OptionInfo& option) {
  std::string line = "complete -c " + name + " -n " + fish_text(condition);
  for (const auto& short_name : option.short_names) line += " -s " + short_name;
  for (const auto& long_name : option.long_names) line += " -l " + long_name;
  if (option.folder()) {
    line += " -x -a '(__fish_complete_directories)'";
  } else if (option.file()) {
    line += " -r -F";
  } else if (!option.choices.empty()) {
    line += " -x -a " + fish_text(join(option.choices, " "));
  } else if (!option.type.empty()) {
    line += " -x";
  }
  return line + " -d " + fish_text(option.help) + "\n";
}

std::string export_fish(const CLI::App& app) {
  const std::string name = app.get_name();
  std::ostringstream out;
  out << "# fish completion for " << name << "; generated by `" << name << " help-export fish`: do not edit.\n"
      << "complete -c " << name << " -f\n";
  for (const CLI::Option* option : app.get_options())
    out << fish_option(name, "__fish_use_subcommand", read_option(*option));
  for (const CommandInfo& command : read_commands(app)) {
    out << "complete -c " << name << " -n __fish_use_subcommand -a " << command.name << " -d "
        << fish_text(command.description) << "\n";
    const std::string condition = "__fish_seen_subcommand_from " + command.name;
    for (const OptionInfo& option : command.options) out << fish_option(name, condition, option);
    for (const OptionInfo& argument : command.arguments) {
      if (argument.choices.empty()) continue;
      out << "complete -c " << name << " -n " << fish_text(condition) << " -a "
          << fish_text(join(argument.choices, " ")) << " -d " << fish_text(argument.help) << "\n";
    }
  }
  return out.str();
}

}  // namespace

std::string export_help(const CLI::App& app, const std::string& format, const std::string& version) {
  if (format == "man") return export_man(app, version);
  if (format == "bash") return export_bash(app);
  if (format == "zsh") return export_zsh(app);
  return export_fish(app);
}

}  // namespace passerelle
