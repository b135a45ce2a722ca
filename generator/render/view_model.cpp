#include "render/view_model.h"

#include <cctype>

namespace passerelle {

using nlohmann::json;

namespace {

json node(json text, json link, json list, json object) {
  return json{{"text", std::move(text)},
              {"link", std::move(link)},
              {"list", std::move(list)},
              {"object", std::move(object)}};
}

json text_node(const std::string& text) { return node(text, false, false, false); }

json link_node(const std::string& url, const std::string& label, bool external) {
  return node(false, json{{"url", url}, {"label", label}, {"external", external}}, false, false);
}

}  // namespace

std::string record_path(const std::string& collection, const std::string& id) {
  return collection + "/" + id + ".html";
}

std::string term_path(const std::string& taxonomy, const std::string& term) {
  std::string id;
  for (char c : term) id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return taxonomy + "/" + id + ".html";
}

std::string humanize(const std::string& id) {
  std::string out = id;
  for (char& c : out)
    if (c == '-' || c == '_') c = ' ';
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string ViewModel::taxonomy_label(const std::string& taxonomy) const {
  if (taxonomy == "actors") return "Actor types";
  return humanize(taxonomy);
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

json ViewModel::term_links(const Record& record, const std::string& taxonomy,
                           const std::string& root) const {
  json out = json::array();
  for (const auto& term : record.terms(taxonomy))
    out.push_back({{"label", term_label(taxonomy, term)}, {"url", root + term_path(taxonomy, term)}});
  return out;
}

json ViewModel::record_item(const Record& record, const std::string& root) const {
  const Collection* c = site_.schema.collection(record.collection);
  std::string countries;
  for (const auto& term : record.terms("countries"))
    countries += (countries.empty() ? "" : ", ") + term_label("countries", term);
  std::string period;
  if (auto p = record.fields.find("period"); p != record.fields.end()) {
    if (p->contains("start")) period = p->at("start").dump();
    if (p->contains("end") && (!p->contains("start") || p->at("end") != p->at("start")))
      period += "–" + p->at("end").dump();
  }
  return json{{"title", record.title()},
              {"url", root + record_path(record.collection, record.id)},
              {"summary", record.summary()},
              {"collection", c ? c->singular : record.collection},
              {"countries", countries},
              {"period", period}};
}

json ViewModel::record_items(const std::vector<size_t>& indices) const {
  json out = json::array();
  for (size_t i : indices) out.push_back({{"html", item_html_->at(i)}});
  return out;
}

json ViewModel::grouped_by_collection(const std::vector<size_t>& indices) const {
  json groups = json::array();
  for (const auto& c : site_.schema.collections) {
    std::vector<size_t> members;
    for (size_t i : indices)
      if (site_.records[i].collection == c.id) members.push_back(i);
    if (members.empty()) continue;
    groups.push_back({{"id", c.id},
                      {"label", c.label},
                      {"count", std::to_string(members.size())},
                      {"records", record_items(members)}});
  }
  return groups;
}

json ViewModel::value(const FieldSpec& spec, const json& v, const std::string& root) const {
  switch (spec.type) {
    case FieldType::boolean: return text_node(v.get<bool>() ? "Yes" : "No");
    case FieldType::integer:
    case FieldType::year: return text_node(v.dump());
    case FieldType::url: return link_node(v.get<std::string>(), v.get<std::string>(), true);
    case FieldType::enumeration: return text_node(humanize(v.get<std::string>()));
    case FieldType::reference: {
      const std::string key = v.get<std::string>();
      auto slash = key.find('/');
      return link_node(root + record_path(key.substr(0, slash), key.substr(slash + 1)),
                       reference_title(key), false);
    }
    case FieldType::term:
      return link_node(root + term_path(spec.taxonomy, v.get<std::string>()),
                       term_label(spec.taxonomy, v.get<std::string>()), false);
    case FieldType::period: {
      std::string text = v.contains("start") ? v["start"].dump() : "…";
      text += "–" + (v.contains("end") ? v["end"].dump() : std::string("…"));
      return text_node(text);
    }
    case FieldType::list: {
      json items = json::array();
      for (const auto& item : v) items.push_back(value(*spec.items, item, root));
      return node(false, false, json{{"items", std::move(items)}}, false);
    }
    case FieldType::object: {
      json entries = json::array();
      for (const auto& sub : spec.fields)
        if (v.contains(sub.name))
          entries.push_back({{"label", sub.label}, {"value", value(sub, v[sub.name], root)}});
      return node(false, false, false, json{{"entries", std::move(entries)}});
    }
    case FieldType::citation: {
      json entries = json::array();
      if (v.contains("source")) {
        FieldSpec ref;
        ref.type = FieldType::reference;
        entries.push_back({{"label", "Document"}, {"value", value(ref, v["source"], root)}});
      }
      if (v.contains("title")) entries.push_back({{"label", "Document"}, {"value", text_node(v["title"])}});
      if (v.contains("section")) entries.push_back({{"label", "Section"}, {"value", text_node(v["section"])}});
      if (v.contains("url")) entries.push_back({{"label", "Address"}, {"value", link_node(v["url"], v["url"], true)}});
      if (v.contains("note")) entries.push_back({{"label", "Note"}, {"value", text_node(v["note"])}});
      return node(false, false, false, json{{"entries", std::move(entries)}});
    }
    case FieldType::string:
    case FieldType::text: break;
  }
  return text_node(v.is_string() ? v.get<std::string>() : v.dump());
}

}  // namespace passerelle
