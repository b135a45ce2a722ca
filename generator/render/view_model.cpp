#include "render/view_model.h"

#include <algorithm>

#include <cctype>
#include "model/ui_strings.h"
#include "util/escape.h"

namespace passerelle {

using nlohmann::json;

namespace {

// A link whose text is its own address is marked, so that print does not write the address twice.
std::string link_html(const std::string& url, const std::string& label, bool external) {
  return "<a href=\"" + escape_markup(url) + "\"" + (external ? " rel=\"external noopener\"" : "") +
         (label == url ? " class=\"bare-url\"" : "") + ">" + escape_markup(label) + "</a>";
}

}  // namespace

std::string enum_label(const FieldSpec& spec, const std::string& value) {
  auto label = spec.value_labels.find(value);
  return label == spec.value_labels.end() ? humanize(value) : label->second;
}

std::string period_text(const json& period) {
  const std::string start = period.contains("start") ? period["start"].dump() : "…";
  const std::string end = period.contains("end") ? period["end"].dump() : "…";
  return start == end ? start : start + "–" + end;
}

std::string search_url(const std::string& root,
                       const std::vector<std::pair<std::string, std::string>>& filters) {
  // Names and ids are a-z, A-Z, 0-9 and '-' (fs/path_names.h): nothing to encode.
  std::string url = root + "search.html";
  char separator = '?';
  for (const auto& [name, value] : filters) {
    url += separator + name + "=" + value;
    separator = '&';
  }
  return url;
}

std::string ViewModel::taxonomy_label(const std::string& taxonomy) const {
  const Taxonomy* t = site_.schema.taxonomy(taxonomy);
  return t ? t->label : humanize(taxonomy);
}

std::string ViewModel::taxonomy_singular(const std::string& taxonomy) const {
  const Taxonomy* t = site_.schema.taxonomy(taxonomy);
  return t ? t->singular : humanize(taxonomy);
}

std::string ViewModel::facet_of(const std::string& taxonomy) const {
  const Taxonomy* t = site_.schema.taxonomy(taxonomy);
  return t ? t->facet : std::string();
}

std::string ViewModel::term_label(const std::string& taxonomy, const std::string& term) const {
  auto it = site_.vocabularies.find(taxonomy);
  if (it == site_.vocabularies.end()) return term;
  const Term* t = it->second.find(term);
  return t ? t->label(site_.config.language) : term;
}

std::string ViewModel::reference_title(const std::string& key) const {
  auto it = site_.index.by_key.find(key);
  return it == site_.index.by_key.end() ? key : site_.records[it->second].title();
}

json ViewModel::term_links(const Record& record, const std::string& taxonomy, const std::string& root) const {
  json out = json::array();
  for (const auto& term : record.terms(taxonomy))
    out.push_back({{"label", term_label(taxonomy, term)}, {"url", root + term_path(taxonomy, term)}});
  return out;
}

json ViewModel::record_item(const Record& record, const std::string& root) const {
  const Collection* c = site_.schema.collection(record.collection);
  std::string countries;
  if (const Taxonomy* places = site_.schema.map_taxonomy())
    for (const auto& term : record.terms(places->id))
      countries += (countries.empty() ? "" : ", ") + term_label(places->id, term);
  std::string period;
  if (auto p = record.fields.find("period"); p != record.fields.end()) period = period_text(*p);
  std::string number;
  if (c && !c->numbered_by.empty())
    if (auto n = record.fields.find(c->numbered_by); n != record.fields.end())
      number = n->is_string() ? n->get<std::string>() : n->dump();
  return json{{"title", record.title()},
              {"number", number},
              {"url", root + record_path(record.collection, record.id)},
              {"summary", record.summary()},
              {"collection", c ? c->singular : record.collection},
              {"countries", countries},
              {"period", period},
              {"lang", record.text_language}};
}

std::string ViewModel::record_list_html(const std::vector<size_t>& indices) const {
  size_t size = 0;
  for (size_t i : indices) size += item_html_(i).size();
  std::string out;
  out.reserve(size);
  for (size_t i : indices) out += item_html_(i);
  return out;
}

json ViewModel::grouped_by_collection(const std::vector<size_t>& indices) const {
  const auto& collections = site_.schema.collections;
  // One pass: records of one collection mostly come in runs, so the
  // collection is looked up only where a run starts.
  std::vector<std::vector<size_t>> members(collections.size());
  const std::string* run = nullptr;
  size_t position = 0;
  for (size_t i : indices) {
    const std::string& collection = site_.records[i].collection;
    if (!run || collection != *run) {
      run = &collection;
      position = std::find_if(collections.begin(), collections.end(),
                              [&](const Collection& c) { return c.id == collection; }) -
                 collections.begin();
    }
    if (position < collections.size()) members[position].push_back(i);
  }
  json groups = json::array();
  for (size_t k = 0; k < collections.size(); ++k) {
    if (members[k].empty()) continue;
    groups.push_back({{"id", collections[k].id},
                      {"label", collections[k].label},
                      {"count", std::to_string(members[k].size())},
                      {"records_html", record_list_html(members[k])}});
  }
  return groups;
}

std::string ViewModel::value_html(const FieldSpec& spec, const json& v, const std::string& root) const {
  switch (spec.type) {
    case FieldType::boolean: return site_.strings.text(v.get<bool>() ? "value_yes" : "value_no");
    case FieldType::fraction: return escape_markup(v.get<std::string>());
    case FieldType::integer:
    case FieldType::year: return v.dump();
    case FieldType::url: return link_html(v.get<std::string>(), v.get<std::string>(), true);
    case FieldType::enumeration: return escape_markup(enum_label(spec, v.get<std::string>()));
    case FieldType::reference: {
      const std::string key = v.get<std::string>();
      auto slash = key.find('/');
      return link_html(root + record_path(key.substr(0, slash), key.substr(slash + 1)), reference_title(key),
                       false);
    }
    case FieldType::term:
      return link_html(root + term_path(spec.taxonomy, v.get<std::string>()),
                       term_label(spec.taxonomy, v.get<std::string>()), false);
    case FieldType::period: return period_text(v);
    case FieldType::list: {
      std::string out = "<ul>";
      for (const auto& item : v) out += "<li>" + value_html(*spec.items, item, root) + "</li>";
      return out + "</ul>";
    }
    case FieldType::object: {
      std::string out = "<dl class=\"object\">";
      for (const auto& sub : spec.fields)
        if (v.contains(sub.name))
          out += "<dt>" + escape_markup(sub.label) + "</dt><dd>" + value_html(sub, v[sub.name], root) + "</dd>";
      return out + "</dl>";
    }
    case FieldType::citation: {
      // "Document title, section 2.1 (note)", the title linked to its record or address.
      std::string out;
      if (v.contains("source")) {
        FieldSpec reference;
        reference.type = FieldType::reference;
        out = value_html(reference, v["source"], root);
      } else if (v.contains("title") && v.contains("url")) {
        out = link_html(v["url"], v["title"], true);
      } else if (v.contains("title")) {
        out = escape_markup(v["title"].get<std::string>());
      } else if (v.contains("url")) {
        out = link_html(v["url"], v["url"], true);
      }
      if (v.contains("section")) out += ", section " + escape_markup(v["section"].get<std::string>());
      if (v.contains("source") && v.contains("url")) out += " (" + link_html(v["url"], "online", true) + ")";
      if (v.contains("note")) out += ": " + escape_markup(v["note"].get<std::string>());
      return out;
    }
    case FieldType::string:
    case FieldType::text:
    case FieldType::former_id: break;
  }
  const std::string text = escape_markup(v.is_string() ? v.get<std::string>() : v.dump());
  return spec.language.empty() ? text
                               : "<span lang=\"" + escape_markup(spec.language) + "\">" + text + "</span>";
}

bool is_section_field(const FieldSpec& spec) {
  if (spec.type == FieldType::text) return true;
  return spec.type == FieldType::list && spec.items &&
         (spec.items->type == FieldType::text || spec.items->type == FieldType::object);
}

std::string ViewModel::section_html(const FieldSpec& spec, const json& v, const std::string& root) const {
  if (spec.type == FieldType::text) return "<p>" + value_html(spec, v, root) + "</p>";
  if (spec.type != FieldType::list || !v.is_array()) return value_html(spec, v, root);
  const FieldSpec& item = *spec.items;
  if (item.type != FieldType::object) {
    std::string out = "<ul class=\"section-list\">";
    for (const auto& x : v) out += "<li>" + value_html(item, x, root) + "</li>";
    return out + "</ul>";
  }
  std::string out = "<ul class=\"entries\">";
  for (const auto& x : v) {
    std::string head, meta, texts;
    for (const auto& sub : item.fields) {
      if (!x.is_object() || !x.contains(sub.name) || x[sub.name].is_null()) continue;
      const std::string html = value_html(sub, x[sub.name], root);
      if (head.empty() && meta.empty() && sub.type != FieldType::text && sub.type != FieldType::boolean)
        head = "<strong class=\"entry-title\">" + html + "</strong>";
      else if (sub.type == FieldType::text) texts += "<p>" + html + "</p>";
      else if (sub.type == FieldType::boolean) {
        if (x[sub.name].get<bool>()) meta += (meta.empty() ? "" : " · ") + escape_markup(sub.label);
      } else meta += (meta.empty() ? "" : " · ") + escape_markup(sub.label) + ": " + html;
    }
    out += "<li class=\"entry\">";
    if (!head.empty() || !meta.empty())
      out += "<p class=\"entry-head\">" + head +
             (meta.empty() ? "" : " <span class=\"entry-meta\">" + meta + "</span>") + "</p>";
    out += texts + "</li>";
  }
  return out + "</ul>";
}

json ViewModel::value_view(const FieldSpec& spec, const json& v, const std::string& root) const {
  switch (spec.type) {
    case FieldType::enumeration: return enum_label(spec, v.get<std::string>());
    case FieldType::reference: {
      const std::string key = v.get<std::string>();
      const auto slash = key.find('/');
      return {{"title", reference_title(key)},
              {"url", root + record_path(key.substr(0, slash), key.substr(slash + 1))}};
    }
    case FieldType::term:
      return {{"label", term_label(spec.taxonomy, v.get<std::string>())},
              {"url", root + term_path(spec.taxonomy, v.get<std::string>())}};
    case FieldType::period:
    case FieldType::citation: {
      const std::string html = value_html(spec, v, root);
      return spec.type == FieldType::period ? json(html) : json{{"html", html}};
    }
    case FieldType::list: {
      json out = json::array();
      for (const auto& item : v) out.push_back(value_view(*spec.items, item, root));
      return out;
    }
    case FieldType::object: {
      json out = json::object();
      for (const auto& sub : spec.fields)
        out[sub.name] = v.contains(sub.name) ? value_view(sub, v[sub.name], root) : json();
      return out;
    }
    default: return v;
  }
}

json ViewModel::field_languages(const std::string& collection) const {
  json out = json::object();
  if (const Collection* c = site_.schema.collection(collection))
    for (const auto& spec : c->fields)
      if (!spec.language.empty()) out[spec.name] = spec.language;
  return out;
}

json ViewModel::fields_view(const Record& record, const std::string& root) const {
  json out = json::object();
  const Collection* c = site_.schema.collection(record.collection);
  if (!c) return out;
  for (const auto& spec : c->fields) {
    auto v = record.fields.find(spec.name);
    out[spec.name] = v == record.fields.end() ? json() : value_view(spec, *v, root);
  }
  return out;
}

json ViewModel::grouped_by_section(const std::vector<size_t>& indices) const {
  json by_collection = grouped_by_collection(indices);
  json sections = json::array();
  for (const Section& section : site_.schema.sections) {
    json members = json::array();
    size_t count = 0;
    for (const auto& id : section.collections)
      for (auto& group : by_collection)
        if (group["id"] == id) {
          count += std::stoul(group["count"].get<std::string>());
          members.push_back(std::move(group));
        }
    if (members.empty()) continue;
    const bool several = members.size() > 1;
    // A collection's group keeps its id as anchor (#dps); a section of
    // several gets one that no collection takes.
    std::string anchor = several ? "section-" + section.id : members[0]["id"].get<std::string>();
    sections.push_back({{"id", section.id},
                        {"anchor", std::move(anchor)},
                        {"label", section.label},
                        {"count", std::to_string(count)},
                        {"several", several},
                        {"collections", std::move(members)}});
  }
  return sections;
}

}  // namespace passerelle
