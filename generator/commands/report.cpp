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

}  // namespace passerelle
