// Splitting a record file into its YAML front matter and its Markdown body.
//
// A record starts with a line `---`, then YAML, then a line `---` (or `...`).
// A UTF-8 byte-order mark and CRLF line endings are accepted. Line numbers are
// kept so that a problem in either part is reported at its line in the file.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "content/source_file.h"
#include "diagnostics/diagnostic.h"

namespace passerelle {

struct FrontMatter {
  std::string yaml;
  int yaml_line = 2;      // file line of the YAML's first line
  std::string_view body;  // a view into the file's text
  int body_line = 3;      // file line of the body's first line
};

std::optional<FrontMatter> split_front_matter(const SourceFile& file, Diagnostics& diagnostics);

// The offset of the first byte that is not valid UTF-8, or nothing.
std::optional<size_t> find_invalid_utf8(const std::string& text);

}  // namespace passerelle
