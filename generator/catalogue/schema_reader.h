// How schema.yaml is read, shared by the files that read its parts:
// schema.cpp (collections and their fields) and schema_groups.cpp (the
// sections and the taxonomies, which group records). Not for other stages.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "catalogue/schema.h"
#include "content/source_file.h"
#include "content/yaml_document.h"
#include "diagnostics/diagnostic.h"
#include "diagnostics/edit_distance.h"
#include "fs/path_names.h"

namespace passerelle::schema_reading {

inline const std::vector<std::pair<std::string, FieldType>>& type_names() {
  static const std::vector<std::pair<std::string, FieldType>> names = {
      {"string", FieldType::string},     {"text", FieldType::text},        {"integer", FieldType::integer},
      {"fraction", FieldType::fraction}, {"year", FieldType::year},        {"boolean", FieldType::boolean},
      {"url", FieldType::url},           {"enum", FieldType::enumeration}, {"reference", FieldType::reference},
      {"list", FieldType::list},         {"object", FieldType::object},
  };
  return names;
}

inline std::vector<std::string> declarable_type_names() {
  std::vector<std::string> names;
  for (const auto& [name, type] : type_names()) names.push_back(name);
  return names;
}

inline FieldSpec make_field(std::string name, FieldType type, std::string label) {
  FieldSpec spec;
  spec.name = std::move(name);
  spec.type = type;
  spec.label = std::move(label);
  return spec;
}

inline FieldSpec list_of(std::string name, FieldSpec item, std::string label) {
  FieldSpec spec = make_field(std::move(name), FieldType::list, std::move(label));
  spec.items = std::make_shared<FieldSpec>(std::move(item));
  return spec;
}

inline FieldSpec term_list(const std::string& taxonomy, std::string label) {
  FieldSpec term = make_field("", FieldType::term, "");
  term.taxonomy = taxonomy;
  return list_of(taxonomy, std::move(term), std::move(label));
}

// Reads one field declaration; `where` names it in messages.
class SchemaReader {
 public:
  SchemaReader(const SourceFile& file, Diagnostics& diagnostics) : file_(file), diagnostics_(diagnostics) {}

  void error(const YamlNode& node, std::string message, std::string hint = {}) {
    Position p = node.position();
    diagnostics_.add(file_.error_at(p.line, p.column, std::move(message), std::move(hint)));
  }

  // Whether the map key `key` follows the rule of names that become paths
  // (fs/path_names.h); if not, reports "invalid <what> name '…': it names
  // <role>, …" with a valid name to write, or `example`.
  bool valid_name(const YamlNode& key, const std::string& what, const std::string& role,
                  const std::string& example) {
    const std::string& name = key.scalar();
    if (is_valid_name(name)) return true;
    const std::string better = suggest_name(name);
    error(key,
          "invalid " + what + " name '" + name + "': it names " + role + ", so it uses a-z, 0-9 and '-' only",
          better.empty() ? "for example '" + example + "'" : "write '" + better + "'");
    return false;
  }

  std::string scalar(const YamlNode& map, const char* key) {
    const YamlNode* value = map.find(key);
    if (!value) return {};
    if (!value->is_scalar()) {
      error(*value, std::string("'") + key + "' must be text");
      return {};
    }
    return value->scalar();
  }

  // One field declaration. Aliases can chain declarations into one another
  // (`b: &b {type: list, items: *a}`), as deep as the file is long; real
  // schemas nest a few levels.
  std::optional<FieldSpec> field(const std::string& name, const YamlNode& node) {
    too_deep_ = false;
    auto spec = declaration(name, node, 0);
    if (too_deep_)
      error(node,
            "field '" + name + "' nests lists and objects more than " + std::to_string(max_depth) +
                " levels deep",
            "aliases (*name) may be chaining declarations into one another");
    return spec;
  }

