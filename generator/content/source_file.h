// A text file being read, with what diagnostics need to point into it.
//
// Keeps the path as shown to the user and the text, and turns an offset or a
// line number into the line's text for the caret display. Positions from a
// YAML parser that saw only part of the file are shifted by `line_offset`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace passerelle {

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  size_t line_count() const { return line_starts_.size(); }
  // The text of 1-based `line`, without its line ending; empty past the end.
  std::string_view line(int line) const;
  // 1-based line and column of a byte offset.
  std::pair<int, int> position(size_t offset) const;

  Diagnostic error_at(int line, int column, std::string message, std::string hint = {}) const;
  Diagnostic warning_at(int line, int column, std::string message, std::string hint = {}) const;

 private:
  Diagnostic at(Severity severity, int line, int column, std::string message, std::string hint) const;
  std::string path_;
  std::string text_;
  std::vector<size_t> line_starts_;
};

}  // namespace passerelle
