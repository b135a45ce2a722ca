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
  // The problems found, fragments included.
  Diagnostics finish();

 private:
  struct Fragment {
    std::string page, url, target, id;
  };
  std::unordered_set<std::string> paths_;
  std::string out_label_;
  std::mutex mutex_;
  std::map<std::string, Diagnostics> found_;          // page → problems of its links
  // page → ids it holds; looked up once per link with a fragment, of which
  // a large site has tens of thousands.
  std::unordered_map<std::string, std::set<std::string>> ids_;
  std::map<std::string, std::vector<Fragment>> fragments_;  // page → its links with a #fragment
};

}  // namespace passerelle
