#include "render/catalogue_csv.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "render/feed_entries.h"

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

namespace {

// Where the third cell of `row` ends (at a comma outside quotes), or npos.
size_t third_comma(std::string_view row) {
  bool quoted = false;
  size_t cells = 0;
  for (size_t at = 0; at < row.size(); ++at) {
    if (row[at] == '"') quoted = !quoted;
    else if (!quoted && row[at] == ',' && ++cells == 3) return at;
  }
  return std::string_view::npos;
}

// The rows of the last build's catalogue.csv after its header, by their
// first three cells (collection, id, url) as written: a row ends at a line
// break outside quotes, that is, after an even number of them. Read line
// by line (memchr), since the file runs to some 50 MB at 100,000 records.
EntriesBefore rows_before(std::string_view text) {
  EntriesBefore rows;
  bool header = true, quoted = false;
  size_t start = 0;  // of the row being read
  for (size_t from = 0; from < text.size();) {
    const size_t at = std::min(text.find('\n', from), text.size());
    if (std::count(text.begin() + from, text.begin() + at, '"') % 2) quoted = !quoted;
    from = at + 1;
    if (quoted || at == text.size()) continue;
    const std::string_view row = text.substr(start, at + 1 - start);
    start = at + 1;
    if (std::exchange(header, false) || !row.ends_with("\r\n")) continue;
    if (const size_t key_end = third_comma(row); key_end != std::string_view::npos)
      rows.add(row.substr(0, key_end), row);
  }
  return rows;
}

}  // namespace

std::string catalogue_csv(const SiteModel& site, std::string_view before, const std::vector<bool>& as_before) {
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
  auto key = [&](const Record& r) {
    return csv_field(r.collection) + "," + csv_field(r.id) + "," + csv_field(record_path(r.collection, r.id));
  };
  append_entries(
      out, site.records.size(), "",
      as_before.size() == site.records.size() ? rows_before(before) : EntriesBefore(), as_before, 0,
      [&](size_t i) { return key(site.records[i]); },
      [&](std::string& row, size_t i) {
        const Record& r = site.records[i];
        const Collection* collection = site.schema.collection(r.collection);
        row += key(r);
        for (const auto& c : columns) {
          row += ",";
          if (auto v = r.fields.find(c); v != r.fields.end())
            row += csv_field(csv_cell_text(collection ? site.schema.field(*collection, c) : nullptr, *v));
        }
        row += "\r\n";
      });
  return out;
}

}  // namespace passerelle
