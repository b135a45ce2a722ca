#include "validation/field_validator.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <regex>
#include <set>

#include "content/record.h"
#include "diagnostics/edit_distance.h"
#include "util/text.h"

namespace passerelle {

namespace {

using nlohmann::json;

std::optional<long long> parse_integer(const std::string& text) {
  long long value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

class FieldValidator {
 public:
  FieldValidator(const ValidationContext& context, const std::string& self, const SourceFile& file,
                 Diagnostics& diagnostics)
      : context_(context), self_(self), file_(file), diagnostics_(diagnostics) {}

  void error(const YamlNode& node, std::string message, std::string hint = {}) {
    Position p = node.position();
    diagnostics_.add(file_.error_at(p.line, p.column, std::move(message), std::move(hint)));
  }

  void warning(const YamlNode& node, std::string message, std::string hint = {}) {
    Position p = node.position();
    diagnostics_.add(file_.warning_at(p.line, p.column, std::move(message), std::move(hint)));
  }

  // `name` is the field's path for messages, e.g. "period.start".
  std::optional<json> value(const FieldSpec& spec, const std::string& name, const YamlNode& node) {
    // YAML aliases can make a small file a huge tree ("billion laughs"):
    // stop after a budget of values far above any real record.
    if (++visited_ > max_values) {
      if (visited_ == max_values + 1)
        error(node, "front matter too large: more than " + std::to_string(max_values) + " values",
              "YAML aliases (*name) may be repeating a large value");
      return std::nullopt;
    }
    if (node.is_null() && spec.type != FieldType::list) {
      error(node, "'" + name + "' has no value", "give it a value or remove the line");
      return std::nullopt;
    }
    switch (spec.type) {
      case FieldType::string:
      case FieldType::text: return text(name, node, spec.type == FieldType::string);
      case FieldType::integer: return integer(name, node);
      case FieldType::fraction: return fraction(name, node);
      case FieldType::year: return year(name, node);
      case FieldType::boolean: return boolean(name, node);
      case FieldType::url: return url(name, node);
      case FieldType::enumeration: return enumeration(spec, name, node);
      case FieldType::reference: return reference(spec.collection, name, node);
      case FieldType::term: return term(spec.taxonomy, name, node);
      case FieldType::list: return list(spec, name, node);
      case FieldType::object: return object(spec, name, node);
      case FieldType::period: return period(name, node);
      case FieldType::citation: return citation(name, node);
      case FieldType::former_id: return former_id(name, node);
    }
    return std::nullopt;
  }

  // Checks the keys of `node` against `fields` (plus `extra`), and validates
  // each value. Used for the record itself and for object fields.
  json map(const std::vector<const FieldSpec*>& fields, const std::string& prefix, const YamlNode& node,
           const std::string& what) {
    json out = json::object();
    std::set<std::string> seen;
    std::vector<std::string> names;
    for (const auto* f : fields) names.push_back(f->name);
    for (const auto& entry : node.entries()) {
      const std::string& key = entry.key->scalar();
      if (!entry.key->is_scalar()) {
        error(*entry.key, "a field name must be plain text");
        continue;
      }
      if (!seen.insert(key).second) {
        error(*entry.key, "duplicate field '" + prefix + key + "'", "remove one of the two");
        continue;
      }
      const FieldSpec* spec = nullptr;
      for (const auto* f : fields)
        if (f->name == key) spec = f;
      if (!spec) {
        std::string hint = did_you_mean(key, names);
        if (prefix.empty() && key == "id")
          hint = "a record's id is its file name (" + self_.substr(self_.find('/') + 1) +
                 ".md): remove this line, or rename the file to change the id";
        error(*entry.key, "unknown field '" + prefix + key + "' in " + what, hint);
        continue;
      }
      if (auto v = value(*spec, prefix + key, *entry.value)) out[key] = std::move(*v);
    }
    for (const auto* f : fields)
      if (f->required && !out.contains(f->name) && !seen.count(f->name))
        error(node, "missing '" + prefix + f->name + "'",
              "add '" + f->name + ": …' to " + (prefix.empty() ? "the front matter" : prefix));
    return out;
  }

 private:
  std::optional<json> text(const std::string& name, const YamlNode& node, bool one_line) {
    if (!node.is_scalar()) {
      error(node, "'" + name + "' must be text, not " + node_kind(node),
            node.is_map() ? "text with ': ' in it needs quotes" : "");
      return std::nullopt;
    }
    std::string value = node.scalar();
    if (one_line && value.find('\n') != std::string::npos) error(node, "'" + name + "' must fit on one line");
    if (node.plain()) warn_if_cut_by_comment(name, node);
    if (value.empty()) {
      error(node, "'" + name + "' is empty", "give it a value or remove the line");
      return std::nullopt;
    }
    return value;
  }

  // YAML reads " #" after a value without quotes as the start of a comment:
  // `title: Cooperative #1 of Lisbon` is the title "Cooperative".
  void warn_if_cut_by_comment(const std::string& name, const YamlNode& node) {
    const Position p = node.position();
    const std::string& value = node.scalar();
    if (p.column < 1 || value.find('\n') != std::string::npos) return;
    const std::string_view line = file_.line(p.line);
    const size_t start = static_cast<size_t>(p.column - 1);
    if (line.substr(start, value.size()) != value) return;
    const size_t after = start + value.size();
    const size_t hash = line.find_first_not_of(" \t", after);
    if (hash == after || hash == std::string_view::npos || line[hash] != '#') return;
    std::string whole(line.substr(start));
    while (!whole.empty() && (whole.back() == ' ' || whole.back() == '\t' || whole.back() == '\r'))
      whole.pop_back();
    std::string quoted;
    for (char c : whole) quoted += c == '"' ? std::string("\\\"") : std::string(1, c);
    diagnostics_.add(file_.warning_at(p.line, static_cast<int>(hash) + 1,
                                      "'" + name +
                                          "' stops before ' #': YAML reads the rest of the line as a "
                                          "comment, so the value is '" +
                                          value + "'",
                                      "put the whole text in quotes: \"" + quoted + "\""));
  }

  std::optional<json> integer(const std::string& name, const YamlNode& node) {
    auto n = node.is_scalar() ? parse_integer(node.scalar()) : std::nullopt;
    if (!n) {
      error(node, "'" + name + "' must be a whole number, not " + node_kind(node));
      return std::nullopt;
    }
    return *n;
  }

  // Kept as written ("2/3"), so pages show what the editor wrote; the
  // browser reads it with theme/assessment-core.js's parseFraction().
  std::optional<json> fraction(const std::string& name, const YamlNode& node) {
    static const std::regex form(R"(^(0|1|0?\.[0-9]+|[0-9]+/[1-9][0-9]*)$)");
    const std::string s = node.is_scalar() ? node.scalar() : std::string();
    bool ok = std::regex_match(s, form);
    if (ok && s.find('/') != std::string::npos) {
      auto numerator = parse_integer(s.substr(0, s.find('/')));
      auto denominator = parse_integer(s.substr(s.find('/') + 1));
      ok = numerator && denominator && *numerator <= *denominator;
    }
    if (!ok) {
      error(node, "'" + name + "' must be a fraction from 0 to 1 such as 2/3 or 0.5, not " +
                      (node.is_scalar() ? "'" + s + "'" : node_kind(node)));
      return std::nullopt;
    }
    return s;
  }

  std::optional<json> year(const std::string& name, const YamlNode& node) {
    auto n = node.is_scalar() ? parse_integer(node.scalar()) : std::nullopt;
    if (!n || *n < 1000 || *n > 2999) {
      error(node, "'" + name + "' must be a year such as 2004, not " + node_kind(node));
      return std::nullopt;
    }
    return *n;
  }

  std::optional<json> boolean(const std::string& name, const YamlNode& node) {
    if (node.is_scalar() && (node.scalar() == "true" || node.scalar() == "false"))
      return node.scalar() == "true";
    error(node, "'" + name + "' must be true or false, not " + node_kind(node));
    return std::nullopt;
  }

  std::optional<json> url(const std::string& name, const YamlNode& node) {
    auto value = text(name, node, true);
    if (!value) return std::nullopt;
    const std::string s = *value;
    if (s.rfind("http://", 0) != 0 && s.rfind("https://", 0) != 0 && s.rfind("mailto:", 0) != 0) {
      error(node, "'" + name + "' must be an http, https or mailto address",
            "write it in full, e.g. https://example.org/");
      return std::nullopt;
    }
    if (s.find_first_of(" \t\"<>") != std::string::npos) {
      error(node, "'" + name + "' contains a space, a quote or an angle bracket",
            "percent-encode them (%20, %22, %3C, %3E)");
      return std::nullopt;
    }
    return value;
  }

  std::optional<json> enumeration(const FieldSpec& spec, const std::string& name, const YamlNode& node) {
    if (node.is_scalar())
      for (const auto& v : spec.values)
        if (v == node.scalar()) return v;
    std::string hint = node.is_scalar() ? did_you_mean(node.scalar(), spec.values) : "";
    if (hint.empty()) {
      hint = "one of:";
      for (const auto& v : spec.values) hint += " " + v;
    }
    error(node, "'" + name + "' cannot be " + node_kind(node), hint);
    return std::nullopt;
  }

  std::optional<json> reference(const std::string& collection, const std::string& name, const YamlNode& node) {
    if (!node.is_scalar()) {
      error(node, "'" + name + "' must be a reference such as dps/espere, not " + node_kind(node));
      return std::nullopt;
    }
    const std::string ref = node.scalar();
    auto slash = ref.find('/');
    std::string target_collection = slash == std::string::npos ? "" : ref.substr(0, slash);
    std::string target_id = slash == std::string::npos ? "" : ref.substr(slash + 1);
    if (target_collection.empty() || !is_valid_record_id(target_id)) {
      std::string example = collection.empty() ? "dps" : collection;
      error(node, "'" + ref + "' is not a reference",
            "write it <collection>/<id>, e.g. " + example + "/" +
                (is_valid_record_id(ref) ? ref : std::string("some-id")));
      return std::nullopt;
    }
    if (!collection.empty() && target_collection != collection) {
      error(node,
            "'" + name + "' must refer to a record in " + collection + "/, not " + target_collection + "/");
      return std::nullopt;
    }
    if (!context_.schema.collection(target_collection)) {
      error(node, "unknown collection '" + target_collection + "' in reference '" + ref + "'",
            did_you_mean(target_collection, context_.schema.collection_ids()));
      return std::nullopt;
    }
    if (!context_.record_keys.count(ref)) {
      std::vector<std::string> ids;
      const std::string prefix = target_collection + "/";
      for (auto it = context_.record_keys.lower_bound(prefix);
           it != context_.record_keys.end() && it->rfind(prefix, 0) == 0; ++it)
        ids.push_back(*it);
      error(node, "reference to a record that does not exist: '" + ref + "'", did_you_mean(ref, ids));
      return std::nullopt;
    }
    if (ref == self_) {
      error(node, "the record refers to itself", "remove the reference to " + ref);
      return std::nullopt;
    }
    return ref;
  }

  std::optional<json> term(const std::string& taxonomy, const std::string& name, const YamlNode& node) {
    if (!node.is_scalar()) {
      error(node, "an entry of '" + name + "' must be an id, not " + node_kind(node));
      return std::nullopt;
    }
    const auto& vocabulary = context_.vocabularies.at(taxonomy);
    if (vocabulary.find(node.scalar())) return node.scalar();
    std::string hint = term_hint(vocabulary, node.scalar());
    const Taxonomy* of = context_.schema.taxonomy(taxonomy);
    error(node, "unknown " + (of ? lowercase(of->singular) : taxonomy) + " '" + node.scalar() + "'", hint);
    return std::nullopt;
  }

  // Leads from what was written to the id: a label in any language
  // ("Portugal", "Femmes migrantes"), or ids and labels close to it.
  std::string term_hint(const Vocabulary& vocabulary, const std::string& written) {
    const std::string& language = context_.language;
    std::vector<std::string> ids;
    for (const Term* t : vocabulary.find_by_label(written)) ids.push_back(t->id);
    if (ids.size() == 1) return "'" + written + "' is a label; write its id '" + ids.front() + "'";
    if (!ids.empty())
      return "'" + written + "' is a label of " + vocabulary.describe(ids, language) +
             "; write one of these ids";
    ids = closest_matches(written, vocabulary.ids());
    if (ids.empty()) {
      std::vector<std::string> labels;
      std::map<std::string, std::vector<std::string>> ids_of;  // label → ids
      for (const auto& t : vocabulary.terms)
        for (const auto& [l, text] : t.labels) {
          labels.push_back(text);
          ids_of[text].push_back(t.id);
        }
      for (const auto& label : closest_matches(written, labels))
        for (const auto& id : ids_of[label])
          if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    if (ids.empty()) return "the ids are listed in vocabularies/" + vocabulary.id + ".yaml";
    if (ids.size() > 4) ids.resize(4);
    return "did you mean " + vocabulary.describe(ids, language) + "?";
  }

  std::optional<json> list(const FieldSpec& spec, const std::string& name, const YamlNode& node) {
    if (node.is_null()) return json::array();
    if (!node.is_list()) {
      error(node, "'" + name + "' must be a list, not " + node_kind(node),
            "write [a, b] or one '- item' per line");
      return std::nullopt;
    }
    json out = json::array();
    const bool ids = spec.items->type == FieldType::term || spec.items->type == FieldType::reference;
    std::set<std::string> listed;                                     // ids so far
    std::map<std::string, std::pair<const YamlNode*, int>> repeated;  // id → its first repeat, how often listed
    for (const YamlNode* item : node.items()) {
      auto v = value(*spec.items, name, *item);
      if (!v) continue;
      if (ids && !listed.insert(v->get<std::string>()).second) {
        auto [it, first] = repeated.try_emplace(v->get<std::string>(), item, 1);
        ++it->second.second;
        continue;
      }
      out.push_back(std::move(*v));
    }
    for (const auto& [id, repeat] : repeated)
      warning(*repeat.first,
              "'" + name + "' lists '" + id + "' " +
                  (repeat.second == 2 ? "twice" : std::to_string(repeat.second) + " times"),
              "keep one; it is shown once");
    return out;
  }

  std::optional<json> object(const FieldSpec& spec, const std::string& name, const YamlNode& node) {
    if (!node.is_map()) {
      error(node, "'" + name + "' must be a map of fields, not " + node_kind(node));
      return std::nullopt;
    }
    std::vector<const FieldSpec*> fields;
    for (const auto& f : spec.fields) fields.push_back(&f);
    return map(fields, name + ".", node, "'" + name + "'");
  }

  std::optional<json> period(const std::string& name, const YamlNode& node) {
    static const FieldSpec start = [] {
      FieldSpec f;
      f.name = "start";
      f.type = FieldType::year;
      return f;
    }();
    static const FieldSpec end = [] {
      FieldSpec f;
      f.name = "end";
      f.type = FieldType::year;
      return f;
    }();
    if (!node.is_map()) {
      error(node, "'" + name + "' must be a map such as {start: 2002, end: 2005}, not " + node_kind(node));
      return std::nullopt;
    }
    json out = map({&start, &end}, name + ".", node, "'" + name + "'");
    if (out.contains("start") && out.contains("end") && out["end"] < out["start"])
      error(node, "'" + name + "' ends before it starts");
    return out;
  }

  std::optional<json> citation(const std::string& name, const YamlNode& node) {
    static const std::vector<FieldSpec> fields = [] {
      auto make = [](const char* n, FieldType t) {
        FieldSpec f;
        f.name = n;
        f.type = t;
        return f;
      };
      return std::vector<FieldSpec>{make("source", FieldType::reference), make("title", FieldType::string),
                                    make("section", FieldType::string), make("url", FieldType::url),
                                    make("note", FieldType::text)};
    }();
    if (node.is_scalar()) {
      auto ref = reference("", name, node);
      if (!ref) return std::nullopt;
      return json{{"source", *ref}};
    }
    if (!node.is_map()) {
      error(node, "an entry of '" + name + "' must be {source: …, section: …}, not " + node_kind(node));
      return std::nullopt;
    }
    std::vector<const FieldSpec*> specs;
    for (const auto& f : fields) specs.push_back(&f);
    json out = map(specs, name + ".", node, "a citation");
    if (!node.find("source") && !node.find("title") && !node.find("url"))
      error(node, "a citation needs a 'source', a 'title' or a 'url'");
    return out;
  }

  // An id the record had before it was renamed: its old address becomes a
  // redirect page, so it follows the rule of record ids and may not be an
  // address the collection already uses.
  std::optional<json> former_id(const std::string& name, const YamlNode& node) {
    if (!node.is_scalar()) {
      error(node, "an entry of '" + name + "' must be an id, not " + node_kind(node));
      return std::nullopt;
    }
    const std::string& id = node.scalar();
    if (!is_valid_record_id(id)) {
      const std::string better = suggest_record_id(id);
      error(node, "invalid alias '" + id + "': use a-z, 0-9 and single hyphens",
            better.empty() ? "an alias is an id the record had before, the name its file had"
                           : "write '" + better + "'");
      return std::nullopt;
    }
    const std::string collection = self_.substr(0, self_.find('/'));
    const std::string key = collection + "/" + id;
    if (key == self_) {
      error(node, "alias '" + id + "' is the record's own id",
            "remove it: an alias is an id the record had before it was renamed");
      return std::nullopt;
    }
    if (id == "index") {
      error(node, "alias 'index' would take the address of the " + collection + " index page", "remove it");
      return std::nullopt;
    }
    if (context_.record_keys.count(key)) {
      error(node, "alias '" + id + "' is the id of the record " + key,
            "an alias keeps the address of a renamed record; remove it, or rename " + key);
      return std::nullopt;
    }
    if (!aliases_.insert(id).second) {
      error(node, "alias '" + id + "' is listed twice", "remove one of the two");
      return std::nullopt;
    }
    return id;
  }

  static constexpr size_t max_values = 100000;
  std::set<std::string> aliases_;  // the record's aliases so far
  size_t visited_ = 0;
  const ValidationContext& context_;
  const std::string& self_;
  const SourceFile& file_;
  Diagnostics& diagnostics_;
};

}  // namespace

nlohmann::json validate_fields(const ValidationContext& context, const Collection& collection,
                               const std::string& self, const SourceFile& file, const YamlDocument& doc,
                               Diagnostics& diagnostics) {
  FieldValidator validator(context, self, file, diagnostics);
  if (!doc.root->is_map()) {
    Position p = doc.root->position();
    diagnostics.add(file.error_at(p.line, p.column,
                                  "the front matter must be a map of fields, not " + node_kind(*doc.root),
                                  "write one 'field: value' per line, starting with 'title: …'"));
    return json::object();
  }
  std::vector<const FieldSpec*> fields;
  for (const auto& f : context.schema.common) fields.push_back(&f);
  for (const auto& f : collection.fields) fields.push_back(&f);
  return validator.map(fields, "", *doc.root, "a " + collection.id + " record");
}

}  // namespace passerelle
