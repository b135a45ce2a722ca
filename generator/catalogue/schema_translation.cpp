#include "catalogue/schema_translation.h"

#include <algorithm>
#include <vector>

#include "content/source_file.h"
#include "content/yaml_document.h"
#include "diagnostics/edit_distance.h"
#include "fs/path_names.h"

namespace passerelle {

namespace {

using Names = std::vector<std::string>;

// A list of term ids: the field a taxonomy gives records, named by it.
bool is_taxonomy_field(const FieldSpec& spec) {
  return spec.type == FieldType::list && spec.items && spec.items->type == FieldType::term;
}

// Reads one schema.<language>.yaml into a copy of the schema.
class Translator {
 public:
  Translator(const SourceFile& file, Diagnostics& diagnostics) : file_(file), diagnostics_(diagnostics) {}

  void error(const YamlNode& node, std::string message, std::string hint = {}) {
    Position p = node.position();
    diagnostics_.add(file_.error_at(p.line, p.column, std::move(message), std::move(hint)));
  }

  // Whether `node` is a map; if not, says so of `what`.
  bool map(const YamlNode& node, const std::string& what, const std::string& example) {
    if (node.is_map()) return true;
    error(node, what + " must be a map", "for example " + example);
    return false;
  }

  // Checks the keys of the map `node`, the translation of `what`: `texts` and
  // `nested` are read by the caller; schema.yaml's other keys (`kept`) are
  // not translated, and any other key is unknown.
  void keys(const YamlNode& node, const std::string& what, const Names& texts, const Names& nested,
            const Names& kept) {
    for (const auto& entry : node.entries()) {
      const std::string& key = entry.key->scalar();
      auto in = [&](const Names& names) { return std::find(names.begin(), names.end(), key) != names.end(); };
      if (in(texts) || in(nested)) continue;
      if (in(kept)) {
        error(*entry.key, "'" + key + "' of " + what + " is not translated: only labels are translated here",
              "schema.yaml alone gives it; remove it from this file");
        continue;
      }
      Names known = texts;
      known.insert(known.end(), nested.begin(), nested.end());
      std::string hint = did_you_mean(key, known);
      if (hint.empty()) {
        hint = "the keys translated here are";
        for (const auto& name : known) hint += (name == known.front() ? " " : ", ") + name;
      }
      error(*entry.key, "unknown key '" + key + "' in " + what, hint);
    }
  }

  // `key` of the map `node`, if given, into `text`.
  void text(const YamlNode& node, const char* key, const std::string& what, std::string& text) {
    const YamlNode* value = node.find(key);
    if (!value) return;
    if (!value->is_scalar()) {
      error(*value, std::string("'") + key + "' of " + what + " must be text, not " + node_kind(*value));
      return;
    }
    if (value->scalar().empty()) {
      error(*value, std::string("'") + key + "' of " + what + " is empty",
            "leave the key out to show schema.yaml's text");
      return;
    }
    text = value->scalar();
  }

  // The entries of `node`, a map of names to their translations, each name
  // one of `names`; `kind` says what they name ("collection").
  template <typename Translate>
  void named(const YamlNode* node, const std::string& what, const std::string& kind, const Names& names,
             Translate translate) {
    if (!node || !map(*node, what, "<" + kind + ">: {label: …}")) return;
    for (const auto& entry : node->entries()) {
      const std::string& name = entry.key->scalar();
      if (std::find(names.begin(), names.end(), name) == names.end()) {
        std::string hint = did_you_mean(name, names);
        error(*entry.key, "unknown " + kind + " '" + name + "': schema.yaml does not declare it",
              hint.empty() ? "translate what schema.yaml declares" : hint);
        continue;
      }
      if (map(*entry.value, kind + " '" + name + "'", "{label: …}")) translate(name, *entry.value);
    }
  }

  void field(const YamlNode& node, FieldSpec& spec, const std::string& what) {
    keys(node, what, {"label", "help", "inverse_label"}, {"labels", "items", "fields"},
         {"type", "required", "collection", "values", "language"});
    text(node, "label", what, spec.label);
    text(node, "help", what, spec.help);
    text(node, "inverse_label", what, spec.inverse_label);
    if (const YamlNode* labels = node.find("labels")) value_labels(*labels, spec, what);
    if (const YamlNode* items = node.find("items")) {
      if (!spec.items) error(*items, what + " is not a list: it has no 'items' to translate");
      else if (map(*items, "'items' of " + what, "items: {fields: {title: {label: …}}}")) {
        // The copy of the schema shares its items with the original: the translation gets its own.
        spec.items = std::make_shared<FieldSpec>(*spec.items);
        field(*items, *spec.items, "the items of " + what);
      }
    }
    if (const YamlNode* fields = node.find("fields")) {
      if (spec.type != FieldType::object) {
        error(*fields, what + " is not an object: it has no 'fields' to translate",
              spec.items && spec.items->type == FieldType::object ? "its items have: write items: {fields: …}"
                                                                  : "");
        return;
      }
      Names names;
      for (const auto& sub : spec.fields) names.push_back(sub.name);
      named(fields, "'fields' of " + what, "field", names, [&](const std::string& name, const YamlNode& sub) {
        FieldSpec& target = *std::find_if(spec.fields.begin(), spec.fields.end(),
                                          [&](const FieldSpec& f) { return f.name == name; });
        field(sub, target, "field '" + name + "'");
      });
    }
  }

