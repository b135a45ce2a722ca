#include "links/link_checker.h"

#include <set>
#include <string_view>

#include "fs/file_system.h"

namespace passerelle {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Values of attributes `name="…"` in `html` (the generator always quotes with ").
std::vector<std::pair<size_t, std::string>> attribute_values(const std::string& html,
                                                             std::string_view name) {
  std::vector<std::pair<size_t, std::string>> values;
  const std::string needle = " " + std::string(name) + "=\"";
  for (size_t pos = html.find(needle); pos != std::string::npos; pos = html.find(needle, pos + 1)) {
    size_t start = pos + needle.size();
    size_t end = html.find('"', start);
    if (end == std::string::npos) break;
    values.emplace_back(pos, html.substr(start, end - start));
  }
  return values;
}

std::string decode_entities(std::string s) {
  size_t pos;
  while ((pos = s.find("&amp;")) != std::string::npos) s.replace(pos, 5, "&");
  return s;
}

std::optional<std::string> resolve(const std::string& page, const std::string& link) {
  std::vector<std::string> parts;
  std::string dir = page.substr(0, page.rfind('/') == std::string::npos ? 0 : page.rfind('/'));
  std::string path = dir.empty() ? link : dir + "/" + link;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string seg = path.substr(start, end - start);
    if (seg == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

bool is_external(const std::string& url) {
  for (const char* scheme : {"http://", "https://", "mailto:"})
    if (url.rfind(scheme, 0) == 0) return true;
  return false;
}

}  // namespace

void check_links(const SiteFiles& files, const std::string& out_dir, Diagnostics& diagnostics) {
  std::map<std::string, std::set<std::string>> anchors;  // page → ids, computed when needed
  auto ids_of = [&](const std::string& page) -> const std::set<std::string>& {
    auto it = anchors.find(page);
    if (it != anchors.end()) return it->second;
    std::set<std::string> ids;
    for (auto& [pos, id] : attribute_values(files.at(page), "id")) ids.insert(id);
    return anchors.emplace(page, std::move(ids)).first->second;
  };
  for (const auto& [page, html] : files) {
    if (!ends_with(page, ".html")) continue;
    std::vector<std::pair<size_t, std::string>> links = attribute_values(html, "href");
    for (auto& src : attribute_values(html, "src")) links.push_back(std::move(src));
    std::set<std::string> reported;
    for (const auto& [pos, raw] : links) {
      std::string url = decode_entities(raw);
      if (url.empty() || is_external(url)) continue;
      auto report = [&](std::string message, std::string hint = {}) {
        if (!reported.insert(url).second) return;
        diagnostics.error(join_path(out_dir, page), 0, 0, std::move(message), std::move(hint));
      };
      if (url[0] == '/' ) {
        report("absolute link '" + url + "'", "links must be relative so the site works from any path and from file://");
        continue;
      }
      if (url.find(':') != std::string::npos && url.find(':') < url.find_first_of("/?#")) {
        report("link with a scheme that is not allowed: '" + url + "'");
        continue;
      }
      std::string target = url;
      std::string fragment;
      if (auto hash = target.find('#'); hash != std::string::npos) {
        fragment = target.substr(hash + 1);
        target = target.substr(0, hash);
      }
      if (auto query = target.find('?'); query != std::string::npos) target = target.substr(0, query);
      std::optional<std::string> resolved = target.empty() ? std::optional(page) : resolve(page, target);
      if (!resolved || !files.count(*resolved)) {
        report("broken link '" + url + "': no such file in the site",
               ends_with(target, "/") ? "name the file, e.g. index.html" : "");
        continue;
      }
      if (!fragment.empty() && ends_with(*resolved, ".html") && !ids_of(*resolved).count(fragment))
        report("broken link '" + url + "': no element with id '" + fragment + "'");
    }
  }
}

}  // namespace passerelle
