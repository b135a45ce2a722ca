#include "schema_export/record_template.h"

#include "schema_export/field_description.h"
#include "util/text.h"

namespace passerelle {

namespace {

class TemplateWriter {
 public:
  TemplateWriter(const Vocabularies& vocabularies, const ReferenceExample& reference_example)
      : vocabularies_(vocabularies), reference_example_(reference_example) {}

  void field(const FieldSpec& spec, const std::string& id) {
    out_ += "# " + field_comment(spec) + "\n";
    if (spec.name == "title") {
      out_ += "title: " + quoted(humanize(id)) + "\n";
    } else if (spec.type == FieldType::list) {
      out_ += spec.name + ": []\n";
      if (spec.items && spec.items->type == FieldType::object) {
        out_ += "# " + spec.name + ":\n";
        object_items(*spec.items);
      }
    } else if (spec.required) {
      out_ += spec.name + ": " + required_value(spec) + "\n";
    } else {
      out_ += "# " + spec.name + ": " + example_value(spec, vocabularies_) + "\n";
    }
  }

  std::string& text() { return out_; }

 private:
  // The fields of a list's maps, commented out, as one item would be written.
  void object_items(const FieldSpec& item) {
    bool first = true;
    for (const auto& sub : item.fields) {
      std::string line = std::string(first ? "#   - " : "#     ") + sub.name + ": " +
                         (sub.type == FieldType::object || (sub.type == FieldType::list && sub.items &&
                                                            sub.items->type == FieldType::object)
                              ? "…"
                              : example_value(sub, vocabularies_));
      const size_t width = code_point_count(line);  // "…" is three bytes
      out_ += line + std::string(width < 40 ? 40 - width : 1, ' ') + "# " + field_comment(sub) + "\n";
      first = false;
    }
  }

  std::string required_value(const FieldSpec& spec) const {
    if (spec.type == FieldType::reference && reference_example_)
      if (std::string key = reference_example_(spec.collection); !key.empty()) return key;
    if (spec.type == FieldType::string || spec.type == FieldType::text) return quoted("…");
    return example_value(spec, vocabularies_);
  }

  static std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    return out + "\"";
  }

  const Vocabularies& vocabularies_;
  const ReferenceExample& reference_example_;
  std::string out_;
};

}  // namespace

std::string record_template(const Schema& schema, const Collection& collection, const std::string& id,
                            const Vocabularies& vocabularies, const ReferenceExample& reference_example) {
  TemplateWriter writer(vocabularies, reference_example);
  std::string& out = writer.text();
  out += "---\n";
  out += "# A new " + collection.singular + " (" + collection.id + "/" + id + ").\n";
  out += "# Every field of the collection is listed below. Fill in what the sources say:\n";
  out += "# remove the '# ' in front of a field to use it, leave the others as they are.\n";
  out += "# Lists stay [] until they have something. The fields are described in\n";
  out += "# docs/fields.md; `passerelle check` (or `passerelle serve`) checks the file.\n";
  for (const auto& spec : schema.common)
    if (spec.name != "aliases") writer.field(spec, id);  // a new record has no former ids
  if (!collection.fields.empty()) out += "#\n# Fields of " + collection.label + ":\n";
  for (const auto& spec : collection.fields) writer.field(spec, id);
  out += "---\n";
  return out;
}

}  // namespace passerelle
