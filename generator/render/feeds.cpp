#include "render/feeds.h"

#include "util/escape.h"
#include <algorithm>
#include <set>

namespace passerelle {

using nlohmann::json;

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string xml_escape(const std::string& value) { return escape_markup(value); }

namespace {

// A CSV cell: lists of plain values joined with "; ", anything nested as JSON.
std::string cell(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    bool flat = true;
    for (const auto& v : value) flat = flat && !v.is_structured();
    if (flat) {
      std::string out;
      for (const auto& v : value) out += (out.empty() ? "" : "; ") + (v.is_string() ? v.get<std::string>() : v.dump());
      return out;
    }
  }
  return value.dump();
}

std::string catalogue_json(const SiteModel& site) {
  json records = json::array();
  for (const auto& r : site.records) {
    json entry = {{"collection", r.collection}, {"id", r.id},
                  {"url", record_path(r.collection, r.id)}, {"fields", r.fields}};
    records.push_back(std::move(entry));
  }
  json out = {{"title", site.config.title},
              {"description", site.config.description},
              {"language", site.config.language},
              {"records", std::move(records)}};
  return out.dump(1) + "\n";
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
  std::string out = "collection,id,url";
  for (const auto& c : columns) out += "," + csv_field(c);
  out += "\r\n";
  for (const auto& r : site.records) {
    out += csv_field(r.collection) + "," + csv_field(r.id) + "," +
           csv_field(record_path(r.collection, r.id));
    for (const auto& c : columns) {
      out += ",";
      if (auto v = r.fields.find(c); v != r.fields.end()) out += csv_field(cell(*v));
    }
    out += "\r\n";
  }
  return out;
}

std::string atom_feed(const SiteModel& site) {
  const std::string& base = site.config.base_url;
  const std::string updated = (site.config.updated.empty() ? "1970-01-01" : site.config.updated) + "T00:00:00Z";
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  out += "  <title>" + xml_escape(site.config.title) + "</title>\n";
  out += "  <subtitle>" + xml_escape(site.config.description) + "</subtitle>\n";
  out += "  <id>" + xml_escape(base) + "</id>\n";
  out += "  <link href=\"" + xml_escape(base) + "\"/>\n";
  out += "  <link rel=\"self\" href=\"" + xml_escape(base + "feed.xml") + "\"/>\n";
  out += "  <updated>" + updated + "</updated>\n";
  for (const auto& r : site.records) {
    const std::string url = base + record_path(r.collection, r.id);
    out += "  <entry>\n";
    out += "    <title>" + xml_escape(r.title()) + "</title>\n";
    out += "    <id>" + xml_escape(url) + "</id>\n";
    out += "    <link href=\"" + xml_escape(url) + "\"/>\n";
    out += "    <updated>" + updated + "</updated>\n";
    out += "    <author><name>" + xml_escape(site.config.title) + "</name></author>\n";
    if (!r.summary().empty()) out += "    <summary>" + xml_escape(r.summary()) + "</summary>\n";
    out += "  </entry>\n";
  }
  return out + "</feed>\n";
}

std::string sitemap(const SiteModel& site) {
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  std::vector<std::string> paths = page_paths(site);
  std::sort(paths.begin(), paths.end());
  for (const auto& path : paths) {
    if (path == "404.html") continue;
    out += "  <url><loc>" + xml_escape(site.config.base_url + path) + "</loc></url>\n";
  }
  return out + "</urlset>\n";
}

}  // namespace

void render_feeds(const SiteModel& site, SiteFiles& out) {
  out["catalogue.json"] = catalogue_json(site);
  out["catalogue.csv"] = catalogue_csv(site);
  if (site.config.base_url.empty()) return;
  out["feed.xml"] = atom_feed(site);
  out["sitemap.xml"] = sitemap(site);
}

}  // namespace passerelle
