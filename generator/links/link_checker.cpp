#include "links/link_checker.h"

#include <string_view>

#include "fs/file_system.h"

namespace passerelle {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Values of attributes `name="…"` in `html` (the generator always quotes with ").
std::vector<std::string> attribute_values(const std::string& html, std::string_view name) {
  std::vector<std::string> values;
  const std::string needle = " " + std::string(name) + "=\"";
  for (size_t pos = html.find(needle); pos != std::string::npos; pos = html.find(needle, pos + 1)) {
    size_t start = pos + needle.size();
    size_t end = html.find('"', start);
    if (end == std::string::npos) break;
    values.push_back(html.substr(start, end - start));
  }
  return values;
}

std::string decode_entities(std::string s) {
  for (size_t pos; (pos = s.find("&amp;")) != std::string::npos;) s.replace(pos, 5, "&");
  return s;
}

// `link` resolved against the folder of `page`, or nothing when it climbs
// above the site's root.
std::optional<std::string> resolve(const std::string& page, const std::string& link) {
  std::vector<std::string_view> parts;
  const auto slash = page.rfind('/');
  const std::string path = slash == std::string::npos ? link : page.substr(0, slash + 1) + link;
  std::string_view rest(path);
  while (true) {
    const auto end = rest.find('/');
    std::string_view segment = rest.substr(0, end);
    if (segment == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else if (!segment.empty() && segment != ".") {
      parts.push_back(segment);
    }
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  std::string out;
  for (auto p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

bool is_external(const std::string& url) {
  for (const char* scheme : {"http://", "https://", "mailto:"})
    if (url.rfind(scheme, 0) == 0) return true;
  return false;
}

}  // namespace

LinkChecker::LinkChecker(const std::vector<std::string>& paths, std::string out_label)
    : paths_(paths.begin(), paths.end()), out_label_(std::move(out_label)) {}

void LinkChecker::check_page(const std::string& page, const std::string& html) {
  if (!ends_with(page, ".html")) return;
  Diagnostics found;
  std::vector<Fragment> fragments;
  std::set<std::string> seen;
  std::vector<std::string> links = attribute_values(html, "href");
  for (auto& src : attribute_values(html, "src")) links.push_back(std::move(src));
  for (const auto& raw : links) {
    if (raw.empty() || !seen.insert(raw).second) continue;
    const std::string url = decode_entities(raw);
    if (is_external(url)) continue;
    auto report = [&](std::string message, std::string hint = {}) {
      found.error(join_path(out_label_, page), 0, 0, std::move(message), std::move(hint));
    };
    if (url[0] == '/') {
      report("absolute link '" + url + "'",
             "links must be relative so the site works from any path and from file://");
      continue;
    }
    const auto colon = url.find(':');
    if (colon != std::string::npos && colon < url.find_first_of("/?#")) {
      report("link with a scheme that is not allowed: '" + url + "'");
      continue;
    }
    std::string target = url.substr(0, url.find_first_of("?#"));
    const auto hash = url.find('#');
    const std::string id = hash == std::string::npos ? "" : url.substr(hash + 1);
    auto resolved = target.empty() ? std::optional(page) : resolve(page, target);
    if (!resolved || !paths_.count(*resolved)) {
      report("broken link '" + url + "': no such file in the site",
             ends_with(target, "/") ? "name the file, e.g. index.html" : "");
      continue;
    }
    if (!id.empty() && ends_with(*resolved, ".html")) fragments.push_back({page, url, *resolved, id});
  }
  std::set<std::string> ids;
  for (auto& id : attribute_values(html, "id")) ids.insert(std::move(id));
  std::lock_guard<std::mutex> lock(mutex_);
  found_[page] = std::move(found);
  ids_[page] = std::move(ids);
  fragments_[page] = std::move(fragments);
}

Diagnostics LinkChecker::finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  Diagnostics out;
  for (const auto& [page, found] : found_) out.append(found);
  for (const auto& [page, fragments] : fragments_)
    for (const auto& f : fragments) {
      auto it = ids_.find(f.target);
      if (it != ids_.end() && !it->second.count(f.id))
        out.error(join_path(out_label_, f.page), 0, 0,
                  "broken link '" + f.url + "': no element with id '" + f.id + "'");
    }
  return out;
}

}  // namespace passerelle
