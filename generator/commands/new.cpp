#include <cstdio>

#include "catalogue/schema.h"
#include "catalogue/vocabulary.h"
#include "commands/commands.h"
#include "content/record.h"
#include "diagnostics/edit_distance.h"
#include "output/file_writer.h"
#include "pipeline/stages.h"
#include "schema_export/record_template.h"
#include "validation/record_loader.h"
#include "validation/translation_loader.h"

#include <yaml-cpp/yaml.h>

namespace passerelle {

namespace {

std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// The key of the first record of `collection`, for a required reference.
std::string first_record(const FileSystem& fs, const std::string& content, const std::string& collection) {
  for (const auto& entry : fs.list(join_path(content, collection))) {
    const std::string& name = entry.name;
    if (entry.is_directory || name.size() <= 3 || !name.ends_with(".md")) continue;
    const std::string id = name.substr(0, name.size() - 3);
    if (is_valid_record_id(id)) return collection + "/" + id;
  }
  return {};
}

// Writes the translatable part of `value`, a value of `spec`: a text as it
// is, a list item by item, an object with its translatable fields only.
void emit_translatable(YAML::Emitter& out, const FieldSpec& spec, const nlohmann::json& value) {
  if (is_text(spec)) {
    out << value.get<std::string>();
  } else if (spec.type == FieldType::object) {
    out << YAML::BeginMap;
    for (const auto& field : spec.fields)
      if (is_translatable(field) && value.contains(field.name)) {
        out << YAML::Key << field.name << YAML::Value;
        emit_translatable(out, field, value[field.name]);
      }
    out << YAML::EndMap;
  } else {
    out << YAML::BeginSeq;
    for (const auto& item : value) emit_translatable(out, *spec.items, item);
    out << YAML::EndSeq;
  }
}

// A translation to start from: the record's text fields and body, as they
// are, for the translator to write over in place.
std::string translation_template(const Schema& schema, const Collection& collection, const Record& record,
                                 const std::string& language) {
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::BeginMap;
  for (const auto& name : schema.field_names(collection)) {
    const FieldSpec* spec = schema.field(collection, name);
    auto value = record.fields.find(name);
    if (!spec || !is_translatable(*spec) || value == record.fields.end()) continue;
    out << YAML::Key << name << YAML::Value;
    emit_translatable(out, *spec, *value);
  }
  out << YAML::EndMap;
  return "---\n# The " + language + " text of " + record.id +
         ".md: translate each text and the body in place. Everything else\n"
         "# (taxonomies, references, dates, sources) comes from " +
         record.id + ".md and may not be set here.\n" + out.c_str() + "\n---\n" + std::string(record.body);
}

}  // namespace

int run_new_translation(const CommonOptions& options, const std::string& collection_id, const std::string& id,
                        const std::string& language) {
  Progress progress = make_progress(options);
  const std::string& content = options.inputs.content;
  const std::optional<CatalogueSettings> settings = load_settings_or_report(options, progress);
  if (!settings) return exit_content_error;
  const auto& [config, schema, vocabularies, translated_schemas] = *settings;
  const std::vector<std::string>& languages = config.languages;
  if (std::find(languages.begin() + 1, languages.end(), language) == languages.end()) {
    usage_error(language == languages.front()
                    ? "'" + language + "' is the catalogue's default language: " + id + ".md is in it"
                    : "the catalogue is not published in '" + language + "'",
                "add it to catalogue.yaml first, e.g. languages: [" + languages.front() + ", " +
                    (language == languages.front() ? std::string("fr") : language) + "]");
    return exit_usage;
  }
  const Collection* collection = schema.collection(collection_id);
  if (!collection) {
    usage_error("unknown collection '" + collection_id + "'", did_you_mean(collection_id, schema.collection_ids()));
    return exit_usage;
  }
  DiskFileSystem fs;
  const std::string dir = join_path(content, collection->id);
  const std::string original = join_path(dir, id + ".md");
  const std::string path = join_path(dir, id + "." + language + ".md");
  if (!fs.exists(original)) {
    usage_error(original + " does not exist", "a translation starts from its record: write that first");
    return exit_content_error;
  }
  if (fs.exists(path)) {
    usage_error(path + " already exists", "edit it, or remove it to start again");
    return exit_content_error;
  }
  Diagnostics diagnostics;
  std::set<std::string> keys;
  for (const auto& file : find_record_files(fs, content, schema, diagnostics))
    keys.insert(file.collection->id + "/" + file.id);
  diagnostics = {};
  auto record = load_record_file(fs, *collection, id, original, schema, vocabularies, keys, diagnostics);
  if (!record) {
    report(diagnostics, options.format);
    return exit_content_error;
  }
  progress.begin("write");
  if (auto error = write_new_file(path, translation_template(schema, *collection, *record, language))) {
    usage_error(*error);
    return exit_content_error;
  }
  progress.end(path);
  if (options.verbosity != Verbosity::quiet)
    std::fprintf(stderr,
                 "created %s from %s\nnext: translate its text and body, then run `passerelle check`\n",
                 path.c_str(), original.c_str());
  return exit_ok;
}

int run_new(const CommonOptions& options, const std::string& collection_id, const std::string& id) {
  Progress progress = make_progress(options);
  const std::string& content = options.inputs.content;
  const std::optional<CatalogueSettings> settings = load_settings_or_report(options, progress);
  if (!settings) return exit_content_error;
  const auto& [config, schema, vocabularies, translated_schemas] = *settings;
  DiskFileSystem fs;

  const Collection* collection = schema.collection(collection_id);
  if (!collection) {
    std::string hint = did_you_mean(collection_id, schema.collection_ids());
    if (hint.empty()) hint = "the collections are: " + listed(schema.collection_ids());
    usage_error("unknown collection '" + collection_id + "'", hint);
    return exit_usage;
  }
  if (!is_valid_record_id(id)) {
    const std::string better = suggest_record_id(id);
    usage_error(
        "invalid record id '" + id + "': use a-z, 0-9 and single hyphens",
        better.empty() ? "the id becomes the file name and the page's address" : "try '" + better + "'");
    return exit_usage;
  }
  const std::string path = join_path(join_path(content, collection->id), id + ".md");
  if (fs.exists(path)) {
    usage_error(path + " already exists", "choose another id, or edit the record");
    return exit_content_error;
  }

  const std::string text = record_template(schema, *collection, id, vocabularies,
                                           [&](const std::string& c) { return first_record(fs, content, c); });
  progress.begin("write");
  if (auto error = write_new_file(path, text)) {
    usage_error(*error, "choose another id, or edit the record");
    return exit_content_error;
  }
  progress.end(path);
  if (options.verbosity != Verbosity::quiet) {
    std::fprintf(stderr, "created %s\n", path.c_str());
    for (const auto& other : schema.collections)
      if (other.id != collection->id && fs.exists(join_path(join_path(content, other.id), id + ".md")))
        std::fprintf(stderr, "note: %s/%s exists too, which is allowed: references name the collection\n",
                     other.id.c_str(), id.c_str());
    std::fprintf(stderr,
                 "next: fill it in from the sources, then run `passerelle check` "
                 "(or keep `passerelle serve` running)\n");
  }
  return exit_ok;
}

}  // namespace passerelle
