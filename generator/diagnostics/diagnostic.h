// Diagnostics: the one type for everything the generator reports to a user.
//
// A diagnostic names a file, a 1-based line and column, a severity, a
// message and an optional hint. format() prints it the way compilers do, with
// the offending source line and a caret under the column, so editors and CI
// systems can jump to it. Collecting (Diagnostics) never throws or stops: the
// pipeline reports every problem before it fails.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace passerelle {

// A note adds to the errors around it (how many records went unchecked
// because of one); it is neither an error nor a warning.
enum class Severity { warning, error, note };

struct Diagnostic {
  std::string path;  // as the user gave it, e.g. content/dps/espere.md
  int line = 0;      // 1-based; 0 when the problem concerns the whole file
  int column = 0;    // 1-based, in bytes; 0 when unknown
  Severity severity = Severity::error;
  std::string message;
  std::string hint;         // e.g. "did you mean 'PT'?"; empty when none
  std::string source_line;  // the text of `line`, for the caret display

  bool operator==(const Diagnostic&) const = default;
};

// Compiler style: "path:line:column: error: message", then the source line
// with a caret, then "hint: ..." when there is one. Ends with a newline.
std::string format(const Diagnostic& d);

// GitHub Actions workflow command ("::error file=…,line=…,col=…::message").
std::string format_github(const Diagnostic& d);

class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void append(const Diagnostics& other);
  void error(std::string path, int line, int column, std::string message, std::string hint = {},
             std::string source_line = {});
  void warning(std::string path, int line, int column, std::string message, std::string hint = {},
               std::string source_line = {});
  void note(std::string path, std::string message, std::string hint = {});

  const std::vector<Diagnostic>& items() const { return items_; }
  bool has_errors() const;
  size_t error_count() const;
  size_t warning_count() const;
  // Orders by path, line and column so output does not depend on the order
  // in which stages ran, notes last, and drops exact repeats.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace passerelle
