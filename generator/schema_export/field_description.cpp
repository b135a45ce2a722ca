#include "schema_export/field_description.h"

namespace passerelle {

namespace {

std::string joined(const std::vector<std::string>& values, const std::string& separator) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : separator) + v;
  return out;
}

std::string article(const std::string& word) {
  return (!word.empty() && std::string("aeiou").find(word[0]) != std::string::npos ? "an " : "a ") + word;
}

}  // namespace

std::string type_description(const FieldSpec& spec) {
  switch (spec.type) {
    case FieldType::string: return "text on one line";
    case FieldType::text: return "text";
    case FieldType::integer: return "whole number";
    case FieldType::fraction: return "fraction from 0 to 1, e.g. 2/3 or 0.5";
    case FieldType::year: return "year";
    case FieldType::boolean: return "true or false";
    case FieldType::url: return "http, https or mailto address";
    case FieldType::enumeration: return "one of: " + joined(spec.values, ", ");
    case FieldType::reference:
      return spec.collection.empty()
                 ? "reference <collection>/<id>"
                 : "reference to " + article(spec.collection) + " record (" + spec.collection + "/<id>)";
    case FieldType::term: return "id from vocabularies/" + spec.taxonomy + ".yaml";
    case FieldType::list:
      if (!spec.items) return "list";
      switch (spec.items->type) {
        case FieldType::reference:
          return spec.items->collection.empty()
                     ? "list of references <collection>/<id>"
                     : "list of references to " + spec.items->collection + " records";
        case FieldType::term: return "list of ids from vocabularies/" + spec.items->taxonomy + ".yaml";
        case FieldType::object: return "list of maps";
        case FieldType::citation: return "list of citations";
        case FieldType::former_id: return "list of former ids of the record: a-z, 0-9 and '-'";
        default: return "list; each: " + type_description(*spec.items);
      }
    case FieldType::object: {
      std::vector<std::string> names;
      for (const auto& f : spec.fields) names.push_back(f.name);
      return "map of " + joined(names, ", ");
    }
    case FieldType::period: return "{start: YEAR, end: YEAR}";
    case FieldType::citation: return "citation";
    case FieldType::former_id: return "former id of the record: a-z, 0-9 and '-'";
  }
  return "value";
}

std::string example_value(const FieldSpec& spec, const Vocabularies& vocabularies) {
  switch (spec.type) {
    case FieldType::string:
    case FieldType::text: return "…";
    case FieldType::integer: return "1";
    case FieldType::fraction: return "1/3";
    case FieldType::year: return "2004";
    case FieldType::boolean: return "true";
    case FieldType::url: return "https://…";
    case FieldType::enumeration: return spec.values.empty() ? "…" : spec.values.front();
    case FieldType::reference: return (spec.collection.empty() ? "<collection>" : spec.collection) + "/…";
    case FieldType::term: {
      auto it = vocabularies.find(spec.taxonomy);
      return it == vocabularies.end() || it->second.terms.empty() ? "…" : it->second.terms.front().id;
    }
    case FieldType::list: {
      if (!spec.items || spec.items->type == FieldType::object) return "[]";
      if (spec.items->type == FieldType::term) {
        auto it = vocabularies.find(spec.items->taxonomy);
        std::vector<std::string> ids;
        if (it != vocabularies.end())
          for (size_t i = 0; i < it->second.terms.size() && i < 2; ++i) ids.push_back(it->second.terms[i].id);
        return "[" + joined(ids, ", ") + "]";
      }
      return "[" + example_value(*spec.items, vocabularies) + "]";
    }
    case FieldType::object: return "{}";
    case FieldType::period: return "{start: 2002, end: 2005}";
    case FieldType::citation: return "{source: sources/…, section: \"…\"}";
    case FieldType::former_id: return "old-id";
  }
  return "…";
}

std::string field_comment(const FieldSpec& spec) {
  std::string out = (spec.label.empty() ? spec.name : spec.label) + " (" + type_description(spec) +
                    (spec.required ? ", required" : "") + ")";
  if (!spec.help.empty()) out += ": " + spec.help;
  return out;
}

}  // namespace passerelle
