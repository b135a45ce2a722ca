// Progress on long builds: stage names, counts and timings.
//
// Shown on a terminal (stderr), silent when output is not a terminal unless
// asked for with --verbose, and silent always with --quiet.
#pragma once

#include <chrono>
#include <string>

namespace passerelle {

enum class Verbosity { quiet, normal, verbose };

class Progress {
 public:
  Progress(Verbosity verbosity, bool terminal);
  static Progress silent() { return Progress(Verbosity::quiet, false); }

  // Starts timing a stage.
  void begin(const std::string& stage);
  // Ends the current stage with what it did ("412 records").
  void end(const std::string& detail);
  // A stage that ran alongside the current one and timed itself.
  void report(const std::string& stage, const std::string& detail, std::chrono::steady_clock::duration took);
  void note(const std::string& message);
  bool enabled() const { return enabled_; }

 private:
  bool enabled_;
  std::string stage_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace passerelle
