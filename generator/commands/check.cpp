#include <cstdio>

#include "builtin/builtin_files.h"
#include "commands/commands.h"
#include "util/drop_at_exit.h"

namespace passerelle {

int run_check(const CommonOptions& options) {
  Progress progress = make_progress(options);
  const builtin::InputFiles files(options.inputs.templates, options.inputs.theme);
  const FileSystem& fs = files.fs();  // the built-in templates and theme under the catalogue's own
  DiscardSink nowhere;
  Inputs inputs = options.inputs;
  inputs.cms_modules.clear();  // the form editor's config is made and checked; its script is not needed
  SiteBuild build = build_site(fs, inputs, "site", progress, nowhere);
  drop_at_exit(std::move(build.held));  // the process ends with this command
  size_t errors = report(build.diagnostics, options.format);
  if (errors > 0) return exit_content_error;
  if (options.verbosity == Verbosity::quiet) return exit_ok;
  std::fprintf(stderr, "%zu records checked, every link resolves\n", build.record_count);
  for (const TranslationReport& t : build.translations) {
    std::fprintf(stderr, "%s: %zu of %zu records translated, %zu of %zu pages", t.language.c_str(),
                 t.records_translated, t.records, t.pages_translated, t.pages);
    if (t.missing.empty()) std::fprintf(stderr, "\n");
    else if (options.verbosity != Verbosity::verbose)
      std::fprintf(stderr, "; --verbose lists the %zu missing\n", t.missing.size());
    else {
      std::fprintf(stderr, "; not translated (each is translated in a file <name>.%s.md beside it):\n",
                   t.language.c_str());
      for (const auto& path : t.missing) std::fprintf(stderr, "  %s\n", path.c_str());
    }
  }
  return exit_ok;
}

}  // namespace passerelle
