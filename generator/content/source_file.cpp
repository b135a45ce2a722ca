#include "content/source_file.h"

#include <algorithm>

namespace passerelle {

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (size_t i = text_.find('\n'); i != std::string::npos && i + 1 < text_.size(); i = text_.find('\n', i + 1))
    line_starts_.push_back(i + 1);
}

std::string_view SourceFile::line(int line) const {
  if (line < 1 || static_cast<size_t>(line) > line_starts_.size()) return {};
  size_t start = line_starts_[static_cast<size_t>(line - 1)];
  size_t end = text_.find('\n', start);
  if (end == std::string::npos) end = text_.size();
  if (end > start && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(start, end - start);
}

std::pair<int, int> SourceFile::position(size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  return {static_cast<int>(index + 1), static_cast<int>(offset - line_starts_[index] + 1)};
}

Diagnostic SourceFile::at(Severity severity, int line_number, int column, std::string message,
                          std::string hint) const {
  return {path_,
          line_number,
          column,
          severity,
          std::move(message),
          std::move(hint),
          std::string(line(line_number))};
}

Diagnostic SourceFile::error_at(int line_number, int column, std::string message, std::string hint) const {
  return at(Severity::error, line_number, column, std::move(message), std::move(hint));
}

Diagnostic SourceFile::warning_at(int line_number, int column, std::string message, std::string hint) const {
  return at(Severity::warning, line_number, column, std::move(message), std::move(hint));
}

}  // namespace passerelle
