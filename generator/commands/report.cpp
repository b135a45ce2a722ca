#include <unistd.h>

#include <cstdio>

#include "commands/commands.h"

namespace passerelle {

size_t report(const Diagnostics& diagnostics, DiagnosticFormat style) {
  Diagnostics sorted = diagnostics;
  sorted.sort();
  for (const auto& d : sorted.items()) {
    std::string text = style == DiagnosticFormat::github ? format_github(d) : format(d);
    std::fputs(text.c_str(), stderr);
  }
  size_t errors = sorted.error_count();
  size_t warnings = sorted.warning_count();
  if (errors > 0 || warnings > 0)
    std::fprintf(stderr, "%zu error%s, %zu warning%s\n", errors, errors == 1 ? "" : "s", warnings,
                 warnings == 1 ? "" : "s");
  return errors;
}

Progress make_progress(const CommonOptions& options) {
  return Progress(options.verbosity, ::isatty(STDERR_FILENO) != 0);
}

std::optional<CatalogueSettings> load_settings_or_report(const CommonOptions& options, Progress& progress) {
  DiskFileSystem fs;
  Diagnostics diagnostics;
  progress.begin("load");
  CatalogueSettings settings = load_settings(fs, options.inputs.content, diagnostics);
  progress.end(std::to_string(settings.schema.collections.size()) + " collections");
  if (diagnostics.has_errors()) {
    report(diagnostics, options.format);
    return std::nullopt;
  }
  return settings;
}

void usage_error(const std::string& message, const std::string& hint) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  if (!hint.empty()) std::fprintf(stderr, "  hint: %s\n", hint.c_str());
}

}  // namespace passerelle
