// The commands of the passerelle tool. Each is thin: it reads its options,
// runs the pipeline and reports. Exit codes: 0 success, 1 content errors,
// 2 wrong usage.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "diagnostics/diagnostic.h"
#include "pipeline/pipeline.h"
#include "pipeline/progress.h"
#include "pipeline/stages.h"

namespace passerelle {

enum ExitCode { exit_ok = 0, exit_content_error = 1, exit_usage = 2 };

enum class DiagnosticFormat { text, github };

struct CommonOptions {
  Inputs inputs;
  Verbosity verbosity = Verbosity::normal;
  DiagnosticFormat format = DiagnosticFormat::text;
  size_t jobs = 0;  // threads; 0: one per core (util/parallel.h)
};

// Builds the site into `out_dir`; with `use_cache`, does nothing when no
// input changed since the last build and the output is as it left it.
int run_build(const CommonOptions& options, const std::string& out_dir, bool use_cache = true);
int run_check(const CommonOptions& options);

// Writes content/<collection>/<id>.md from the collection's fields.
int run_new(const CommonOptions& options, const std::string& collection, const std::string& id);
// Starts the translation into `language` of a record: <id>.<language>.md
// beside it, holding its text to translate in place.
int run_new_translation(const CommonOptions& options, const std::string& collection, const std::string& id,
                        const std::string& language);
// Renames content/<collection>/<old>.md to <new>.md, keeps the old id as an
// alias, rewrites the references to it, then checks the catalogue.
int run_mv(const CommonOptions& options, const std::string& record, const std::string& new_id);
// Serves the site on host:port (0: a free port) until interrupted, rebuilding as files change.
int run_serve(const CommonOptions& options, const std::string& host, int port);
// Writes <collection>.schema.json for each collection into `out_dir`.
int run_schema(const CommonOptions& options, const std::string& out_dir);
// Writes the field reference (Markdown) to `out_file`, or to stdout for "-".
int run_docs(const CommonOptions& options, const std::string& out_file);

// Writes the built-in templates and/or theme (`what`: templates, theme or
// all) into options.inputs.templates and .theme; files already there are
// kept unless `force`.
int run_eject(const CommonOptions& options, const std::string& what, bool force);

// The answers `passerelle init` asks for on a terminal, or takes from flags.
struct InitAnswers {
  std::string title;  // empty: the folder's name
  std::string language = "en";
  std::string licence = "CC BY 4.0";
  std::string licence_url;  // empty: the known address of `licence`, if any
  std::string base_url;
  bool no_input = false;        // never ask, even on a terminal
  std::set<std::string> given;  // "title", "language", "licence", "base-url": given as flags, not asked
};

// Writes a new catalogue into `folder`, which must be new or empty.
int run_init(const std::string& folder, InitAnswers answers, Verbosity verbosity);

// Progress as every command shows it: on a terminal (stderr), or when asked
// for with --verbose; never with --quiet.
Progress make_progress(const CommonOptions& options);

// A problem with how the command was called: "error: message", then the hint.
void usage_error(const std::string& message, const std::string& hint = {});

// Prints diagnostics to stderr and a one-line summary; returns the count of errors.
size_t report(const Diagnostics& diagnostics, DiagnosticFormat format);

// The catalogue's settings (load_settings(): catalogue.yaml, the schema, the
// vocabularies), read as the "load" step of the commands that need no
// records. On an error they are reported and nothing is returned: the
// command exits with exit_content_error.
std::optional<CatalogueSettings> load_settings_or_report(const CommonOptions& options, Progress& progress);

}  // namespace passerelle
