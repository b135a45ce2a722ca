#include "render/citation.h"

#include "model/ui_strings.h"

namespace passerelle {

using nlohmann::json;

namespace {

// The date part of a timestamp, as numbers: {2026, 12, 4}; empty when there is none.
std::vector<int> date_parts(const std::string& timestamp) {
  if (timestamp.size() < 10) return {};
  try {
    return {std::stoi(timestamp.substr(0, 4)), std::stoi(timestamp.substr(5, 2)),
            std::stoi(timestamp.substr(8, 2))};
  } catch (const std::exception&) {
    return {};
  }
}

std::string citation_key(const Record& r) { return r.collection + "-" + r.id; }

}  // namespace

std::string readable_date(const std::string& timestamp) {
  static const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                 "July",    "August",   "September", "October", "November", "December"};
  const std::vector<int> d = date_parts(timestamp);
  if (d.empty() || d[1] < 1 || d[1] > 12) return "";
  return std::to_string(d[2]) + " " + months[d[1] - 1] + " " + std::to_string(d[0]);
}

std::string bibtex_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\textbackslash{}"; break;
      case '~': out += "\\textasciitilde{}"; break;
      case '^': out += "\\textasciicircum{}"; break;
      case '{':
      case '}':
      case '&':
      case '%':
      case '$':
      case '#':
      case '_':
        out += '\\';
        out += c;
        break;
      case '\n':
      case '\r': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

std::string script_safe_json(const json& value) {
  const std::string text = value.dump(1);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

Citation cite(const SiteModel& site, const Record& r) {
  Citation c;
  c.path = language_prefix(site.config) + record_path(r.collection, r.id);
  if (!site.config.base_url.empty()) c.permalink = site.config.base_url + c.path;
  const Collection* collection = site.schema.collection(r.collection);
  const std::string kind = collection ? collection->singular : r.collection;
  const UiStrings& strings = site.strings;
  const std::string date = r.updated.size() < 10 ? readable_date(r.updated) : strings.date(r.updated);
  const std::string updated = date.empty() ? "" : strings.format("citation_updated", {{"date", date}});
  const std::vector<int> parts = date_parts(r.updated);
  const std::string where =
      c.permalink.empty() ? strings.format("citation_page", {{"path", c.path}}) : c.permalink;

  c.text = strings.format("citation_in", {{"title", r.title()}, {"kind", kind}, {"site", site.config.title}}) +
           updated + ". " + where + (c.permalink.empty() ? "." : "");

  c.bibtex = "@misc{" + citation_key(r) + ",\n";
  c.bibtex += "  title = {{" + bibtex_escape(r.title()) + "}},\n";
  c.bibtex += "  howpublished = {" + bibtex_escape(site.config.title) + "},\n";
  if (!parts.empty()) c.bibtex += "  year = {" + std::to_string(parts[0]) + "},\n";
  if (!c.permalink.empty()) c.bibtex += "  url = {" + c.permalink + "},\n";
  std::string note = kind + updated;
  if (c.permalink.empty()) note += ", " + strings.format("citation_page_note", {{"path", c.path}});
  c.bibtex += "  note = {" + bibtex_escape(note) + "}\n}";

  json csl = {{"id", citation_key(r)},
              {"type", "webpage"},
              {"title", r.title()},
              {"container-title", site.config.title},
              {"genre", kind}};
  if (!r.summary().empty()) csl["abstract"] = r.summary();
  if (!parts.empty()) csl["issued"] = {{"date-parts", json::array({parts})}};
  if (!c.permalink.empty()) csl["URL"] = c.permalink;
  else csl["note"] = strings.format("citation_page_note", {{"path", c.path}});
  c.csl_json = json::array({csl}).dump(2);
  return c;
}

std::string record_json_ld(const ViewModel& views, const Record& r) {
  const SiteModel& site = views.site();
  const std::string base = site.config.base_url.empty() ? "" : site.config.base_url + language_prefix(site.config);
  json ld = {{"@context", "https://schema.org"},
             {"@type", "CreativeWork"},
             {"name", r.title()},
             {"inLanguage", r.text_language.empty() ? site.config.language : r.text_language}};
  if (!r.summary().empty()) ld["description"] = r.summary();
  if (!base.empty()) ld["url"] = base + record_path(r.collection, r.id);
  if (!r.updated.empty()) ld["dateModified"] = r.updated;
  if (const Collection* c = site.schema.collection(r.collection)) ld["genre"] = c->singular;
  json website = {{"@type", "WebSite"}, {"name", site.config.title}};
  if (!base.empty()) website["url"] = base;
  ld["isPartOf"] = website;
  const Licence& licence = site.config.licence;
  if (!licence.name.empty()) ld["license"] = licence.url.empty() ? licence.name : licence.url;
  // Keywords: the terms of every taxonomy but the places, which are the
  // spatial coverage.
  json keywords = json::array();
  json places = json::array();
  for (const auto& taxonomy : site.schema.taxonomies)
    for (const auto& term : r.terms(taxonomy.id)) {
      if (taxonomy.map) places.push_back({{"@type", "Country"}, {"name", views.term_label(taxonomy.id, term)}});
      else keywords.push_back(views.term_label(taxonomy.id, term));
    }
  if (!keywords.empty()) ld["keywords"] = keywords;
  if (!places.empty()) ld["spatialCoverage"] = places;
  if (auto p = r.fields.find("period"); p != r.fields.end() && p->is_object()) {
    auto year = [&](const char* side) { return p->contains(side) ? (*p)[side].dump() : std::string(".."); };
    ld["temporalCoverage"] = year("start") + "/" + year("end");
  }
  json based_on = json::array();
  for (const auto& s : r.fields.value("sources", json::array())) {
    json work = {{"@type", "CreativeWork"}};
    if (s.contains("source")) {
      const std::string key = s["source"].get<std::string>();
      work["name"] = views.reference_title(key);
      if (!base.empty()) work["url"] = base + key + ".html";
    } else {
      if (s.contains("title")) work["name"] = s["title"];
      if (s.contains("url")) work["url"] = s["url"];
    }
    based_on.push_back(work);
  }
  if (!based_on.empty()) ld["isBasedOn"] = based_on;
  return script_safe_json(ld);
}

}  // namespace passerelle
