#include "pipeline/progress.h"

#include <cstdio>

namespace passerelle {

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
  std::fprintf(stderr, "  %-10s %-28s %7.0f ms\n", stage.c_str(), detail.c_str(),
               std::chrono::duration<double>(took).count() * 1000);
}

void Progress::note(const std::string& message) {
  if (enabled_) std::fprintf(stderr, "%s\n", message.c_str());
}

}  // namespace passerelle
