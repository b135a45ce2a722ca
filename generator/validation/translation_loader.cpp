#include "validation/translation_loader.h"

#include <algorithm>
#include <map>

#include "content/front_matter.h"
#include "content/yaml_document.h"
#include "diagnostics/edit_distance.h"
#include "util/parallel.h"

namespace passerelle {

bool is_text(const FieldSpec& spec) { return spec.type == FieldType::string || spec.type == FieldType::text; }

bool is_translatable(const FieldSpec& spec) {
  if (is_text(spec)) return true;
  if (spec.type == FieldType::object)
    return std::any_of(spec.fields.begin(), spec.fields.end(),
                       [](const FieldSpec& f) { return is_translatable(f); });
  return spec.type == FieldType::list && spec.items && is_translatable(*spec.items);
}

namespace {

class TranslationReader {
 public:
  TranslationReader(const SourceFile& file, const Record& original, Diagnostics& diagnostics)
      : file_(file), original_(original), diagnostics_(diagnostics) {}

  // A text value, or null after an error.
  nlohmann::json text(const YamlNode& node, const std::string& name) {
    if (!node.is_scalar()) return error(node, "'" + name + "' must be text", "write the translated text");
    return node.scalar();
  }

  // A list of `size` items, each read by `read`, or null after an error.
  template <typename Read>
  nlohmann::json list(const YamlNode& node, const std::string& name, const nlohmann::json* original, Read read) {
    if (!node.is_list()) return error(node, "'" + name + "' must be a list, as in the record");
    const size_t expected = original && original->is_array() ? original->size() : 0;
    if (node.items().size() != expected)
      return error(node,
                   "'" + name + "' has " + std::to_string(node.items().size()) + " items; the record has " +
                       std::to_string(expected),
                   "translate each item of " + original_.id + ".md's list, in the same order");
    nlohmann::json items = nlohmann::json::array();
    for (size_t i = 0; i < expected; ++i) {
      nlohmann::json value = read(*node.items()[i], &(*original)[i]);
      if (value.is_null()) return value;
      items.push_back(std::move(value));
    }
    return items;
  }

  // An object, alone or an item of a list: its translatable fields only,
  // each read against the record's value.
  nlohmann::json object(const YamlNode& node, const FieldSpec& spec, const nlohmann::json* original,
                        const std::string& name) {
    if (!node.is_map()) return error(node, "'" + name + "' must be a map of its text fields, as in the record");
    nlohmann::json out = nlohmann::json::object();
    for (const auto& entry : node.entries()) {
      const std::string& key = entry.key->scalar();
      const FieldSpec* sub = spec.field(key);
      if (!sub || !is_translatable(*sub))
        return error(*entry.key, not_text(name + "." + key, sub != nullptr),
                     "a translation holds only the text fields of '" + name + "'");
      const nlohmann::json* inner =
          original && original->is_object() && original->contains(key) ? &(*original)[key] : nullptr;
      nlohmann::json value = field(*entry.value, *sub, inner, name + "." + key);
      if (value.is_null()) return value;
      out[key] = std::move(value);
    }
    return out;
  }

  // A translatable field's value, read against the record's (`original`,
  // null where the record has none), named `name` in messages.
  nlohmann::json field(const YamlNode& node, const FieldSpec& spec, const nlohmann::json* original,
                       const std::string& name) {
    if (is_text(spec)) return text(node, name);
    if (spec.type == FieldType::object) return object(node, spec, original, name);
    return list(node, name, original, [&](const YamlNode& item, const nlohmann::json* inner) {
      return is_text(*spec.items) ? text(item, name) : object(item, *spec.items, inner, name);
    });
  }

  std::string not_text(const std::string& name, bool known) const {
    return known ? "'" + name + "' is not text: it comes from " + original_.id + ".md"
                 : "unknown field '" + name + "'";
  }

  nlohmann::json error(const YamlNode& at, std::string message, std::string hint = {}) {
    Position p = at.position();
    diagnostics_.add(file_.error_at(p.line, p.column, std::move(message), std::move(hint)));
    return nullptr;
  }