 private:
  std::optional<FieldSpec> declaration(const std::string& name, const YamlNode& node, int depth) {
    if (depth > max_depth) {
      too_deep_ = true;
      return std::nullopt;
    }
    if (!node.is_map()) {
      error(node, "field '" + name + "' must be a map such as {type: string}");
      return std::nullopt;
    }
    static const std::set<std::string> known = {"type",       "label",         "help",    "required",
                                                "collection", "values",        "labels",  "items",
                                                "fields",     "inverse_label", "language"};
    for (const auto& entry : node.entries()) {
      const std::string& key = entry.key->scalar();
      if (!known.count(key))
        error(*entry.key, "unknown key '" + key + "' in field '" + name + "'",
              did_you_mean(key, {known.begin(), known.end()}));
    }
    FieldSpec spec;
    spec.name = name;
    spec.label = scalar(node, "label");
    spec.help = scalar(node, "help");
    spec.inverse_label = scalar(node, "inverse_label");
    spec.language = scalar(node, "language");
    if (spec.label.empty()) spec.label = name;
    if (const YamlNode* required = node.find("required")) spec.required = required->scalar() == "true";
    std::string type = scalar(node, "type");
    auto parsed = field_type_from_name(type);
    if (!parsed || *parsed == FieldType::term || *parsed == FieldType::period ||
        *parsed == FieldType::citation || *parsed == FieldType::former_id) {
      error(node.find("type") ? *node.find("type") : node,
            type.empty() ? "field '" + name + "' has no type" : "unknown field type '" + type + "'",
            type.empty() ? "one of: string, text, integer, fraction, year, boolean, url, enum, reference, "
                           "list, object"
                         : did_you_mean(type, declarable_type_names()));
      return std::nullopt;
    }
    spec.type = *parsed;
    if (spec.type == FieldType::reference) spec.collection = scalar(node, "collection");
    if (spec.type == FieldType::enumeration) {
      const YamlNode* values = node.find("values");
      if (!values || values->items().empty()) {
        error(node, "enum field '" + name + "' needs a list of 'values'");
        return std::nullopt;
      }
      for (const YamlNode* v : values->items()) spec.values.push_back(v->scalar());
      if (const YamlNode* labels = node.find("labels")) {
        if (!labels->is_map()) {
          error(*labels, "'labels' of enum field '" + name + "' must be a map of value to label",
                "for example labels: {ngos: NGOs}");
        } else {
          for (const auto& entry : labels->entries()) {
            const std::string& value = entry.key->scalar();
            if (std::find(spec.values.begin(), spec.values.end(), value) == spec.values.end())
              error(*entry.key,
                    "label for '" + value + "', which is not one of the values of enum field '" + name + "'",
                    did_you_mean(value, spec.values));
            else if (entry.value->is_scalar() && !entry.value->scalar().empty())
              spec.value_labels[value] = entry.value->scalar();
            else error(*entry.value, "the label of '" + value + "' must be text");
          }
        }
      }
    }
    if (spec.type == FieldType::list) {
      const YamlNode* items = node.find("items");
      if (!items) {
        error(node, "list field '" + name + "' needs 'items', e.g. {type: string}");
        return std::nullopt;
      }
      auto item = declaration(name + " item", *items, depth + 1);
      if (!item) return std::nullopt;
      item->name.clear();
      spec.items = std::make_shared<FieldSpec>(std::move(*item));
    }
    if (spec.type == FieldType::object) {
      const YamlNode* fields = node.find("fields");
      if (!fields || !fields->is_map()) {
        error(node, "object field '" + name + "' needs a map of 'fields'");
        return std::nullopt;
      }
      for (const auto& entry : fields->entries())
        if (auto sub = declaration(entry.key->scalar(), *entry.value, depth + 1)) spec.fields.push_back(*sub);
    }
    return spec;
  }

  static constexpr int max_depth = 16;
  bool too_deep_ = false;
  const SourceFile& file_;
  Diagnostics& diagnostics_;
};

// The field a taxonomy gives records: a list of its terms.
inline FieldSpec taxonomy_field(const Taxonomy& taxonomy) {
  FieldSpec field = term_list(taxonomy.id, taxonomy.label);
  field.help = taxonomy.help;
  return field;
}

// `sections:`: every collection in one section (schema_groups.cpp).
void read_sections(const YamlNode* node, SchemaReader& reader, Schema& schema);
// `taxonomies:`, read before the collections (`collections` is their map,
// whose names a taxonomy may not take); without the key, the defaults.
void read_taxonomies(const YamlNode* node, const YamlNode* collections, SchemaReader& reader, Schema& schema);
// Once the collections are read: a taxonomy's `collections` checked, and its
// field given to each of them, first among their own.
void place_taxonomy_fields(const YamlNode* node, SchemaReader& reader, Schema& schema);

}  // namespace passerelle::schema_reading
