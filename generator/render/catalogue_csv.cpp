#include "render/catalogue_csv.h"

#include <set>
#include <vector>

namespace passerelle {

using nlohmann::json;

namespace {

constexpr const char* byte_order_mark = "\xEF\xBB\xBF";

bool is_object(const FieldSpec* spec, const json& value) {
  if (spec) return spec->type == FieldType::object || spec->type == FieldType::citation;
  return value.is_object();
}

std::string scalar_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
  if (value.is_null()) return "";
  return value.dump();
}

// As the record page words it: "sources/<id>, section 2.3 (https://…): note",
// or "Title (https://…)" for a document outside the catalogue.
std::string citation_text(const json& value) {
  auto part = [&](const char* name) { return value.contains(name) ? scalar_text(value[name]) : std::string(); };
  std::string out = value.contains("source") ? part("source") : part("title");
  if (value.contains("section")) out += (out.empty() ? "section " : ", section ") + part("section");
  if (value.contains("url")) out += out.empty() ? part("url") : " (" + part("url") + ")";
  if (value.contains("note")) out += (out.empty() ? "" : ": ") + part("note");
  return out;
}

// `nested` when the value stands inside an object, whose fields are already
// separated by "; ": a list there is joined with ", " and an object is put
// in brackets.
std::string text(const FieldSpec* spec, const json& value, bool nested);

std::string list_text(const FieldSpec* item, const json& value, bool nested) {
  bool objects = false;
  for (const auto& v : value) objects = objects || is_object(item, v);
  const char* separator = nested ? ", " : objects ? " | " : "; ";
  std::string out;
  for (const auto& v : value) {
    if (!out.empty()) out += separator;
    out += text(item, v, nested);
  }
  return out;
}

std::string object_text(const FieldSpec* spec, const json& value, bool nested) {
  std::string out;
  auto add = [&](const std::string& name, const FieldSpec* sub) {
    auto v = value.find(name);
    if (v == value.end() || v->is_null()) return;
    out += (out.empty() ? "" : "; ") + name + ": " + text(sub, *v, true);
  };
  if (spec) {
    for (const auto& sub : spec->fields) add(sub.name, &sub);
  } else {
    for (const auto& [name, v] : value.items()) add(name, nullptr);
  }
  return nested && !out.empty() ? "(" + out + ")" : out;
}

std::string text(const FieldSpec* spec, const json& value, bool nested) {
  if (spec && spec->type == FieldType::period && value.is_object()) return period_text(value);
  if (spec && spec->type == FieldType::citation && value.is_object()) return citation_text(value);
  if (value.is_array()) return list_text(spec && spec->items ? spec->items.get() : nullptr, value, nested);
  if (value.is_object())
    return object_text(spec && spec->type == FieldType::object ? spec : nullptr, value, nested);
  return scalar_text(value);
}

}  // namespace

std::string csv_cell_text(const FieldSpec* spec, const json& value) { return text(spec, value, false); }

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string catalogue_csv(const SiteModel& site) {
  // Common fields first, then every collection's own fields in schema order.
  std::vector<std::string> columns;
  std::set<std::string> seen;
  for (const auto& f : site.schema.common)
    if (seen.insert(f.name).second) columns.push_back(f.name);
  for (const auto& c : site.schema.collections)
    for (const auto& f : c.fields)
      if (seen.insert(f.name).second) columns.push_back(f.name);
  std::string out = byte_order_mark;
  out += "collection,id,url";
  for (const auto& c : columns) out += "," + csv_field(c);
  out += "\r\n";
  for (const auto& r : site.records) {
    const Collection* collection = site.schema.collection(r.collection);
    out += csv_field(r.collection) + "," + csv_field(r.id) + "," + csv_field(record_path(r.collection, r.id));
    for (const auto& c : columns) {
      out += ",";
      if (auto v = r.fields.find(c); v != r.fields.end())
        out += csv_field(csv_cell_text(collection ? site.schema.field(*collection, c) : nullptr, *v));
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace passerelle