 private:
  const SourceFile& file_;
  const Record& original_;
  Diagnostics& diagnostics_;
};

}  // namespace

std::optional<Translation> load_translation(const FileSystem& fs, const std::string& path, const Schema& schema,
                                            const Collection& collection, const Record& original,
                                            Diagnostics& diagnostics) {
  auto source = read_record_source(fs, path, diagnostics);
  if (!source) return std::nullopt;
  auto front_matter = split_front_matter(*source, diagnostics);
  if (!front_matter) return std::nullopt;
  auto doc = parse_yaml(*source, front_matter->yaml, front_matter->yaml_line, diagnostics);
  if (!doc) return std::nullopt;
  Translation translation;
  if (!doc->root->is_null()) {
    TranslationReader reader(*source, original, diagnostics);
    if (!doc->root->is_map()) {
      reader.error(*doc->root, "the front matter must be a map of the translated fields",
                   "for example title: …, summary: …");
      return std::nullopt;
    }
    std::vector<std::string> translatable;
    for (const auto& name : schema.field_names(collection))
      if (const FieldSpec* spec = schema.field(collection, name); spec && is_translatable(*spec))
        translatable.push_back(name);
    for (const auto& entry : doc->root->entries()) {
      const std::string& key = entry.key->scalar();
      const FieldSpec* spec = schema.field(collection, key);
      if (!spec || !is_translatable(*spec)) {
        std::string hint = spec ? "a translation holds only text (title, summary, the text fields and the body); "
                                  "remove '" + key + "'"
                                : did_you_mean(key, translatable);
        reader.error(*entry.key, reader.not_text(key, spec != nullptr), hint);
        continue;
      }
      const nlohmann::json* value_there = original.fields.contains(key) ? &original.fields[key] : nullptr;
      nlohmann::json value = reader.field(*entry.value, *spec, value_there, key);
      if (!value.is_null()) translation.fields[key] = std::move(value);
    }
  }
  translation.body = front_matter->body;
  translation.body_line = front_matter->body_line;
  translation.source = std::move(source);
  return translation;
}

void attach_translations(const FileSystem& fs, const Schema& schema, const std::vector<RecordFile>& files,
                         const std::vector<std::string>& languages, std::vector<Record>& records,
                         Diagnostics& diagnostics, const std::set<std::string>& unloaded) {
  if (files.empty() || languages.empty()) return;  // not asked for: skipped
  std::map<std::string, Record*> by_key;
  for (Record& r : records) by_key[r.key()] = &r;
  std::vector<std::optional<Translation>> loaded(files.size());
  std::vector<Diagnostics> found(files.size());
  const std::string published = languages.empty() ? "" : languages.front();
  parallel_slices(files.size(), [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      const RecordFile& f = files[i];
      Diagnostics& problems = found[i];
      const std::string key = f.collection->id + "/" + f.id;
      if (std::find(languages.begin() + (languages.empty() ? 0 : 1), languages.end(), f.language) ==
          languages.end()) {
        if (f.language == published)
          problems.error(f.path, 0, 0,
                         "'" + f.language + "' is the catalogue's default language: " + f.id +
                             ".md is already in it",
                         "merge the two files into " + f.id + ".md");
        else
          problems.error(f.path, 0, 0,
                         "a translation into '" + f.language + "', which catalogue.yaml does not publish",
                         "add it to the languages in catalogue.yaml, e.g. languages: [" + published + ", " +
                             f.language + "]");
        continue;
      }
      auto original = by_key.find(key);
      if (original == by_key.end()) {
        if (!unloaded.count(key))  // else its record's file has an error of its own
          problems.error(f.path, 0, 0,
                         "a translation of " + key + ", which is not a record of the catalogue",
                         "a translation sits beside its record, " + f.id + ".md, and takes its name");
        continue;
      }
      loaded[i] = load_translation(fs, f.path, schema, *f.collection, *original->second, problems);
    }
  });
  for (size_t i = 0; i < files.size(); ++i) {
    diagnostics.append(found[i]);
    if (loaded[i])
      by_key[files[i].collection->id + "/" + files[i].id]->translations[files[i].language] =
          std::move(*loaded[i]);
  }
}

}  // namespace passerelle
