// The interface's words in each of the catalogue's languages:
// templates/strings/<language>.yaml, one file per language beside the
// templates, the default language's file naming every string.
//
// A string is a text ("Skip to content"), or, for a count, a map
// {one: "{n} record", other: "{n} records"} (`one` for 1 in English, for 0
// and 1 in French); `{name}` in a text is filled in by format(). The
// templates read them as {{t.key}}; `script:`, a map of its own, holds the
// words the theme's scripts show, which each page carries as JSON; `months`
// is the list of the twelve months' names, for dates.
#pragma once
#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostics/diagnostic.h"
#include "fs/file_system.h"

namespace passerelle {

class UiStrings {
 public:
  // Reads `dir`/<language>.yaml. With `reference` (the default language's
  // strings), every string it has must be there and no other.
  static UiStrings load(const FileSystem& fs, const std::string& dir, const std::string& language,
                        const UiStrings* reference, Diagnostics& diagnostics);

  const std::string& language() const { return language_; }
  // The string `key`; the key itself, in brackets, where there is none (an
  // error load() reported).
  std::string text(const std::string& key) const;
  // `key` with each {name} replaced by its value.
  std::string format(const std::string& key,
                     std::initializer_list<std::pair<std::string, std::string>> values) const;
  // The count string `key` for `n`: "1 record", "12 records", "1 234 fiches".
  std::string count(const std::string& key, size_t n) const;
  // `n` with its thousands grouped as the language writes them.
  std::string number(long long n) const;
  // A date "2026-11-30" (or the start of a timestamp) as "30 November 2026".
  std::string date(const std::string& iso) const;
  // What templates see as `t`: every string, counts as {one, other}.
  const nlohmann::json& view() const { return view_; }
  // The strings of `script:`, as JSON for the page to carry.
  const nlohmann::json& script() const { return script_; }

 private:
  std::string language_;
  nlohmann::json view_ = nlohmann::json::object();
  nlohmann::json script_ = nlohmann::json::object();
  std::vector<std::string> months_;
};

// The folder of a template folder that holds the strings.
inline constexpr const char* strings_folder = "strings";

}  // namespace passerelle
