// Checking the links of the rendered site as its pages are rendered.
//
// Every href and src of every HTML page must be relative and name a file the
// site holds; a #fragment must name an id on the target page. External links
// (http:, https:, mailto:) are not fetched. Pages are checked one at a time,
// from several threads, against the list of every path the site will hold;
// fragments are checked at the end, once every page's ids are known, so no
// page needs to stay in memory. Checking a page again replaces what was found
// on it before, so the dev server re-checks only the pages it re-renders.
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace passerelle {

class LinkChecker {
 public:
  // `paths`: every file of the site; `out_label`: the output folder as the
  // user named it, used in diagnostics.
  LinkChecker(const std::vector<std::string>& paths, std::string out_label);

  // Thread-safe.
  void check_page(const std::string& page, const std::string& html);
  // Files the site will also hold, made while its pages were checked (the
  // search index); links to them are accepted by finish(). Not to be called
  // while check_page() runs.
  void add_paths(const std::vector<std::string>& paths);
  // The problems found, fragments included.
  Diagnostics finish();
  // The pages that links with a #fragment point to but that were not
  // checked: a build that keeps pages of the last one unread checks those,
  // so that their ids are known.
  std::set<std::string> unchecked_targets();

  // The ids of `html`'s elements, sorted, as check_page() finds them.
  static std::vector<std::string> ids_in(std::string_view html);

 private:
  struct Fragment {
    std::string page, url, target, id;
  };
  struct MissingFile {
    std::string url, target, hint;
  };
  std::unordered_set<std::string> paths_;
  std::string out_label_;
  std::mutex mutex_;
  std::map<std::string, Diagnostics> found_;  // page → problems of its links
  // page → the ids it holds, sorted; looked up once per link with a
  // fragment to another page. Pages of one template share their ids, so
  // each list is held once, in `id_lists_`.
  std::unordered_map<std::string, const std::vector<std::string>*> ids_;
  std::set<std::vector<std::string>> id_lists_;
  // page → its links with a #fragment to another page (a page's links to
  // its own ids are checked with the page).
  std::map<std::string, std::vector<Fragment>> fragments_;
  // page → its links to files that were not in the list when it was checked.
  std::map<std::string, std::vector<MissingFile>> missing_;
};

}  // namespace passerelle
