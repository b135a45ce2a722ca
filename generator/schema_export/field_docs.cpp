#include "schema_export/field_docs.h"

#include "schema_export/field_description.h"

namespace passerelle {

namespace {

// Text for a Markdown table cell (GitHub Flavored Markdown).
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '<') out += "&lt;";  // <id> would be read as an HTML tag
    else if (c == '>') out += "&gt;";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

std::string code(const std::string& text) { return "`" + text + "`"; }

void field_rows(const FieldSpec& spec, const std::string& name, std::string& out) {
  out += "| " + code(name) + " | " + cell(spec.label) + " | " + cell(type_description(spec)) + " | " +
         (spec.required ? "yes" : "") + " | " + cell(spec.help) + " |\n";
  const FieldSpec* object =
      spec.type == FieldType::object                                                        ? &spec
      : spec.type == FieldType::list && spec.items && spec.items->type == FieldType::object ? spec.items.get()
                                                                                            : nullptr;
  if (object)
    for (const auto& sub : object->fields)
      field_rows(sub, name + (spec.type == FieldType::list ? "[]." : ".") + sub.name, out);
}

void field_table(const std::vector<FieldSpec>& fields, std::string& out) {
  out += "| field | label | type | required | help |\n| --- | --- | --- | --- | --- |\n";
  for (const auto& f : fields) field_rows(f, f.name, out);
}

}  // namespace

std::string fields_markdown(const CatalogueConfig& config, const Schema& schema,
                            const Vocabularies& vocabularies) {
  std::string out;
  out += "# Fields and vocabularies of the catalogue\n\n";
  out +=
      "<!-- Generated from content/schema.yaml and content/vocabularies/ by\n"
      "     `passerelle docs --out docs/fields.md`. Do not edit: change the schema or\n"
      "     a vocabulary, then run the command again (a test checks they agree). -->\n\n";
  out +=
      "Every record is a Markdown file `content/<collection>/<id>.md` whose front\n"
      "matter holds the fields below; the [editors' guide](editors-guide.md) says how\n"
      "to add one. A field that its collection does not list is an error. Leave a\n"
      "field out rather than guess its value.\n\n";
  out += "Collections: ";
  for (size_t i = 0; i < schema.collections.size(); ++i)
    out += (i ? ", " : "") + code(schema.collections[i].id) + " (" + schema.collections[i].label + ")";
  out += ".\n\n";

  out += "## Fields every record has\n\n";
  field_table(schema.common, out);
  out +=
      "\nA citation in `sources` is `{source: sources/<id>, section: \"…\"}` (or just\n"
      "`sources/<id>`) for a document of the catalogue, or `{title: \"…\", url: \"…\"}` for\n"
      "one outside it; `section`, `url` and `note` are optional.\n";

  for (const auto& c : schema.collections) {
    out += "\n## " + c.label + " (" + code(c.id) + ")\n\n";
    if (!c.description.empty()) out += c.description + "\n\n";
    out += "Files: `content/" + c.id + "/<id>.md`, one record each";
    if (!c.sort.empty()) {
      out += "; the index page is sorted by ";
      for (size_t i = 0; i < c.sort.size(); ++i) out += (i ? ", " : "") + code(c.sort[i]);
    }
    out += ".\n\n";
    if (c.fields.empty()) out += "No fields beyond those every record has.\n";
    else field_table(c.fields, out);
  }

  out += "\n## Vocabularies\n\n";
  for (size_t i = 0; i < schema.taxonomies.size(); ++i)
    out += (i == 0 ? "" : i + 1 == schema.taxonomies.size() ? " and " : ", ") + code(schema.taxonomies[i].id);
  out +=
      " take ids from `content/vocabularies/`. To add\n"
      "a term, add an entry (`id`, `label`, optional `description`) to the file: see\n"
      "the editors' guide.\n";
  for (const auto& taxonomy : schema.taxonomies) {
    auto it = vocabularies.find(taxonomy.id);
    if (it == vocabularies.end()) continue;
    out += "\n### " + taxonomy.label + " (`vocabularies/" + taxonomy.id + ".yaml`)\n\n";
    if (!taxonomy.collections.empty()) {
      out += "Used by ";
      for (size_t i = 0; i < taxonomy.collections.size(); ++i)
        out += (i ? ", " : "") + code(taxonomy.collections[i]);
      out += ".\n\n";
    }
    out += "| id | label | other labels |\n| --- | --- | --- |\n";
    for (const auto& term : it->second.terms) {
      std::string others;
      for (const auto& [language, label] : term.labels)
        if (language != config.language) others += (others.empty() ? "" : "; ") + language + ": " + label;
      out += "| " + code(term.id) + " | " + cell(term.label(config.language)) + " | " + cell(others) + " |\n";
    }
  }
  return out;
}

}  // namespace passerelle