  // The fields of a collection, or the common ones: a taxonomy's field is
  // translated with the taxonomy.
  void fields(const YamlNode* node, std::vector<FieldSpec>& specs, const std::string& what) {
    Names names;
    for (const auto& spec : specs) names.push_back(spec.name);
    named(node, what, "field", names, [&](const std::string& name, const YamlNode& value) {
      auto spec = std::find_if(specs.begin(), specs.end(), [&](const FieldSpec& f) { return f.name == name; });
      if (is_taxonomy_field(*spec)) {
        error(value, "field '" + name + "' is named by its taxonomy",
              "translate it under taxonomies: " + spec->items->taxonomy + ": {label: …}");
        return;
      }
      field(value, *spec, "field '" + name + "'");
    });
  }

 private:
  void value_labels(const YamlNode& labels, FieldSpec& spec, const std::string& what) {
    if (spec.type != FieldType::enumeration) {
      error(labels, what + " is not an enum: it has no values to label");
      return;
    }
    if (!map(labels, "'labels' of " + what, "labels: {ngos: ONG}")) return;
    for (const auto& entry : labels.entries()) {
      const std::string& value = entry.key->scalar();
      if (std::find(spec.values.begin(), spec.values.end(), value) == spec.values.end()) {
        error(*entry.key, "label for '" + value + "', which is not one of the values of " + what,
              did_you_mean(value, spec.values));
      } else if (!entry.value->is_scalar() || entry.value->scalar().empty()) {
        error(*entry.value, "the label of '" + value + "' must be text");
      } else {
        spec.value_labels[value] = entry.value->scalar();
      }
    }
  }

  const SourceFile& file_;
  Diagnostics& diagnostics_;
};

}  // namespace

Schema translate_schema(const Schema& schema, const FileSystem& fs, const std::string& content_dir,
                        const std::string& language, Diagnostics& diagnostics) {
  Schema translated = schema;
  const std::string path = join_path(content_dir, "schema." + language + ".yaml");
  if (!fs.exists(path) || !check_within(fs, content_dir, path, diagnostics)) return translated;
  auto text = fs.read(path);
  if (!text) {
    diagnostics.error(path, 0, 0, "cannot read the schema's translation");
    return translated;
  }
  SourceFile file(path, *text);
  auto doc = parse_yaml(file, *text, 1, diagnostics);
  if (!doc || doc->root->is_null()) return translated;
  Translator reader(file, diagnostics);
  if (!reader.map(*doc->root, "the schema's translation", "'collections: {dps: {label: …}}'"))
    return translated;
  reader.keys(*doc->root, "the schema's translation", {}, {"sections", "collections", "common", "taxonomies"},
              {});

  Names ids;
  for (const auto& t : translated.taxonomies) ids.push_back(t.id);
  reader.named(doc->root->find("taxonomies"), "'taxonomies'", "taxonomy", ids,
               [&](const std::string& id, const YamlNode& node) {
                 Taxonomy& t = *std::find_if(translated.taxonomies.begin(), translated.taxonomies.end(),
                                             [&](const Taxonomy& x) { return x.id == id; });
                 const std::string what = "taxonomy '" + id + "'";
                 reader.keys(node, what, {"label", "singular", "help"}, {}, {"facet", "map", "collections"});
                 reader.text(node, "label", what, t.label);
                 reader.text(node, "singular", what, t.singular);
                 reader.text(node, "help", what, t.help);
               });
  reader.named(doc->root->find("collections"), "'collections'", "collection", translated.collection_ids(),
               [&](const std::string& id, const YamlNode& node) {
                 Collection& c = *std::find_if(translated.collections.begin(), translated.collections.end(),
                                               [&](const Collection& x) { return x.id == id; });
                 const std::string what = "collection '" + id + "'";
                 reader.keys(node, what, {"label", "singular", "description"}, {"fields"},
                             {"sort", "search_rank", "group_by", "numbered_by"});
                 reader.text(node, "label", what, c.label);
                 reader.text(node, "singular", what, c.singular);
                 reader.text(node, "description", what, c.description);
                 reader.fields(node.find("fields"), c.fields, "'fields' of " + what);
               });
  // A schema without `sections` has one per collection, named as it is.
  for (Section& s : translated.sections) {
    const Collection* before = schema.collection(s.id);
    if (s.collections.size() == 1 && s.collections.front() == s.id && before && s.label == before->label &&
        s.description == before->description) {
      s.label = translated.collection(s.id)->label;
      s.description = translated.collection(s.id)->description;
    }
  }
  ids.clear();
  for (const auto& s : translated.sections) ids.push_back(s.id);
  reader.named(doc->root->find("sections"), "'sections'", "section", ids,
               [&](const std::string& id, const YamlNode& node) {
                 Section& s = *std::find_if(translated.sections.begin(), translated.sections.end(),
                                            [&](const Section& x) { return x.id == id; });
                 const std::string what = "section '" + id + "'";
                 reader.keys(node, what, {"label", "description"}, {}, {"collections"});
                 reader.text(node, "label", what, s.label);
                 reader.text(node, "description", what, s.description);
               });
  reader.fields(doc->root->find("common"), translated.common, "'common'");

  // The taxonomies name their fields, wherever those are.
  auto name_by_taxonomy = [&](std::vector<FieldSpec>& specs) {
    for (FieldSpec& spec : specs)
      if (is_taxonomy_field(spec))
        if (const Taxonomy* t = translated.taxonomy(spec.items->taxonomy)) {
          spec.label = t->label;
          spec.help = t->help;
        }
  };
  name_by_taxonomy(translated.common);
  for (Collection& c : translated.collections) name_by_taxonomy(c.fields);
  return translated;
}

}  // namespace passerelle
