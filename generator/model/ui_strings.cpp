#include "model/ui_strings.h"

#include <set>

#include "content/source_file.h"
#include "content/yaml_document.h"
#include "diagnostics/edit_distance.h"
#include "fs/path_names.h"

namespace passerelle {

using nlohmann::json;

namespace {

// The entries of a strings file that are not strings.
bool is_special(const std::string& key) { return key == "script" || key == "months"; }

// Reads the entries of a map of strings into `out`: a text, or a count
// {one, other}.
void read_strings(const SourceFile& file, const YamlNode& map, json& out, Diagnostics& diagnostics) {
  for (const auto& entry : map.entries()) {
    const std::string& key = entry.key->scalar();
    if (is_special(key)) continue;
    const YamlNode& value = *entry.value;
    Position p = value.position();
    if (out.contains(key)) {
      Position k = entry.key->position();
      diagnostics.add(file.error_at(k.line, k.column, "the string '" + key + "' is given twice",
                                    "keep one of the two"));
      continue;
    }
    if (value.is_scalar()) {
      out[key] = value.scalar();
    } else if (value.is_map() && value.find("one") && value.find("other") && value.entries().size() == 2 &&
               value.find("one")->is_scalar() && value.find("other")->is_scalar()) {
      out[key] = {{"one", value.find("one")->scalar()}, {"other", value.find("other")->scalar()}};
    } else {
      diagnostics.add(file.error_at(p.line, p.column, "the string '" + key + "' must be a text",
                                    "or, for a count, {one: \"{n} record\", other: \"{n} records\"}"));
    }
  }
}

// Every key of `reference` in `strings`, and no other, reported in `file`.
void check_keys(const SourceFile& file, const YamlNode* map, const json& strings, const json& reference,
                const std::string& reference_name, Diagnostics& diagnostics) {
  std::vector<std::string> known;
  for (const auto& [key, value] : reference.items()) {
    known.push_back(key);
    if (!strings.contains(key))
      diagnostics.add(file.error_at(map ? map->position().line : 1, 0,
                                    "the string '" + key + "' is missing",
                                    "add its translation of " + reference_name + "'s: " +
                                        (value.is_string() ? value.get<std::string>() : value.dump())));
    else if (value.is_object() != strings[key].is_object())
      diagnostics.add(file.error_at(map ? map->position().line : 1, 0,
                                    "the string '" + key + "' must be " +
                                        (value.is_object() ? "a count {one, other}" : "a text") +
                                        ", as in " + reference_name));
  }
  if (!map) return;
  for (const auto& entry : map->entries())
    if (!reference.contains(entry.key->scalar()) && !is_special(entry.key->scalar())) {
      Position p = entry.key->position();
      diagnostics.add(file.error_at(p.line, p.column, "unknown string '" + entry.key->scalar() + "'",
                                    did_you_mean(entry.key->scalar(), known)));
    }
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

}  // namespace

UiStrings UiStrings::load(const FileSystem& fs, const std::string& dir, const std::string& language,
                          const UiStrings* reference, Diagnostics& diagnostics) {
  UiStrings strings;
  strings.language_ = language;
  const std::string path = join_path(dir, language + ".yaml");
  auto text = fs.read(path);
  if (!text) {
    diagnostics.error(path, 0, 0, "no interface strings for the language '" + language + "'",
                      reference ? "copy " + reference->language() + ".yaml beside it and translate each string"
                                : "the template folder needs strings/" + language + ".yaml");
    if (reference) {  // pages still render, in the reference's words
      strings.view_ = reference->view_;
      strings.script_ = reference->script_;
      strings.months_ = reference->months_;
    }
    return strings;
  }
  SourceFile file(path, *text);
  auto doc = parse_yaml(file, *text, 1, diagnostics);
  if (!doc) return strings;
  if (!doc->root->is_map()) {
    diagnostics.add(file.error_at(1, 1, "the strings must be a map of name: text"));
    return strings;
  }
  const YamlNode* script = nullptr;
  const YamlNode* months = nullptr;
  for (const auto& entry : doc->root->entries()) {
    const std::string& key = entry.key->scalar();
    if (key == "script") script = entry.value;
    else if (key == "months") months = entry.value;
  }
  json all = json::object();
  read_strings(file, *doc->root, all, diagnostics);
  strings.view_ = std::move(all);
  if (script && script->is_map()) read_strings(file, *script, strings.script_, diagnostics);
  else if (script) {
    Position p = script->position();
    diagnostics.add(file.error_at(p.line, p.column, "'script' must be a map of name: text"));
  }
  if (months && months->is_list() && months->items().size() == 12) {
    for (const YamlNode* m : months->items()) strings.months_.push_back(m->scalar());
  } else {
    Position p = months ? months->position() : Position{1, 0};
    diagnostics.add(file.error_at(p.line, p.column, "'months' must be the list of the twelve months' names",
                                  "months: [January, February, …]"));
  }
  if (reference) {
    const std::string name = reference->language() + ".yaml";
    check_keys(file, doc->root, strings.view_, reference->view_, name, diagnostics);
    check_keys(file, script, strings.script_, reference->script_, name, diagnostics);
  }
  return strings;
}

std::string UiStrings::text(const std::string& key) const {
  auto it = view_.find(key);
  if (it == view_.end() || !it->is_string()) return "[" + key + "]";
  return it->get<std::string>();
}

std::string UiStrings::format(const std::string& key,
                              std::initializer_list<std::pair<std::string, std::string>> values) const {
  std::string out = text(key);
  for (const auto& [name, value] : values) out = replace_all(out, "{" + name + "}", value);
  return out;
}

std::string UiStrings::count(const std::string& key, size_t n) const {
  auto it = view_.find(key);
  if (it == view_.end() || !it->is_object()) return number(static_cast<long long>(n)) + " [" + key + "]";
  // French counts 0 and 1 as singular; English, and the others here, only 1.
  const bool one = language_ == "fr" ? n < 2 : n == 1;
  return replace_all((*it)[one ? "one" : "other"].get<std::string>(), "{n}",
                     number(static_cast<long long>(n)));
}

std::string UiStrings::number(long long n) const {
  std::string digits = std::to_string(n < 0 ? -n : n);
  // French groups with a narrow no-break space, English with a comma; a
  // four-digit number stays whole in French.
  const std::string separator = language_ == "fr" ? "\u202f" : ",";
  if (language_ != "fr" || digits.size() > 4)
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(at, separator);
  return (n < 0 ? "-" : "") + digits;
}

std::string UiStrings::date(const std::string& iso) const {
  if (iso.size() < 10 || months_.size() != 12) return iso;
  const int month = std::stoi(iso.substr(5, 2));
  const int day = std::stoi(iso.substr(8, 2));
  if (month < 1 || month > 12) return iso;
  std::string day_text = std::to_string(day);
  if (language_ == "fr" && day == 1) day_text = "1er";
  return day_text + " " + months_[month - 1] + " " + iso.substr(0, 4);
}

}  // namespace passerelle
