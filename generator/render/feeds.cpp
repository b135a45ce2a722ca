#include "render/feeds.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "model/ui_strings.h"
#include "render/catalogue_csv.h"
#include "render/feed_entries.h"
#include "render/recent_changes.h"
#include "util/escape.h"
#include "util/parallel.h"

namespace passerelle {

using nlohmann::json;

namespace {

// `text` with `indent` spaces after each line break (JSON text holds no raw
// line breaks inside strings, so this re-indents whole lines only).
void append_indented(std::string& out, const std::string& text, size_t indent) {
  for (char c : text) {
    out += c;
    if (c == '\n') out.append(indent, ' ');
  }
}

// One record of catalogue.json, at the depth of the records list.
void append_record_json(std::string& out, const Record& r) {
  out += "  {\n   \"collection\": ";
  out += json(r.collection).dump();
  out += ",\n   \"fields\": ";
  append_indented(out, r.fields.dump(1), 3);
  out += ",\n   \"id\": ";
  out += json(r.id).dump();
  if (!r.updated.empty()) {
    out += ",\n   \"updated\": ";
    out += json(r.updated).dump();
  }
  out += ",\n   \"url\": ";
  out += json(record_path(r.collection, r.id)).dump();
  out += "\n  }";
}

// Where `needle` is in `text` from `from` on, or npos, found by its last
// character: a brace, which memchr skips to, where string_view::find stops
// at each of the needle's first character (a line break, on every line).
size_t find_by_last(std::string_view text, std::string_view needle, size_t from) {
  for (size_t at = from + needle.size() - 1; at < text.size(); ++at) {
    const void* hit = std::memchr(text.data() + at, needle.back(), text.size() - at);
    if (!hit) break;
    at = static_cast<size_t>(static_cast<const char*>(hit) - text.data());
    if (text.compare(at + 1 - needle.size(), needle.size(), needle) == 0) return at + 1 - needle.size();
  }
  return std::string_view::npos;
}

// The entries of the last build's catalogue.json, by their url as JSON
// text: each entry runs from a line "  {" to a line "  }" (whatever it holds
// is indented further), and its url is its last line.
EntriesBefore entries_before(std::string_view text) {
  EntriesBefore entries;
  const std::string_view open = "\n  {", close = "\n  }", url = "\n   \"url\": ";
  for (size_t at = find_by_last(text, open, 0); at != std::string_view::npos;
       at = find_by_last(text, open, at + 1)) {
    if (text.compare(at + open.size(), 1, "\n") != 0) continue;  // the line holds more than the brace
    const size_t end = find_by_last(text, close, at + open.size());
    if (end == std::string_view::npos) break;
    const size_t last = text.rfind('\n', end - 1);
    if (last <= at || text.compare(last, url.size(), url) != 0) continue;
    entries.add(text.substr(last + url.size(), end - last - url.size()),
                text.substr(at + 1, end + close.size() - at - 1));
  }
  return entries;
}

// The same text as nlohmann's dump(1) of the whole catalogue as one value,
// written record by record (render/feed_entries.h): the records are not
// copied into one large JSON value first.
std::string catalogue_json(const SiteModel& site, std::string_view before, const std::vector<bool>& as_before) {
  const auto& records = site.records;
  std::string out = "{\n \"description\": " + json(site.config.description).dump() +
                    ",\n \"language\": " + json(site.config.language).dump();
  if (!site.config.licence.name.empty()) {
    json licence = {{"name", site.config.licence.name}};
    if (!site.config.licence.url.empty()) licence["url"] = site.config.licence.url;
    out += ",\n \"licence\": ";
    append_indented(out, licence.dump(1), 1);
  }
  out += ",\n \"records\": ";
  const std::string title = json(site.config.title).dump();
  if (records.empty()) {
    out += "[]";
  } else {
    out += "[\n";
    append_entries(
        out, records.size(), ",\n",
        as_before.size() == records.size() ? entries_before(before) : EntriesBefore(), as_before,
        16 + title.size(),
        [&](size_t i) { return json(record_path(records[i].collection, records[i].id)).dump(); },
        [&](std::string& text, size_t i) { append_record_json(text, records[i]); });
    out += "\n ]";
  }
  out += ",\n \"title\": " + title + "\n}\n";
  return out;
}

// An Atom feed of `records` (indices into site.records), at `self` in the
// site. An entry's date is its record's last change, or `fallback` when the
// catalogue's history is not at hand; the feed's, that of its newest entry.
std::string atom_feed(const SiteModel& site, const std::string& self, const std::string& title,
                      const std::vector<size_t>& records, const std::string& fallback) {
  const std::string base = site.config.base_url + language_prefix(site.config);
  auto date_of = [&](const Record& r) { return r.updated.empty() ? fallback : r.updated; };
  std::string updated = fallback;
  for (size_t i : records) updated = std::max(updated, date_of(site.records[i]));
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  out += "  <title>" + escape_markup(title) + "</title>\n";
  out += "  <subtitle>" + escape_markup(site.config.description) + "</subtitle>\n";
  out += "  <id>" + escape_markup(base + (self == "feed.xml" ? "" : self)) + "</id>\n";
  out += "  <link href=\"" + escape_markup(base) + "\"/>\n";
  out += "  <link rel=\"self\" href=\"" + escape_markup(base + self) + "\"/>\n";
  out += "  <updated>" + updated + "</updated>\n";
  for (size_t i : records) {
    const Record& r = site.records[i];
    const std::string url = base + record_path(r.collection, r.id);
    out += "  <entry>\n";
    out += "    <title>" + escape_markup(r.title()) + "</title>\n";
    out += "    <id>" + escape_markup(url) + "</id>\n";
    out += "    <link href=\"" + escape_markup(url) + "\"/>\n";
    out += "    <updated>" + date_of(r) + "</updated>\n";
    out += "    <author><name>" + escape_markup(site.config.title) + "</name></author>\n";
    if (!r.summary().empty()) out += "    <summary>" + escape_markup(r.summary()) + "</summary>\n";
    out += "  </entry>\n";
  }
  return out + "</feed>\n";
}

// Every page in every language, each with its alternates in the others
// (one sitemap at the root for the whole site).
std::string sitemap(const SiteModel& site) {
  const std::vector<std::string>& languages = site.config.languages;
  const bool several = languages.size() > 1;
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"";
  out += several ? " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n" : ">\n";
  std::vector<std::string> paths = page_paths(site);
  std::sort(paths.begin(), paths.end());
  const std::set<std::string> redirects = redirect_paths(site);
  auto url = [&](const std::string& language, const std::string& path) {
    return escape_markup(site.config.base_url + (language == languages.front() ? "" : language + "/") + path);
  };
  for (const auto& language : languages)
    for (const auto& path : paths) {
      if (path == "404.html" || redirects.count(path)) continue;
      out += "  <url><loc>" + url(language, path) + "</loc>";
      if (several)
        for (const auto& other : languages)
          out += "<xhtml:link rel=\"alternate\" hreflang=\"" + other + "\" href=\"" + url(other, path) + "\"/>";
      out += "</url>\n";
    }
  return out + "</urlset>\n";
}

}  // namespace

std::vector<std::string> feed_paths(const SiteModel& site) {
  std::vector<std::string> paths = {"catalogue.json", "catalogue.csv"};
  if (site.config.base_url.empty()) return paths;
  paths.insert(paths.end(), {"feed.xml", recent_feed_path});
  if (language_prefix(site.config).empty()) paths.push_back("sitemap.xml");
  return paths;
}

void render_feeds(const SiteModel& site, const PageEmitter& emit, const FeedsBefore& before) {
  auto previous = [&](const std::string& path) {
    std::optional<std::string> text;
    if (!before.as_before.empty() && before.previous) text = before.previous(path);
    return text ? std::move(*text) : std::string();
  };
  emit("catalogue.json", catalogue_json(site, previous("catalogue.json"), before.as_before));
  emit("catalogue.csv", catalogue_csv(site, previous("catalogue.csv"), before.as_before));
  if (site.config.base_url.empty()) return;
  const std::string fallback =
      (site.config.updated.empty() ? "1970-01-01" : site.config.updated) + "T00:00:00Z";
  std::vector<size_t> all(site.records.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  emit("feed.xml", atom_feed(site, "feed.xml", site.config.title, all, fallback));
  emit(recent_feed_path,
       atom_feed(site, recent_feed_path, site.strings.text("recent_changes") + " · " + site.config.title,
                 recently_changed(site.records), fallback));
  if (language_prefix(site.config).empty()) emit("sitemap.xml", sitemap(site));
}

void render_feeds(const SiteModel& site, SiteFiles& out, const FeedsBefore& before) {
  render_feeds(
      site, [&](const std::string& path, std::string bytes) { out[path] = std::move(bytes); }, before);
}

}  // namespace passerelle
