// Parsing YAML into nodes that remember where they came from.
//
// Wraps yaml-cpp's event parser: the events become a small tree of
// YamlNode, each with its position in the enclosing file (front matter
// starts below its `---`, so lines are shifted by the line it starts on), and
// a parse error becomes a Diagnostic at the right line. yaml-cpp's own node
// tree (YAML::Load) costs a fifth more per record and more again to walk,
// which shows on catalogues of many thousand records.
//
// An alias (*name) is the anchored node itself, not a copy, so an alias bomb
// stays as small as its text; readers bound how much they visit.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/source_file.h"
#include "diagnostics/diagnostic.h"

namespace passerelle {

struct Position {
  int line = 0;
  int column = 0;  // 0 when the position is only a line
};

class YamlNode {
 public:
  enum class Kind { null, scalar, list, map };
  struct Entry {
    const YamlNode* key;
    const YamlNode* value;
  };

  YamlNode(Kind kind, Position position) : kind_(kind), position_(position) {}

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::null; }
  bool is_scalar() const { return kind_ == Kind::scalar; }
  bool is_list() const { return kind_ == Kind::list; }
  bool is_map() const { return kind_ == Kind::map; }
  Position position() const { return position_; }

  // The text of a scalar; empty for any other node.
  const std::string& scalar() const { return scalar_; }
  // A scalar written without quotes, whose text a ' #' cuts short.
  bool plain() const { return plain_; }
  // The items of a list, in order; empty for any other node.
  const std::vector<const YamlNode*>& items() const { return items_; }
  // The entries of a map, in order, a repeated key included; empty for any other node.
  const std::vector<Entry>& entries() const { return entries_; }
  // The value of the first entry whose key is the scalar `key`, or null.
  const YamlNode* find(std::string_view key) const;

 private:
  friend class YamlTreeBuilder;
  Kind kind_;
  Position position_;
  std::string scalar_;
  bool plain_ = false;
  std::vector<const YamlNode*> items_;
  std::vector<Entry> entries_;
};

struct YamlDocument {
  const YamlNode* root = nullptr;               // never null once parsed: an empty text is a null node
  std::unique_ptr<std::deque<YamlNode>> nodes;  // owns every node; addresses stay put
};

// Parses `yaml` (a part of `file` starting at `first_line`). On error, adds a
// diagnostic and returns nothing.
std::optional<YamlDocument> parse_yaml(const SourceFile& file, const std::string& yaml, int first_line,
                                       Diagnostics& diagnostics);

// A short name for the kind of a node, for "expected a list, got a map".
std::string node_kind(const YamlNode& node);

}  // namespace passerelle
