// The vocabularies of the taxonomies records are tagged with (catalogue/schema.h:
// countries, themes, actor types, and any a catalogue declares).
//
// Each is read from content/vocabularies/<taxonomy>.yaml, a list of entries
// with `id`, `label` (text, or a map of language to text) and an optional
// `description` (text in the default language, or a map of language to text). Entries keep the file's order,
// which is the display order. A term id becomes a page's file name, so it follows the rule of fs/path_names.h
// (country codes, in the taxonomy drawn on the map: two capitals); a label is needed in every language the
// catalogue declares.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "catalogue/schema.h"
#include "diagnostics/diagnostic.h"
#include "fs/file_system.h"

namespace passerelle {

struct Term {
  std::string id;
  std::map<std::string, std::string> labels;        // language → label
  std::map<std::string, std::string> descriptions;  // language → description
  std::string default_language = "en";              // the catalogue's

  // The label in `language`, else English, else the first one, else the id.
  const std::string& label(const std::string& language) const;
  // The description in `language`, else in the default language, else none.
  const std::string& description(const std::string& language) const;
};

struct Vocabulary {
  std::string id;       // its taxonomy's id
  bool failed = false;  // the file could not be read or parsed: its terms are missing
  std::vector<Term> terms;
  std::map<std::string, size_t> index;  // id → position in terms

  const Term* find(const std::string& term_id) const;
  std::vector<std::string> ids() const;
  // The terms one of whose labels, in any language, is `label` (compared
  // without case), e.g. "portugal" → PT.
  std::vector<const Term*> find_by_label(const std::string& label) const;
  // "'PL' (Poland) or 'PT' (Portugal)": ids with their labels, for hints.
  std::string describe(const std::vector<std::string>& term_ids, const std::string& language) const;
};

using Vocabularies = std::map<std::string, Vocabulary>;

// `languages`: the catalogue's languages, the first its default; a label
// written as plain text is in the default language.
Vocabularies load_vocabularies(const FileSystem& fs, const std::string& content_dir,
                               const std::vector<Taxonomy>& taxonomies, Diagnostics& diagnostics,
                               const std::vector<std::string>& languages = {"en"});

}  // namespace passerelle
