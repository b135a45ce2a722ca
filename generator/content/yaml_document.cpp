#include "content/yaml_document.h"

#include <algorithm>
#include <optional>
#include <sstream>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

namespace passerelle {

const YamlNode* YamlNode::find(std::string_view key) const {
  for (const Entry& entry : entries_)
    if (entry.key->is_scalar() && entry.key->scalar() == key) return entry.value;
  return nullptr;
}

namespace {

// A bracket that opens a list ('[') or a map ('{'), where it stands.
struct Bracket {
  int line = 0, column = 0;
  char opening = '[';
};

// The bracket with which line `number` of front matter, `line`, opens a
// list or map, as a key's value or an item of a list (`key: [a, b`,
// `- {a: b`), and does not close it. Quoted text and comments are skipped;
// a bracket inside plain text (`title: A [draft`) is text.
std::optional<Bracket> unclosed_on_line(int number, std::string_view line) {
  constexpr auto npos = std::string_view::npos;
  size_t at = line.find_first_not_of(' ');
  while (at != npos && line.substr(at, 2) == "- ") at = line.find_first_not_of(' ', at + 2);
  if (at == npos) return std::nullopt;
  if (line[at] != '[' && line[at] != '{') {
    const size_t colon = line.find(": ", at);
    if (colon == npos) return std::nullopt;
    at = line.find_first_not_of(' ', colon + 2);
    if (at == npos || (line[at] != '[' && line[at] != '{')) return std::nullopt;
  }
  size_t depth = 0;
  char quote = 0;
  for (size_t i = at; i < line.size(); ++i) {
    const char c = line[i];
    if (quote) {
      if (c == '\\' && quote == '"') ++i;  // an escape, in double quotes only
      else if (c == quote) quote = 0;      // '' in single quotes closes and opens again
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      if (--depth == 0) return std::nullopt;  // closed on this line
    } else if (c == '#' && line[i - 1] == ' ') {
      break;  // a comment
    }
  }
  return Bracket{number, static_cast<int>(at) + 1, line[at]};
}

// The bracket that the nearest line above `line` (not blank, not a comment;
// no higher than `first_line`) leaves open, if it does.
std::optional<Bracket> unclosed_bracket_above(const SourceFile& file, int first_line, int line) {
  for (int above = line - 1; above >= first_line; --above) {
    const std::string_view text = file.line(above);
    const size_t start = text.find_first_not_of(' ');
    if (start == std::string_view::npos || text[start] == '#') continue;
    return unclosed_on_line(above, text);
  }
  return std::nullopt;
}

}  // namespace

// An alias inside the value its anchor names (`&a [*a]`): yaml-cpp accepts
// it, but the tree would then contain itself, and every reader that walks it
// would have to guard against that. It is refused here instead.
struct AliasCycle {
  YAML::Mark mark;
};

// Turns yaml-cpp's parse events into YamlNodes: each node is added to the
// list or map open above it, or becomes the root.
class YamlTreeBuilder : public YAML::EventHandler {
 public:
  YamlTreeBuilder(std::deque<YamlNode>& nodes, int first_line) : nodes_(nodes), first_line_(first_line) {}

  const YamlNode* root() const { return root_; }

  // The innermost list or map written with brackets ([…] or {…}) that is
  // still open, or null: where the parser stopped looking for its end, it
  // is the bracket an editor has to close.
  const YamlNode* open_bracket() const {
    for (auto it = open_.rbegin(); it != open_.rend(); ++it)
      if (it->bracketed) return it->node;
    return nullptr;
  }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    add(make(YamlNode::Kind::null, mark, anchor));
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    // yaml-cpp has already checked that the anchor exists; a null stands in
    // should it ever name one this builder has not seen.
    const YamlNode* named = anchor < anchors_.size() ? anchors_[anchor] : nullptr;
    if (std::any_of(open_.begin(), open_.end(), [&](const Open& o) { return o.node == named; }))
      throw AliasCycle{mark};
    add(named ? *named : make(YamlNode::Kind::null, mark, YAML::NullAnchor));
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    YamlNode& node = make(YamlNode::Kind::scalar, mark, anchor);
    node.scalar_ = value;
    node.plain_ = tag == "?";  // yaml-cpp's tag for a scalar without quotes and without a tag
    add(node);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(make(YamlNode::Kind::list, mark, anchor), style == YAML::EmitterStyle::Flow);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(make(YamlNode::Kind::map, mark, anchor), style == YAML::EmitterStyle::Flow);
  }
  void OnMapEnd() override { close(); }

 private:
  YamlNode& make(YamlNode::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    const Position position =
        mark.is_null() ? Position{first_line_, 0} : Position{mark.line + first_line_, mark.column + 1};
    YamlNode& node = nodes_.emplace_back(kind, position);
    if (anchor != YAML::NullAnchor) {
      if (anchors_.size() <= anchor) anchors_.resize(anchor + 1);
      anchors_[anchor] = &node;
    }
    return node;
  }

  void add(const YamlNode& node) {
    if (open_.empty()) {
      if (!root_) root_ = &node;
      return;
    }
    YamlNode& parent = *open_.back().node;
    if (parent.is_list()) parent.items_.push_back(&node);
    else if (parent.entries_.empty() || parent.entries_.back().value)
      parent.entries_.push_back({&node, nullptr});  // a key; its value comes next
    else parent.entries_.back().value = &node;
  }

