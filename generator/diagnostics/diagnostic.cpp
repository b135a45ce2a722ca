#include "diagnostics/diagnostic.h"

#include <algorithm>
#include <tuple>

#include <utf8proc.h>

namespace passerelle {

namespace {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

// Tabs in the source line are shown as single spaces so the caret lines up.
// The source line as it can be printed: tabs become one space (so the caret
// lines up) and bytes that are not UTF-8 become '?'.
std::string printable(const std::string& text) {
  std::string out;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto size = static_cast<utf8proc_ssize_t>(text.size());
  for (utf8proc_ssize_t i = 0; i < size;) {
    utf8proc_int32_t codepoint;
    utf8proc_ssize_t length = utf8proc_iterate(bytes + i, size - i, &codepoint);
    if (length < 1) {
      out += '?';
      ++i;
      continue;
    }
    if (codepoint == '\t') out += ' ';
    else out.append(text, static_cast<size_t>(i), static_cast<size_t>(length));
    i += length;
  }
  return out;
}

std::string caret_display(const Diagnostic& d) {
  // Long lines are cut to a window around the column, marked with "…".
  constexpr size_t width = 100;
  std::string source = d.source_line;
  int column = d.column;
  if (source.size() > width) {
    // The column may lie past the line's end (a position counted in text
    // that cmark rewrote, NUL bytes as U+FFFD): the window stays in the line.
    size_t at = std::min(column > 0 ? static_cast<size_t>(column - 1) : 0, source.size());
    size_t start = at > width / 2 ? at - width / 2 : 0;
    while (start > 0 && (static_cast<unsigned char>(source[start]) & 0xC0) == 0x80) --start;
    size_t end = std::min(source.size(), start + width);
    while (end < source.size() && (static_cast<unsigned char>(source[end]) & 0xC0) == 0x80) ++end;
    std::string cut = source.substr(start, end - start);
    if (start > 0) {
      cut = "…" + cut;
      column = column - static_cast<int>(start) + 1;
    }
    if (end < source.size()) cut += "…";
    source = cut;
  }
  Diagnostic shown = d;
  shown.column = column;
  std::string line = printable(source);
  std::string gutter = std::to_string(d.line);
  std::string out = "  " + gutter + " | " + line + "\n";
  out += "  " + std::string(gutter.size(), ' ') + " | ";
  if (shown.column > 0) out += std::string(static_cast<size_t>(shown.column - 1), ' ') + "^";
  out += "\n";
  return out;
}

// Workflow commands treat %, \r, \n (and , : in properties) specially.
std::string escape_github(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else if (property && c == ':') out += "%3A";
    else if (property && c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

}  // namespace

std::string format(const Diagnostic& d) {
  std::string out = d.path;
  if (d.line > 0) {
    out += ":" + std::to_string(d.line);
    if (d.column > 0) out += ":" + std::to_string(d.column);
  }
  out += std::string(": ") + severity_name(d.severity) + ": " + d.message + "\n";
  if (d.line > 0 && !d.source_line.empty()) out += caret_display(d);
  if (!d.hint.empty()) out += "  hint: " + d.hint + "\n";
  return out;
}

std::string format_github(const Diagnostic& d) {
  std::string out = "::";
  out += d.severity == Severity::note ? "notice" : severity_name(d.severity);
  out += " file=" + escape_github(d.path, true);
  if (d.line > 0) out += ",line=" + std::to_string(d.line);
  if (d.column > 0) out += ",col=" + std::to_string(d.column);
  std::string message = d.message;
  if (!d.hint.empty()) message += " (" + d.hint + ")";
  out += "::" + escape_github(message, false) + "\n";
  return out;
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void Diagnostics::error(std::string path, int line, int column, std::string message, std::string hint,
                        std::string source_line) {
  items_.push_back({std::move(path), line, column, Severity::error, std::move(message), std::move(hint),
                    std::move(source_line)});
}

void Diagnostics::warning(std::string path, int line, int column, std::string message, std::string hint,
                          std::string source_line) {
  items_.push_back({std::move(path), line, column, Severity::warning, std::move(message), std::move(hint),
                    std::move(source_line)});
}

void Diagnostics::note(std::string path, std::string message, std::string hint) {
  items_.push_back({std::move(path), 0, 0, Severity::note, std::move(message), std::move(hint), {}});
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

size_t Diagnostics::error_count() const {
  return static_cast<size_t>(std::count_if(items_.begin(), items_.end(),
                                           [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

size_t Diagnostics::warning_count() const {
  return static_cast<size_t>(std::count_if(
      items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::warning; }));
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const bool a_note = a.severity == Severity::note, b_note = b.severity == Severity::note;
    return std::tie(a_note, a.path, a.line, a.column, a.severity, a.message) <
           std::tie(b_note, b.path, b.line, b.column, b.severity, b.message);
  });
  // The same problem found twice (a YAML alias repeats a value) is shown once.
  items_.erase(std::unique(items_.begin(), items_.end()), items_.end());
}

}  // namespace passerelle
