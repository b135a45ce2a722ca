#include "edit/record_rename.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <vector>

#include "content/front_matter.h"
#include "content/yaml_document.h"
#include "markdown/markdown.h"
#include "validation/record_loader.h"

namespace passerelle {

namespace {

// `length` bytes at `offset` of a file's text become `text`.
struct Edit {
  size_t offset;
  size_t length;
  std::string text;
};

std::string applied(std::string text, std::vector<Edit> edits) {
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.offset > b.offset; });
  for (const auto& e : edits) text.replace(e.offset, e.length, e.text);
  return text;
}

size_t line_start(const SourceFile& file, int line) {
  if (line < 1) return 0;
  if (static_cast<size_t>(line) > file.line_count()) return file.text().size();
  return static_cast<size_t>(file.line(line).data() - file.text().data());
}

// The byte a YAML position points at (yaml-cpp counts columns in bytes).
size_t offset_of(const SourceFile& file, Position p) {
  return line_start(file, p.line) + static_cast<size_t>(std::max(p.column, 1) - 1);
}

std::string line_ending(const std::string& text) {
  return text.find("\r\n") != std::string::npos ? "\r\n" : "\n";
}

bool blank_or_comment(std::string_view line) {
  const size_t first = line.find_first_not_of(" \t");
  return first == std::string_view::npos || line[first] == '#';
}

// Every node of the tree once: an alias (*name) is its anchored node, so a
// tree of aliases is walked in the time of its text.
void collect_values(const YamlNode& node, std::set<const YamlNode*>& seen,
                    std::vector<const YamlNode*>& scalars) {
  if (!seen.insert(&node).second) return;
  if (node.is_scalar()) scalars.push_back(&node);
  for (const YamlNode* item : node.items()) collect_values(*item, seen, scalars);
  for (const auto& entry : node.entries())
    collect_values(*entry.value, seen, scalars);  // keys are names, not values
}

class Renamer {
 public:
  Renamer(const RenameRequest& request, RenamePlan& plan)
      : request_(request),
        plan_(plan),
        old_key_(request.collection + "/" + request.old_id),
        new_key_(request.collection + "/" + request.new_id),
        old_file_(request.collection + "/" + request.old_id + ".md") {}

  // One record file of `collection`: its references to the old record, and
  // for the record itself its new alias.
  void file(const std::string& collection, const std::string& id, const std::string& path, std::string text) {
    const bool renamed = collection == request_.collection && id == request_.old_id;
    SourceFile file(path, std::move(text));
    Diagnostics ignored;  // `check` reports what is wrong with the file
    auto front_matter = split_front_matter(file, ignored);
    if (!front_matter) {
      if (renamed) refuse(file, 1, 0, "cannot add the alias: the file has no front matter that can be read");
      else if (file.text().find(request_.old_id) != std::string::npos)
        plan_.diagnostics.warning(path, 0, 0,
                                  "the front matter cannot be read; references in this file were not changed",
                                  "change them to " + new_key_ + " by hand");
      return;
    }
    std::vector<Edit> edits;
    size_t references = 0;
    auto doc = parse_yaml(file, front_matter->yaml, front_matter->yaml_line, ignored);
    if (doc) {
      if (collection == request_.collection) check_aliases(file, *doc, renamed, collection + "/" + id);
      std::set<const YamlNode*> seen;
      std::vector<const YamlNode*> scalars;
      collect_values(*doc->root, seen, scalars);
      for (const YamlNode* node : scalars)
        if (node->scalar() == old_key_ && reference(file, *node, edits)) ++references;
      if (renamed) add_alias(file, *front_matter, *doc, edits);
    } else if (renamed) {
      refuse(file, front_matter->yaml_line, 0, "cannot add the alias: the front matter is not valid YAML");
    } else if (front_matter->yaml.find(old_key_) != std::string::npos) {
      plan_.diagnostics.warning(path, front_matter->yaml_line, 0,
                                "the front matter is not valid YAML; references in it were not changed",
                                "change " + old_key_ + " to " + new_key_ + " by hand");
    }
    references += links(file, *front_matter, collection, edits);
    if (renamed) {
      plan_.record_text = applied(file.text(), std::move(edits));
      if (references > 0) plan_.references[plan_.new_path] = references;
    } else if (!edits.empty()) {
      plan_.rewritten[path] = applied(file.text(), std::move(edits));
      plan_.references[path] = references;
    }
  }

 private:
  void refuse(const SourceFile& file, int line, int column, std::string message, std::string hint = {}) {
    plan_.diagnostics.add(file.error_at(line, column, std::move(message), std::move(hint)));
  }

