// The man page and the shell completion scripts of a CLI11 command tree,
// written from what --help shows: each command's description, its options
// (names, value type, help, default), its arguments, the choices of an
// IsMember check, and its footer. A command in the empty group (hidden from
// --help) is left out. Options typed DIR complete folders; FILE, files.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace passerelle {

// `format`: man (roff for man(1)), bash, zsh or fish. `version` goes in the
// man page's header.
std::string export_help(const CLI::App& app, const std::string& format, const std::string& version);

}  // namespace passerelle
