#include "pipeline/progress.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace passerelle {

namespace {

// The process's peak memory so far (resident, VmHWM), in MB; 0 where /proc is absent.
double peak_memory_mb() {
  std::FILE* status = std::fopen("/proc/self/status", "r");
  if (!status) return 0;
  char line[256];
  double kb = 0;
  while (std::fgets(line, sizeof line, status))
    if (std::strncmp(line, "VmHWM:", 6) == 0) kb = std::strtod(line + 6, nullptr);
  std::fclose(status);
  return kb / 1024;
}

}  // namespace

Progress::Progress(Verbosity verbosity, bool terminal)
    : enabled_(verbosity == Verbosity::verbose || (verbosity == Verbosity::normal && terminal)) {}

void Progress::begin(const std::string& stage) {
  stage_ = stage;
  started_ = std::chrono::steady_clock::now();
}

void Progress::end(const std::string& detail) {
  report(stage_, detail, std::chrono::steady_clock::now() - started_);
}

void Progress::report(const std::string& stage, const std::string& detail,
                      std::chrono::steady_clock::duration took) {
  if (!enabled_) return;
  // With the peak memory so far, which shows the stage that raised it.
  std::fprintf(stderr, "  %-10s %-28s %7.0f ms  peak %5.0f MB\n", stage.c_str(), detail.c_str(),
               std::chrono::duration<double>(took).count() * 1000, peak_memory_mb());
}

void Progress::note(const std::string& message) {
  if (enabled_) std::fprintf(stderr, "%s\n", message.c_str());
}

}  // namespace passerelle