  // The new id may not be an address the collection already keeps for a record.
  void check_aliases(const SourceFile& file, const YamlDocument& doc, bool renamed, const std::string& key) {
    const YamlNode* aliases = doc.root->is_map() ? doc.root->find("aliases") : nullptr;
    if (!aliases) return;
    for (const YamlNode* item : aliases->items()) {
      if (item->scalar() != request_.new_id) continue;
      const Position p = item->position();
      if (renamed)
        refuse(file, p.line, p.column, "'" + request_.new_id + "' is already an alias of " + old_key_,
               "to give the record its former id back, remove '" + request_.new_id +
                   "' from its aliases, then run mv again");
      else
        refuse(file, p.line, p.column,
               "'" + request_.new_id + "' is an alias of " + key + ": its old address leads there",
               "choose another id, or remove the alias from " + file.path());
    }
  }

  // A value that is exactly the old key, plain or quoted.
  bool reference(const SourceFile& file, const YamlNode& node, std::vector<Edit>& edits) {
    const std::string& text = file.text();
    size_t at = offset_of(file, node.position());
    auto holds = [&](size_t offset) {
      return offset < text.size() && text.compare(offset, old_key_.size(), old_key_) == 0;
    };
    if (at < text.size() && (text[at] == '"' || text[at] == '\'') && holds(at + 1)) ++at;
    if (!holds(at)) {
      plan_.diagnostics.add(file.warning_at(node.position().line, node.position().column,
                                            "this reference to " + old_key_ + " was not changed",
                                            "write it " + new_key_ + " by hand"));
      return false;
    }
    edits.push_back({at, old_key_.size(), new_key_});
    return true;
  }

