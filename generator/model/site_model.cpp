#include "model/site_model.h"

#include <cctype>

#include "model/ui_strings.h"

namespace passerelle {

std::string record_path(const std::string& collection, const std::string& id) {
  return collection + "/" + id + ".html";
}

std::string free_page_path(const std::string& id) { return std::string("pages/") + id + ".html"; }

const UiStrings& no_strings() {
  static const UiStrings none;
  return none;
}

const std::vector<FreePage>& no_free_pages() {
  static const std::vector<FreePage> none;
  return none;
}

std::string term_path(const std::string& taxonomy, const std::string& term) {
  std::string id;
  for (char c : term) id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return taxonomy + "/" + id + ".html";
}

}  // namespace passerelle
