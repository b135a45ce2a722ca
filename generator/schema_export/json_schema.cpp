#include "schema_export/json_schema.h"

#include "schema_export/field_description.h"

namespace passerelle {

namespace {

using nlohmann::ordered_json;

const char* const id_pattern = "[a-z0-9]+(-[a-z0-9]+)*";

class SchemaWriter {
 public:
  SchemaWriter(const Schema& schema, const Vocabularies& vocabularies)
      : schema_(schema), vocabularies_(vocabularies) {}

  // `spec` with its label and help, as a property.
  ordered_json property(const FieldSpec& spec) const {
    ordered_json out = ordered_json::object();
    if (!spec.label.empty()) out["title"] = spec.label;
    out["description"] = field_comment(spec);
    const ordered_json typed = type(spec);
    for (const auto& [key, value] : typed.items()) out[key] = value;
    return out;
  }

  ordered_json object(const std::vector<const FieldSpec*>& fields) const {
    ordered_json properties = ordered_json::object();
    ordered_json required = ordered_json::array();
    for (const auto* f : fields) {
      properties[f->name] = property(*f);
      if (f->required) required.push_back(f->name);
    }
    ordered_json out = {{"type", "object"}, {"additionalProperties", false}, {"properties", properties}};
    if (!required.empty()) out["required"] = required;
    return out;
  }

 private:
  ordered_json reference(const std::string& collection) const {
    std::string targets = collection;
    if (targets.empty())
      for (const auto& c : schema_.collections) targets += (targets.empty() ? "" : "|") + c.id;
    return {{"type", "string"}, {"pattern", "^(" + targets + ")/" + id_pattern + "$"}};
  }

  // The record's text fields take any scalar, as `check` does (a title may be 1984).
  static ordered_json text(bool one_line) {
    ordered_json out = {{"type", {"string", "number", "boolean"}}, {"minLength", 1}};
    if (one_line) out["pattern"] = "^[^\\n]*$";
    return out;
  }

  ordered_json type(const FieldSpec& spec) const {
    switch (spec.type) {
      case FieldType::string: return text(true);
      case FieldType::text: return text(false);
      case FieldType::integer: return {{"type", "integer"}};
      case FieldType::fraction:
        return {{"type", {"string", "number"}},
                {"pattern", "^(0|1|0?\\.[0-9]+|[0-9]+/[1-9][0-9]*)$"},
                {"minimum", 0},
                {"maximum", 1}};
      case FieldType::year: return {{"type", "integer"}, {"minimum", 1000}, {"maximum", 2999}};
      case FieldType::boolean: return {{"type", "boolean"}};
      case FieldType::url: return {{"type", "string"}, {"pattern", "^(https?://|mailto:)[^ \\t\"<>]+$"}};
      case FieldType::enumeration: return {{"type", "string"}, {"enum", spec.values}};
      case FieldType::reference: return reference(spec.collection);
      case FieldType::term: return term(spec.taxonomy);
      case FieldType::list: {
        ordered_json out = {{"type", {"array", "null"}}};
        if (spec.items) out["items"] = spec.items->name.empty() ? type(*spec.items) : property(*spec.items);
        if (spec.items && spec.items->type == FieldType::object) out["items"] = object_of(*spec.items);
        return out;
      }
      case FieldType::object: return object_of(spec);
      case FieldType::period: {
        FieldSpec year;
        year.type = FieldType::year;
        year.name = "start";
        year.label = "Start";
        FieldSpec end = year;
        end.name = "end";
        end.label = "End";
        return object({&year, &end});
      }
      case FieldType::citation: return citation();
      case FieldType::former_id: return {{"type", "string"}, {"pattern", std::string("^") + id_pattern + "$"}};
    }
    return ordered_json::object();
  }

  ordered_json object_of(const FieldSpec& spec) const {
    std::vector<const FieldSpec*> fields;
    for (const auto& f : spec.fields) fields.push_back(&f);
    return object(fields);
  }

  ordered_json term(const std::string& taxonomy) const {
    ordered_json ids = ordered_json::array(), labels = ordered_json::array();
    if (auto it = vocabularies_.find(taxonomy); it != vocabularies_.end())
      for (const auto& t : it->second.terms) {
        ids.push_back(t.id);
        labels.push_back(t.label("en"));
      }
    // enumDescriptions: shown beside each id by yaml-language-server.
    return {{"type", "string"}, {"enum", ids}, {"enumDescriptions", labels}};
  }

  ordered_json citation() const {
    auto make = [](const char* name, FieldType t, const char* label) {
      FieldSpec f;
      f.name = name;
      f.type = t;
      f.label = label;
      return f;
    };
    FieldSpec source = make("source", FieldType::reference, "Source document");
    source.help = "the record of the document, usually sources/<id>";
    FieldSpec title = make("title", FieldType::string, "Title");
    title.help = "for a document that has no record";
    FieldSpec section = make("section", FieldType::string, "Section");
    section.help = "where in the document, e.g. \"2.3 France\"";
    FieldSpec url = make("url", FieldType::url, "Address");
    FieldSpec note = make("note", FieldType::text, "Note");
    ordered_json map = object({&source, &title, &section, &url, &note});
    map["anyOf"] = {{{"required", {"source"}}}, {{"required", {"title"}}}, {{"required", {"url"}}}};
    return {{"anyOf", {reference(""), map}}};
  }

  const Schema& schema_;
  const Vocabularies& vocabularies_;
};

}  // namespace

nlohmann::ordered_json front_matter_schema(const Schema& schema, const Collection& collection,
                                           const Vocabularies& vocabularies) {
  SchemaWriter writer(schema, vocabularies);
  std::vector<const FieldSpec*> fields;
  for (const auto& f : schema.common) fields.push_back(&f);
  for (const auto& f : collection.fields) fields.push_back(&f);
  ordered_json out = {
      {"$schema", "http://json-schema.org/draft-07/schema#"},
      {"$id", schema_file_name(collection.id)},
      {"title", collection.singular},
      {"description", "Front matter of a record of " + collection.id + " (" + collection.label +
                          "). Generated from schema.yaml by `passerelle schema`; do not edit."},
  };
  const ordered_json object = writer.object(fields);
  for (const auto& [key, value] : object.items()) out[key] = value;
  return out;
}

std::string schema_file_name(const std::string& collection) { return collection + ".schema.json"; }

}  // namespace passerelle