  // The old id goes into `aliases`: appended to its list, or a new line
  // after the title (or at the end of the front matter).
  void add_alias(const SourceFile& file, const FrontMatter& front_matter, const YamlDocument& doc,
                 std::vector<Edit>& edits) {
    const std::string& text = file.text();
    const std::string& alias = request_.old_id;
    const std::string newline = line_ending(text);
    if (!doc.root->is_map()) {
      refuse(file, front_matter.yaml_line, 0, "cannot add the alias: the front matter is not a map of fields");
      return;
    }
    const auto& entries = doc.root->entries();
    for (const auto& entry : entries) {
      if (entry.key->scalar() != "aliases") continue;
      const YamlNode& value = *entry.value;
      const size_t at = offset_of(file, value.position());
      if (value.is_list() && at < text.size() && text[at] == '[') {  // [a, b]
        size_t close = at, depth = 0;
        for (; close < text.size(); ++close) {
          if (text[close] == '[') ++depth;
          if (text[close] == ']' && --depth == 0) break;
        }
        if (close == text.size()) {
          refuse(file, value.position().line, value.position().column,
                 "cannot find the end of the aliases' list", "write aliases: [a, b] on one line");
          return;
        }
        size_t end = close;
        while (end > at + 1 && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
        if (end == at + 1) edits.push_back({at + 1, close - at - 1, alias});  // [] or [ ]
        else edits.push_back({end, 0, ", " + alias});
      } else if (value.is_list() && !value.items().empty()) {  // one "- id" per line
        const Position last = value.items().back()->position();
        const std::string indent(
            file.line(last.line).substr(0, static_cast<size_t>(std::max(last.column, 1) - 1)));
        edits.push_back({line_start(file, last.line + 1), 0, indent + alias + newline});
      } else if (value.is_null()) {  // "aliases:" with nothing, ~ or null
        const Position key = entry.key->position();
        const std::string_view line = file.line(key.line);
        const size_t colon = line.find(':', static_cast<size_t>(std::max(key.column, 1) - 1));
        if (colon == std::string_view::npos) {
          refuse(file, key.line, key.column, "cannot add the alias to 'aliases' here",
                 "write aliases: [" + alias + "]");
          return;
        }
        size_t from = colon + 1;
        while (from < line.size() && (line[from] == ' ' || line[from] == '\t')) ++from;
        size_t to = from;
        while (to < line.size() && line[to] != ' ' && line[to] != '\t' && line[to] != '#') ++to;
        const std::string_view token = line.substr(from, to - from);
        const size_t base = line_start(file, key.line);
        if (token == "~" || token == "null" || token == "Null" || token == "NULL")
          edits.push_back({base + from, token.size(), "[" + alias + "]"});
        else edits.push_back({base + colon + 1, 0, " [" + alias + "]"});
      } else {
        const Position p = value.position();
        refuse(file, p.line, p.column, "'aliases' must be a list to add '" + alias + "' to it",
               "write aliases: [a, b]");
      }
      return;
    }
    // No aliases yet: a line of its own below the title and what continues
    // it, above the comments that introduce the next field.
    const int closing = front_matter.body_line - 1;  // the line `---` that ends the front matter
    int line = closing;
    for (size_t i = 0; i < entries.size(); ++i) {
      if (entries[i].key->scalar() != "title") continue;
      const int title = entries[i].key->position().line;
      int next = i + 1 < entries.size() ? entries[i + 1].key->position().line : closing;
      while (next - 1 > title && blank_or_comment(file.line(next - 1))) --next;
      line = next;
    }
    edits.push_back({line_start(file, line), 0, "aliases: [" + alias + "]" + newline});
  }

  // Markdown links to the old file, as written: `](old.md)`, `](<old.md>)`,
  // `[label]: old.md`, relative to the file's folder, with a #fragment or a
  // title after them. Fenced code blocks show links rather than make them.
  size_t links(const SourceFile& file, const FrontMatter& front_matter, const std::string& folder,
               std::vector<Edit>& edits) {
    static const std::regex definition(R"( {0,3}\[[^\]]+\]:[ \t]*<?)");
    const std::string needle = request_.old_id + ".md";
    const size_t body_start = static_cast<size_t>(front_matter.body.data() - file.text().data());
    const std::string_view body = front_matter.body;
    size_t count = 0;
    std::string fence;  // the open fence's marker, e.g. "```"; empty outside code
    for (size_t begin = 0; begin < body.size();) {
      size_t end = body.find('\n', begin);
      if (end == std::string_view::npos) end = body.size();
      const std::string_view line = body.substr(begin, end - begin);
      const size_t line_offset = begin;
      begin = end + 1;
      const size_t indent = line.find_first_not_of(' ');
      if (indent != std::string_view::npos && indent <= 3 &&
          (line.substr(indent, 3) == "```" || line.substr(indent, 3) == "~~~")) {
        const size_t run = line.find_first_not_of(line[indent], indent) - indent;
        const std::string marker(std::min(run, line.size() - indent), line[indent]);
        if (fence.empty()) fence = marker;
        else if (marker[0] == fence[0] && marker.size() >= fence.size()) fence.clear();
        continue;
      }
      if (!fence.empty()) continue;
      for (size_t pos = line.find(needle); pos != std::string_view::npos; pos = line.find(needle, pos + 1)) {
        const size_t after = pos + needle.size();
        if (after < line.size() && std::string_view(")#> \t\r").find(line[after]) == std::string_view::npos)
          continue;
        size_t start = pos;
        while (start > 0 && std::string_view("(< \t").find(line[start - 1]) == std::string_view::npos) --start;
        if (start != pos && line[pos - 1] != '/') continue;  // "xold.md" is another file
        const std::string before(line.substr(0, start));
        const bool inline_link =
            (start >= 2 && line[start - 1] == '(' && line[start - 2] == ']') ||
            (start >= 3 && line[start - 1] == '<' && line[start - 2] == '(' && line[start - 3] == ']');
        if (!inline_link && !std::regex_match(before, definition)) continue;
        const auto target = resolve_content_link(folder, std::string(line.substr(start, after - start)));
        if (!target || *target != old_file_) continue;
        edits.push_back({body_start + line_offset + pos, request_.old_id.size(), request_.new_id});
        ++count;
      }
    }
    return count;
  }

  const RenameRequest& request_;
  RenamePlan& plan_;
  const std::string old_key_, new_key_, old_file_;
};

}  // namespace

size_t RenamePlan::reference_count() const {
  size_t n = 0;
  for (const auto& [path, count] : references) n += count;
  return n;
}

RenamePlan plan_rename(const FileSystem& fs, const Schema& schema, const RenameRequest& request) {
  RenamePlan plan;
  const std::string folder = join_path(request.content_dir, request.collection);
  plan.old_path = join_path(folder, request.old_id + ".md");
  plan.new_path = join_path(folder, request.new_id + ".md");
  Renamer renamer(request, plan);
  Diagnostics ignored;  // `check` reports the files that are not records
  for (const RecordFile& file : find_record_files(fs, request.content_dir, schema, ignored)) {
    auto text = fs.read(file.path);
    if (!text) {
      plan.diagnostics.error(file.path, 0, 0, "cannot read the file");
      continue;
    }
    renamer.file(file.collection->id, file.id, file.path, std::move(*text));
  }
  return plan;
}

}  // namespace passerelle
