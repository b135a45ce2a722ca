// Parsing YAML into nodes that remember where they came from.
//
// Wraps yaml-cpp: a parse error becomes a Diagnostic at the right line of the
// enclosing file (front matter starts below its `---`, so positions are
// shifted by the line it starts on), and node_position() gives the file
// position of any node for later diagnostics.
#pragma once

#include <optional>
#include <string>

#include <yaml-cpp/yaml.h>

#include "content/source_file.h"
#include "diagnostics/diagnostic.h"

namespace passerelle {

struct Position {
  int line = 0;
  int column = 0;
};

struct YamlDocument {
  YAML::Node root;
  int first_line = 1;  // file line of the YAML text's first line
};

// Parses `yaml` (a part of `file` starting at `first_line`). On error, adds a
// diagnostic and returns nothing.
std::optional<YamlDocument> parse_yaml(const SourceFile& file, const std::string& yaml,
                                       int first_line, Diagnostics& diagnostics);

Position node_position(const YamlDocument& doc, const YAML::Node& node);

// A short name for the kind of a node, for "expected a list, got a map".
std::string node_kind(const YAML::Node& node);

}  // namespace passerelle
