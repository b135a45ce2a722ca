// The commands of the passerelle tool. Each is thin: it reads its options,
// runs the pipeline and reports. Exit codes: 0 success, 1 content errors,
// 2 wrong usage.
#pragma once

#include <string>

#include "diagnostics/diagnostic.h"
#include "pipeline/pipeline.h"
#include "pipeline/progress.h"

namespace passerelle {

enum ExitCode { exit_ok = 0, exit_content_error = 1, exit_usage = 2 };

enum class DiagnosticFormat { text, github };

struct CommonOptions {
  Inputs inputs;
  Verbosity verbosity = Verbosity::normal;
  DiagnosticFormat format = DiagnosticFormat::text;
};

int run_build(const CommonOptions& options, const std::string& out_dir);
int run_check(const CommonOptions& options);

// Prints diagnostics to stderr and a one-line summary; returns the count of errors.
size_t report(const Diagnostics& diagnostics, DiagnosticFormat format);

}  // namespace passerelle
