#include "catalogue/schema.h"

#include <algorithm>
#include <set>

#include "content/yaml_document.h"
#include "diagnostics/edit_distance.h"
#include "fs/path_names.h"

namespace passerelle {

namespace {

const std::vector<std::pair<std::string, FieldType>>& type_names() {
  static const std::vector<std::pair<std::string, FieldType>> names = {
      {"string", FieldType::string},   {"text", FieldType::text},
      {"integer", FieldType::integer}, {"year", FieldType::year},
      {"boolean", FieldType::boolean}, {"url", FieldType::url},
      {"enum", FieldType::enumeration}, {"reference", FieldType::reference},
      {"list", FieldType::list},       {"object", FieldType::object},
  };
  return names;
}

std::vector<std::string> declarable_type_names() {
  std::vector<std::string> names;
  for (const auto& [name, type] : type_names()) names.push_back(name);
  return names;
}

FieldSpec make_field(std::string name, FieldType type, std::string label) {
  FieldSpec spec;
  spec.name = std::move(name);
  spec.type = type;
  spec.label = std::move(label);
  return spec;
}

FieldSpec list_of(std::string name, FieldSpec item, std::string label) {
  FieldSpec spec = make_field(std::move(name), FieldType::list, std::move(label));
  spec.items = std::make_shared<FieldSpec>(std::move(item));
  return spec;
}

FieldSpec term_list(const std::string& taxonomy, std::string label) {
  FieldSpec term = make_field("", FieldType::term, "");
  term.taxonomy = taxonomy;
  return list_of(taxonomy, std::move(term), std::move(label));
}

// Reads one field declaration; `where` names it in messages.
class SchemaReader {
 public:
  SchemaReader(const SourceFile& file, Diagnostics& diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  void error(const YamlNode& node, std::string message, std::string hint = {}) {
    Position p = node.position();
    diagnostics_.add(file_.error_at(p.line, p.column, std::move(message), std::move(hint)));
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
      error(node, "field '" + name + "' nests lists and objects more than " + std::to_string(max_depth) +
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
    static const std::set<std::string> known = {"type",   "label",  "help",  "required",      "collection",
                                                "values", "items",  "fields", "inverse_label", "language"};
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
            type.empty() ? "one of: string, text, integer, year, boolean, url, enum, reference, "
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

// References inside a field may only name collections that exist.
void check_reference_targets(const FieldSpec& spec, const Schema& schema, const std::string& path,
                             Diagnostics& diagnostics) {
  if (spec.type == FieldType::reference && !spec.collection.empty() &&
      !schema.collection(spec.collection))
    diagnostics.error(path, 0, 0,
                      "field '" + spec.name + "' refers to unknown collection '" +
                          spec.collection + "'",
                      did_you_mean(spec.collection, schema.collection_ids()));
  if (spec.items) check_reference_targets(*spec.items, schema, path, diagnostics);
  for (const auto& sub : spec.fields) check_reference_targets(sub, schema, path, diagnostics);
}

}  // namespace

std::optional<FieldType> field_type_from_name(const std::string& name) {
  for (const auto& [n, type] : type_names())
    if (n == name) return type;
  return std::nullopt;
}

std::string field_type_name(FieldType type) {
  switch (type) {
    case FieldType::term: return "term";
    case FieldType::period: return "period";
    case FieldType::citation: return "citation";
    case FieldType::former_id: return "former id";
    default:
      for (const auto& [n, t] : type_names())
        if (t == type) return n;
  }
  return "?";
}

const FieldSpec* FieldSpec::field(const std::string& field_name) const {
  for (const auto& f : fields)
    if (f.name == field_name) return &f;
  return nullptr;
}

const std::vector<std::string>& taxonomy_ids() {
  static const std::vector<std::string> ids = {"countries", "themes", "actors"};
  return ids;
}

std::vector<FieldSpec> common_fields() {
  std::vector<FieldSpec> fields;
  FieldSpec title = make_field("title", FieldType::string, "Title");
  title.required = true;
  title.help = "the record's name, as the sources give it";
  fields.push_back(title);
  fields.push_back(make_field("summary", FieldType::text, "Summary"));
  fields.back().help = "one or two sentences in our own words, shown in lists, search results and the page head";
  fields.push_back(term_list("countries", "Countries"));
  fields.back().help = "ISO 3166-1 alpha-2 codes, e.g. [PT, FR]";
  fields.push_back(term_list("themes", "Themes"));
  fields.back().help = "what the record is about";
  fields.push_back(term_list("actors", "Actor types"));
  fields.back().help = "the kinds of actors involved or addressed";
  fields.push_back(make_field("period", FieldType::period, "Period"));
  fields.back().help = "when it ran; start or end may be left out";
  fields.push_back(list_of("related", make_field("", FieldType::reference, ""), "Related"));
  fields.back().inverse_label = "Related";
  fields.back().help = "other records of the catalogue";
  fields.push_back(list_of("sources", make_field("", FieldType::citation, ""), "Sources"));
  fields.back().inverse_label = "Cited by";
  fields.back().help =
      "the documents it is written from: {source: sources/<id>, section: \"…\"}, or {title: \"…\", url: \"…\"} "
      "for a document outside the catalogue";
  fields.push_back(list_of("aliases", make_field("", FieldType::former_id, ""), "Former ids"));
  fields.back().help =
      "ids the record had before it was renamed: each old address leads to its page (passerelle mv adds them)";
  return fields;
}

std::string relation_from(const FieldSpec& spec) {
  if (!spec.inverse_label.empty()) return spec.inverse_label;
  return (spec.label.empty() ? spec.name : spec.label) + " of";
}

const Collection* Schema::collection(const std::string& id) const {
  for (const auto& c : collections)
    if (c.id == id) return &c;
  return nullptr;
}

const FieldSpec* Schema::field(const Collection& c, const std::string& name) const {
  for (const auto& f : common)
    if (f.name == name) return &f;
  for (const auto& f : c.fields)
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<std::string> Schema::field_names(const Collection& c) const {
  std::vector<std::string> names;
  for (const auto& f : common) names.push_back(f.name);
  for (const auto& f : c.fields) names.push_back(f.name);
  return names;
}

std::vector<std::string> Schema::collection_ids() const {
  std::vector<std::string> ids;
  for (const auto& c : collections) ids.push_back(c.id);
  return ids;
}

bool is_reserved_folder(const std::string& name) {
  static const std::set<std::string> own = {"assets", "search", "media", "vocabularies", "pages"};
  return own.count(name) > 0 ||
         std::find(taxonomy_ids().begin(), taxonomy_ids().end(), name) != taxonomy_ids().end();
}

Schema load_schema(const FileSystem& fs, const std::string& content_dir, Diagnostics& diagnostics) {
  Schema schema;
  schema.common = common_fields();
  const std::string path = join_path(content_dir, "schema.yaml");
  if (!check_within(fs, content_dir, path, diagnostics)) return schema;
  auto text = fs.read(path);
  if (!text) {
    diagnostics.error(path, 0, 0, "cannot read the schema",
                      "a catalogue declares its collections in schema.yaml; see docs/content-format.md");
    return schema;
  }
  SourceFile file(path, *text);
  auto doc = parse_yaml(file, *text, 1, diagnostics);
  if (!doc) return schema;
  SchemaReader reader(file, diagnostics);
  const YamlNode* collections = doc->root->find("collections");
  if (!collections || !collections->is_map()) {
    diagnostics.add(file.error_at(1, 1, "the schema has no 'collections' map",
                                  "start the file with 'collections:'"));
    return schema;
  }
  std::set<std::string> common_names;
  for (const auto& f : schema.common) common_names.insert(f.name);
  for (const auto& entry : collections->entries()) {
    Collection c;
    c.id = entry.key->scalar();
    const YamlNode& node = *entry.value;
    if (!is_valid_name(c.id)) {
      const std::string better = suggest_name(c.id);
      reader.error(*entry.key,
                   "invalid collection name '" + c.id +
                       "': it names the collection's folder and pages, so it uses a-z, 0-9 and '-' only",
                   better.empty() ? "for example 'practices'" : "write '" + better + "'");
      continue;
    }
    if (is_reserved_folder(c.id)) {
      reader.error(*entry.key, "collection name '" + c.id + "' is taken by a folder of the site or the catalogue",
                   "choose another name; the site's own folders are assets, search, media, vocabularies, "
                   "pages, countries, themes and actors");
      continue;
    }
    if (!node.is_map()) {
      reader.error(node, "collection '" + c.id + "' must be a map with 'label' and 'fields'");
      continue;
    }
    c.label = reader.scalar(node, "label");
    c.singular = reader.scalar(node, "singular");
    c.description = reader.scalar(node, "description");
    if (c.label.empty()) c.label = c.id;
    if (c.singular.empty()) c.singular = c.label;
    if (const YamlNode* rank = node.find("search_rank")) {
      const std::string value = rank->is_scalar() ? rank->scalar() : std::string();
      const bool digits =
          !value.empty() && value.size() < 4 && value.find_first_not_of("0123456789") == std::string::npos;
      if (digits && std::stoul(value) > 0)
        c.search_rank = static_cast<unsigned>(std::stoul(value));
      else
        reader.error(*rank, "'search_rank' of collection '" + c.id + "' must be a whole number from 1 to 999",
                     "1 comes first among results that match equally well");
    }
    if (const YamlNode* fields = node.find("fields"); fields && fields->is_map()) {
      for (const auto& f : fields->entries()) {
        const std::string& name = f.key->scalar();
        if (common_names.count(name)) {
          reader.error(*f.key, "field '" + name + "' is common to every collection",
                       "remove it here; see docs/content-format.md for the common fields");
          continue;
        }
        if (auto spec = reader.field(name, *f.value)) c.fields.push_back(std::move(*spec));
      }
    }
    if (const YamlNode* sort = node.find("sort"); sort && sort->is_list()) {
      for (const YamlNode* s : sort->items()) {
        const std::string& name = s->scalar();
        bool known = common_names.count(name) > 0;
        for (const auto& f : c.fields) known = known || f.name == name;
        // A field declared with an error has been reported already.
        const YamlNode* declared = node.find("fields");
        if (!known && declared && declared->is_map() && declared->find(name)) continue;
        if (!known) {
          std::vector<std::string> names(common_names.begin(), common_names.end());
          for (const auto& f : c.fields) names.push_back(f.name);
          reader.error(*s, "cannot sort by unknown field '" + name + "'", did_you_mean(name, names));
          continue;
        }
        c.sort.push_back(name);
      }
    }
    schema.collections.push_back(std::move(c));
  }
  for (const auto& c : schema.collections)
    for (const auto& f : c.fields) check_reference_targets(f, schema, path, diagnostics);
  return schema;
}

}  // namespace passerelle
