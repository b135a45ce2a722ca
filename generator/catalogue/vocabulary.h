// The taxonomies records are tagged with: countries, themes and actor types.
//
// Each is read from content/vocabularies/<taxonomy>.yaml, a list of entries
// with `id`, `label` (text, or a map of language to text) and an optional
// `description`. Entries keep the file's order, which is the display order.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "fs/file_system.h"

namespace passerelle {

struct Term {
  std::string id;
  std::map<std::string, std::string> labels;  // language → label
  std::string description;

  // The label in `language`, else English, else the first one, else the id.
  const std::string& label(const std::string& language) const;
};

struct Vocabulary {
  std::string id;  // countries, themes, actors
  std::vector<Term> terms;
  std::map<std::string, size_t> index;  // id → position in terms

  const Term* find(const std::string& term_id) const;
  std::vector<std::string> ids() const;
};

using Vocabularies = std::map<std::string, Vocabulary>;

Vocabularies load_vocabularies(const FileSystem& fs, const std::string& content_dir,
                               Diagnostics& diagnostics);

}  // namespace passerelle
