#include "links/link_checker.h"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <unordered_set>

#include "fs/file_system.h"

namespace passerelle {

namespace {

// Calls `visit(name, value)` for every attribute `name="…"` of `html` whose
// name is href, src or id (the generator always quotes with "). One pass:
// it stops at each '=' rather than searching for each name in turn.
template <typename Visit>
void for_each_link_attribute(std::string_view html, Visit&& visit) {
  const char* const begin = html.data();
  const char* const end = begin + html.size();
  for (const char* eq = begin; (eq = static_cast<const char*>(std::memchr(eq, '=', end - eq))); ++eq) {
    if (eq + 1 == end || eq[1] != '"') continue;
    const char* name = eq;
    while (name > begin && name[-1] >= 'a' && name[-1] <= 'z' && eq - name < 4) --name;
    if (name == begin || name[-1] != ' ') continue;
    const std::string_view attribute(name, static_cast<size_t>(eq - name));
    if (attribute != "href" && attribute != "src" && attribute != "id") continue;
    const char* value = eq + 2;
    const char* close = static_cast<const char*>(std::memchr(value, '"', end - value));
    if (!close) break;
    visit(attribute, std::string_view(value, static_cast<size_t>(close - value)));
    eq = close;
  }
}

std::string decode_entities(std::string s) {
  for (size_t pos; (pos = s.find("&amp;")) != std::string::npos;) s.replace(pos, 5, "&");
  return s;
}

// `link` resolved against `folder` (a page's folder, "" or ending in '/')
// into `out`; false when it climbs above the site's root. Every link of every
// page comes here, so it reuses `out` rather than allocating.
bool resolve(std::string_view folder, std::string_view link, std::string& out) {
  out.assign(folder);
  while (true) {
    const auto end = link.find('/');
    const std::string_view segment = link.substr(0, end);
    if (segment == "..") {
      if (out.empty()) return false;
      out.pop_back();                  // the '/' that ends the last folder
      out.resize(out.rfind('/') + 1);  // npos + 1 == 0
    } else if (!segment.empty() && segment != ".") {
      out += segment;
      if (end != std::string_view::npos) out += '/';
    }
    if (end == std::string_view::npos) break;
    link.remove_prefix(end + 1);
  }
  if (!out.empty() && out.back() == '/') out.pop_back();
  return true;
}

bool is_external(std::string_view url) {
  for (std::string_view scheme : {"http://", "https://", "mailto:"})
    if (url.substr(0, scheme.size()) == scheme) return true;
  return false;
}

}  // namespace

LinkChecker::LinkChecker(const std::vector<std::string>& paths, std::string out_label)
    : paths_(paths.begin(), paths.end()), out_label_(std::move(out_label)) {}

void LinkChecker::check_page(const std::string& page, const std::string& html) {
  if (!page.ends_with(".html")) return;
  Diagnostics found;
  std::vector<Fragment> fragments;     // to other pages, checked in finish()
  std::vector<MissingFile> missing;    // to files not known yet, checked in finish()
  std::vector<std::string_view> here;  // links to ids of this page itself
  std::unordered_set<std::string_view> seen;
  const std::string_view folder = std::string_view(page).substr(0, page.rfind('/') + 1);
  std::string decoded, resolved;
  auto check = [&](std::string_view raw) {
    if (raw.empty() || !seen.insert(raw).second) return;
    const bool escaped = raw.find('&') != std::string_view::npos;
    if (escaped) decoded = decode_entities(std::string(raw));
    const std::string_view url = escaped ? std::string_view(decoded) : raw;
    if (is_external(url)) return;
    auto report = [&](std::string message, std::string hint = {}) {
      found.error(join_path(out_label_, page), 0, 0, std::move(message), std::move(hint));
    };
    if (url[0] == '/') {
      report("absolute link '" + std::string(url) + "'",
             "links must be relative so the site works from any path and from file://");
      return;
    }
    const auto colon = url.find(':');
    if (colon != std::string_view::npos && colon < url.find_first_of("/?#")) {
      report("link with a scheme that is not allowed: '" + std::string(url) + "'");
      return;
    }
    const std::string_view target = url.substr(0, url.find_first_of("?#"));
    const auto hash = url.find('#');
    if (target.empty()) {
      resolved = page;
    } else if (!resolve(folder, target, resolved)) {
      report("broken link '" + std::string(url) + "': no such file in the site");
      return;
    }
    if (!paths_.count(resolved)) {  // unless add_paths() brings it before finish()
      missing.push_back(
          {std::string(url), resolved, target.ends_with("/") ? "name the file, e.g. index.html" : ""});
      return;
    }
    if (hash == std::string_view::npos || hash + 1 == url.size() || !resolved.ends_with(".html")) return;
    if (resolved == page && !escaped) here.push_back(raw);
    else fragments.push_back({page, std::string(url), resolved, std::string(url.substr(hash + 1))});
  };
  std::vector<std::string> ids;
  for_each_link_attribute(html, [&](std::string_view attribute, std::string_view value) {
    if (attribute == "id") ids.emplace_back(value);
    else check(value);
  });
  std::sort(ids.begin(), ids.end());
  for (std::string_view url : here) {
    const std::string_view id = url.substr(url.find('#') + 1);
    if (!std::binary_search(ids.begin(), ids.end(), id))
      found.error(join_path(out_label_, page), 0, 0,
                  "broken link '" + std::string(url) + "': no element with id '" + std::string(id) + "'");
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (found.error_count() + found.warning_count() == 0) found_.erase(page);
  else found_[page] = std::move(found);
  ids_[page] = &*id_lists_.insert(std::move(ids)).first;
  if (fragments.empty()) fragments_.erase(page);
  else fragments_[page] = std::move(fragments);
  if (missing.empty()) missing_.erase(page);
  else missing_[page] = std::move(missing);
}

void LinkChecker::add_paths(const std::vector<std::string>& paths) {
  std::lock_guard<std::mutex> lock(mutex_);
  paths_.insert(paths.begin(), paths.end());
}

Diagnostics LinkChecker::finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  Diagnostics out;
  for (const auto& [page, found] : found_) out.append(found);
  for (const auto& [page, links] : missing_)
    for (const auto& link : links)
      if (!paths_.count(link.target))
        out.error(join_path(out_label_, page), 0, 0, "broken link '" + link.url + "': no such file in the site",
                  link.hint);
  for (const auto& [page, fragments] : fragments_)
    for (const auto& f : fragments) {
      auto it = ids_.find(f.target);
      if (it != ids_.end() && !std::binary_search(it->second->begin(), it->second->end(), f.id))
        out.error(join_path(out_label_, f.page), 0, 0,
                  "broken link '" + f.url + "': no element with id '" + f.id + "'");
    }
  return out;
}

std::set<std::string> LinkChecker::unchecked_targets() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::set<std::string> targets;
  for (const auto& [page, fragments] : fragments_)
    for (const auto& f : fragments)
      if (!ids_.count(f.target)) targets.insert(f.target);
  return targets;
}

std::vector<std::string> LinkChecker::ids_in(std::string_view html) {
  std::vector<std::string> ids;
  for_each_link_attribute(html, [&](std::string_view attribute, std::string_view value) {
    if (attribute == "id") ids.emplace_back(value);
  });
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace passerelle