  // A list or map is added where it starts, so that its entries follow it.
  void open(YamlNode& node, bool bracketed) {
    add(node);
    open_.push_back({&node, bracketed});
  }
  void close() {
    YamlNode& node = *open_.back().node;
    if (node.is_map() && !node.entries_.empty() && !node.entries_.back().value)
      node.entries_.back().value =
          &nodes_.emplace_back(YamlNode::Kind::null, node.entries_.back().key->position());
    open_.pop_back();
  }

  std::deque<YamlNode>& nodes_;
  const int first_line_;
  const YamlNode* root_ = nullptr;
  struct Open {
    YamlNode* node;
    bool bracketed;  // written [a, b] or {a: b}
  };
  std::vector<Open> open_;
  std::vector<const YamlNode*> anchors_;  // by yaml-cpp's anchor number
};

std::optional<YamlDocument> parse_yaml(const SourceFile& file, const std::string& yaml, int first_line,
                                       Diagnostics& diagnostics) {
  YamlDocument doc{nullptr, std::make_unique<std::deque<YamlNode>>()};
  YamlTreeBuilder builder(*doc.nodes, first_line);
  try {
    std::istringstream in(yaml);
    YAML::Parser parser(in);
    parser.HandleNextDocument(builder);  // only the first document, as YAML::Load
    doc.root = builder.root();
    if (!doc.root) doc.root = &doc.nodes->emplace_back(YamlNode::Kind::null, Position{first_line, 0});
    return doc;
  } catch (const AliasCycle& e) {
    diagnostics.add(file.error_at(
        e.mark.line + first_line, e.mark.column + 1, "invalid YAML: an alias stands inside the value it names",
        "an alias (*name) can repeat a value written before it, not one it is part of"));
    return std::nullopt;
  } catch (const YAML::DeepRecursion& e) {
    int line = e.mark.is_null() ? first_line : e.mark.line + first_line;
    diagnostics.add(file.error_at(line, e.mark.is_null() ? 0 : e.mark.column + 1,
                                  "YAML nested too deeply (more than " + std::to_string(e.depth()) + " levels)",
                                  "front matter needs a few levels at most"));
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    int line = e.mark.is_null() ? first_line : e.mark.line + first_line;
    int column = e.mark.is_null() ? 0 : e.mark.column + 1;
    // yaml-cpp reports an unclosed bracket where it gave up looking for its
    // end, often on a later line (the next key, the next item of a list, or
    // the delimiter below the YAML), or as some other error found there:
    // point at the bracket itself, the one still open or, failing that, one
    // the line above leaves open (front matter writes [a, b] and {a: b} on one
    // line).
    std::optional<Bracket> bracket;
    if (e.msg.find("end of sequence flow") != std::string::npos ||
        e.msg.find("end of map flow") != std::string::npos)
      if (const YamlNode* open = builder.open_bracket())
        bracket = Bracket{open->position().line, open->position().column, open->is_list() ? '[' : '{'};
    if (!bracket && !e.mark.is_null()) bracket = unclosed_bracket_above(file, first_line, line);
    // yaml-cpp's own words ("end of sequence flow not found", "illegal
    // block entry" on the next line) name its grammar, not the slip.
    if (bracket) {
      const bool list = bracket->opening == '[';
      diagnostics.add(file.error_at(bracket->line, bracket->column,
                                    list ? "invalid YAML: a list opened with '[' is not closed"
                                         : "invalid YAML: a map opened with '{' is not closed",
                                    list
                                        ? "close it with ']' on the same line, e.g. countries: [FR, PT]; a "
                                          "text that starts with '[' needs quotes"
                                        : "close it with '}' on the same line, e.g. period: {start: 2002, end: "
                                          "2005}; a text that starts with '{' needs quotes"));
      return std::nullopt;
    }
    // Any other error yaml-cpp may mark below the YAML, on the delimiter:
    // point at the end of the YAML's last line instead.
    int last_line = first_line + static_cast<int>(std::count(yaml.begin(), yaml.end(), '\n')) - 1;
    if (line > last_line && last_line >= first_line) {
      line = last_line;
      column = static_cast<int>(file.line(line).size()) + 1;
    }
    std::string hint;
    const std::string_view text = file.line(line);
    const bool tab_indent = text.find_first_not_of(" \t") != std::string_view::npos &&
                            text.substr(0, text.find_first_not_of(" \t")).find('\t') != std::string_view::npos;
    if (tab_indent || e.msg.find("tab") != std::string::npos) hint = "indent YAML with spaces, not tabs";
    else if (e.msg.find("end of sequence flow") != std::string::npos)
      hint = "a list opened with '[' is not closed with ']'";
    else if (e.msg.find("end of map flow") != std::string::npos)
      hint = "a map opened with '{' is not closed with '}'";
    else if (e.msg.find("end of sequence not found") != std::string::npos ||
             e.msg.find("end of map not found") != std::string::npos)
      hint =
          "check the indentation on this line and the one above: the items of a list, and the keys of a "
          "map, start in the same column";
    else hint = "text containing ': ' or starting with a special character needs quotes";
    diagnostics.add(file.error_at(line, column, "invalid YAML: " + e.msg, hint));
    return std::nullopt;
  }
}

std::string node_kind(const YamlNode& node) {
  switch (node.kind()) {
    case YamlNode::Kind::map: return "a map";
    case YamlNode::Kind::list: return "a list";
    case YamlNode::Kind::null: return "nothing";
    case YamlNode::Kind::scalar: return "'" + node.scalar() + "'";
  }
  return "an undefined value";
}

}  // namespace passerelle
