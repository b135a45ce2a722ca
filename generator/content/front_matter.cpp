#include "content/front_matter.h"

#include <cstdint>
#include <cstring>

#include <utf8proc.h>

namespace passerelle {

namespace {

bool is_delimiter(std::string_view line, bool closing) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == "---" || (closing && line == "...");
}

}  // namespace

std::optional<size_t> find_invalid_utf8(const std::string& text) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto size = static_cast<utf8proc_ssize_t>(text.size());
  utf8proc_ssize_t offset = 0;
  while (offset < size) {
    // Plain ASCII needs no decoding: skip it eight bytes at a time.
    std::uint64_t word;
    if (offset + 8 <= size && (std::memcpy(&word, bytes + offset, 8), (word & 0x8080808080808080u) == 0)) {
      offset += 8;
      continue;
    }
    if (bytes[offset] < 0x80) {
      ++offset;
      continue;
    }
    utf8proc_int32_t codepoint;
    utf8proc_ssize_t length = utf8proc_iterate(bytes + offset, size - offset, &codepoint);
    if (length < 0) return static_cast<size_t>(offset);
    offset += length;
  }
  return std::nullopt;
}

std::optional<FrontMatter> split_front_matter(const SourceFile& file, Diagnostics& diagnostics) {
  if (file.text().empty() || !is_delimiter(file.line(1), false)) {
    diagnostics.add(file.error_at(1, 1, "missing front matter",
                                  "a record starts with a line '---', then its fields "
                                  "(at least 'title: …'), then a line '---'"));
    return std::nullopt;
  }
  const size_t lines = file.line_count();
  for (size_t n = 2; n <= lines; ++n) {
    if (!is_delimiter(file.line(static_cast<int>(n)), true)) continue;
    FrontMatter fm;
    const std::string& text = file.text();
    // Offsets of line 2 and of the lines after the closing delimiter.
    size_t yaml_start = text.find('\n') + 1;
    size_t close_start = yaml_start;
    for (size_t i = 2; i < n; ++i) close_start = text.find('\n', close_start) + 1;
    size_t body_start = text.find('\n', close_start);
    body_start = body_start == std::string::npos ? text.size() : body_start + 1;
    fm.yaml = text.substr(yaml_start, close_start - yaml_start);
    fm.yaml_line = 2;
    fm.body = std::string_view(text).substr(body_start);
    fm.body_line = static_cast<int>(n) + 1;
    return fm;
  }
  diagnostics.add(file.error_at(1, 1, "unterminated front matter",
                                "close the front matter with a line '---' after the last field"));
  return std::nullopt;
}

}  // namespace passerelle
