#include "content/yaml_document.h"

#include <algorithm>
#include <string_view>

#include <yaml-cpp/depthguard.h>

namespace passerelle {

std::optional<YamlDocument> parse_yaml(const SourceFile& file, const std::string& yaml,
                                       int first_line, Diagnostics& diagnostics) {
  try {
    return YamlDocument{YAML::Load(yaml), first_line};
  } catch (const YAML::DeepRecursion& e) {
    int line = e.mark.is_null() ? first_line : e.mark.line + first_line;
    diagnostics.add(file.error_at(line, e.mark.is_null() ? 0 : e.mark.column + 1,
                                  "YAML nested too deeply (more than " + std::to_string(e.depth()) + " levels)",
                                  "front matter needs a few levels at most"));
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    int line = e.mark.is_null() ? first_line : e.mark.line + first_line;
    int column = e.mark.is_null() ? 0 : e.mark.column + 1;
    // yaml-cpp reports an unclosed bracket where the text ends: point at the
    // last line of the YAML rather than at the delimiter below it.
    int last_line = first_line + static_cast<int>(std::count(yaml.begin(), yaml.end(), '\n')) - 1;
    if (line > last_line && last_line >= first_line) {
      line = last_line;
      column = static_cast<int>(file.line(line).size()) + 1;
    }
    std::string hint;
    const std::string_view text = file.line(line);
    const bool tab_indent = text.find_first_not_of(" \t") != std::string_view::npos &&
                            text.substr(0, text.find_first_not_of(" \t")).find('\t') != std::string_view::npos;
    if (tab_indent || e.msg.find("tab") != std::string::npos)
      hint = "indent YAML with spaces, not tabs";
    else if (e.msg.find("end of sequence flow") != std::string::npos)
      hint = "a list opened with '[' is not closed with ']'";
    else if (e.msg.find("end of map flow") != std::string::npos)
      hint = "a map opened with '{' is not closed with '}'";
    else
      hint = "text containing ': ' or starting with a special character needs quotes";
    diagnostics.add(file.error_at(line, column, "invalid YAML: " + e.msg, hint));
    return std::nullopt;
  }
}

Position node_position(const YamlDocument& doc, const YAML::Node& node) {
  YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {doc.first_line, 0};
  return {mark.line + doc.first_line, mark.column + 1};
}

std::string node_kind(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Scalar: return "'" + node.Scalar() + "'";
    default: return "an undefined value";
  }
}

}  // namespace passerelle
