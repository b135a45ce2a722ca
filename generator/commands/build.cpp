#include <chrono>
#include <cstdio>

#include "builtin/builtin_files.h"
#include "charts/svg_text.h"
#include "commands/commands.h"
#include "output/site_writer.h"
#include "pipeline/build_cache.h"
#include "util/drop_at_exit.h"

namespace passerelle {

int run_build(const CommonOptions& options, const std::string& out_dir, bool use_cache) {
  const auto started = std::chrono::steady_clock::now();
  Progress progress = make_progress(options);
  Diagnostics preflight;
  check_output_dir(out_dir, {options.inputs.content, options.inputs.templates, options.inputs.theme},
                   preflight);
  if (preflight.has_errors()) {
    report(preflight, options.format);
    return exit_content_error;
  }
  // Nothing changed since the last build (output/build_cache.h): nothing to do.
  BuildCache cache(out_dir, options.inputs);
  Diagnostics cache_problems;
  if (cache.up_to_date(cache_problems) && use_cache) {
    report(cache_problems, options.format);
    if (options.verbosity != Verbosity::quiet) {
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::fprintf(stderr, "%s is up to date: none of its %zu input files changed since the last build (%.2f s)\n",
                   out_dir.c_str(), cache.input_count(), seconds);
    }
    return exit_ok;
  }
  // Where only records changed, the others are taken from the cache as the
  // last build checked them, and the pages that do not show the edited ones are kept.
  std::optional<EditedRecords> edited = use_cache ? cache.edited_records(cache_problems) : std::nullopt;
  if (options.verbosity == Verbosity::verbose && use_cache)
    std::fprintf(stderr, edited ? "building what records' edits change: %s\n" : "building everything: %s\n",
                 cache.reason().c_str());
  const builtin::InputFiles files(options.inputs.templates, options.inputs.theme);
  const FileSystem& fs = files.fs();  // the built-in templates and theme under the catalogue's own
  SiteWriter writer(out_dir);
  // The cache vouches for the site in place: the files that change are moved into it.
  if (edited) writer.update_in_place(cache.output_files());
  SiteBuild build =
      build_site(fs, options.inputs, out_dir, progress, writer, nullptr, edited ? &*edited : nullptr);
  drop_at_exit(std::move(build.held));  // the process ends with this command
  build.diagnostics.append(cache_problems);
  if (build.diagnostics.has_errors()) {
    report(build.diagnostics, options.format);
    std::fprintf(stderr, "build failed: %s was left unchanged\n", out_dir.c_str());
    return exit_content_error;
  }
  progress.begin("write");
  bool written = writer.commit(build.diagnostics);
  const std::string unchanged =
      writer.unchanged_count() ? ", " + std::to_string(writer.unchanged_count()) + " unchanged" : "";
  progress.end(std::to_string(writer.file_count()) + " files" + unchanged);
  if (written) cache.save(build.diagnostics, build.checked_records, build.search_terms, writer.changed_files());
  drop_at_exit(std::move(build.checked_records));
  report(build.diagnostics, options.format);
  if (!written) return exit_content_error;
  if (options.verbosity != Verbosity::quiet) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::fprintf(stderr, "built %s into %s (%zu files%s) in %.2f s\n",
                 charts::count_phrase(build.record_count).c_str(), out_dir.c_str(), build.file_count,
                 unchanged.c_str(), seconds);
  }
  return exit_ok;
}

}  // namespace passerelle
