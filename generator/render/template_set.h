// The page templates of templates/: loaded once, rendered many times.
//
// Templates are Mustache (kainjow/mustache), one file per page type plus
// partials (files named _*.mustache); every page type is rendered into
// `layout.mustache` as {{{content}}}. A collection may have a record
// template of its own, `record_<collection>.mustache` (the benchmarks'
// checklist page), used instead of `record` for its records. `redirect` is a
// whole page of its own, without the layout: the one at a record's former
// address. Mustache escapes every {{value}} for HTML, with escape_markup
// (util/escape.h); the only unescaped values the generator
// hands to templates are HTML it produced itself (the Markdown body, field
// values built with escape_markup, the inner page, SVG charts).
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include "diagnostics/diagnostic.h"
#include "fs/file_system.h"
#include "model/ui_strings.h"

namespace passerelle {

class TemplateSet {
 public:
  // Page types every template folder must provide.
  static const std::vector<std::string>& required();

  // Reads every *.mustache file of `dir`; a missing page type or a syntax
  // error is reported against the template's path.
  // Reads too the interface strings of each of `languages` (the first the
  // default) from `dir`/strings (render/ui_strings.h); the set renders in
  // the first until in_language() says otherwise.
  static TemplateSet load(const FileSystem& fs, const std::string& dir, Diagnostics& diagnostics,
                          const std::vector<std::string>& languages = {"en"});
  // The same templates rendering with the strings of `language`, one of those loaded.
  TemplateSet in_language(const std::string& language) const;
  // The strings every render sees as `t`; those of another language loaded.
  const UiStrings& strings() const { return strings_for(language_); }
  const UiStrings& strings_for(const std::string& language) const;

  // What many pages share (site, navigation), converted once and
  // looked up beneath each page's own context instead of copied into it.
  kainjow::mustache::data shared(const nlohmann::json& context) const;

  // Renders page type `name` with `context` over `shared`, then the layout
  // around it (the inner page is {{{content}}}).
  std::string render_page(const std::string& name, const nlohmann::json& context,
                          const kainjow::mustache::data& shared) const;

  // Renders template `name` alone, without the layout (a fragment).
  std::string render_fragment(const std::string& name, const nlohmann::json& context) const;

  bool has(const std::string& name) const { return templates_.count(name) > 0; }
  // The ids the templates `names` give every page they render (id="main"),
  // those made from data (id="{{…}}") left out.
  std::set<std::string> fixed_ids(const std::vector<std::string>& names) const;

  // A copy with its own parsed templates, for another thread: a Mustache
  // template object must not be rendered from two threads at once.
  TemplateSet clone() const;

 private:
  // Page type → template text, with its partials (the files whose name
  // starts with '_', included as {{> _name}}) written in place.
  std::map<std::string, std::string> sources_;
  std::map<std::string, std::shared_ptr<kainjow::mustache::mustache>> templates_;
  std::shared_ptr<const std::map<std::string, UiStrings>> strings_;  // language → strings
  std::string language_;
  kainjow::mustache::data t_;  // {t: strings_[language_].view()}
};

// nlohmann::json → mustache data: objects, lists, strings, booleans; numbers
// become text, null and empty strings become false.
kainjow::mustache::data to_mustache(const nlohmann::json& value);

}  // namespace passerelle
