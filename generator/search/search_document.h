// What search reads of a record: its text, split into weighted fields.
//
// Title and summary are fields of their own; short schema fields (strings:
// codes, acronyms, names, cities) form `names`; long ones (text fields,
// product descriptions) join the Markdown body, read as plain text; the
// labels of the record's countries, themes and actor types, in every language
// the vocabularies give, and enumerated values form `tags`, each label
// stemmed in its own language. URLs, numbers, references and sources are not
// searched. Ranking weights live in search/inverted_index.h; this file only
// says which text is which.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "render/view_model.h"

namespace passerelle::search {

enum class Field : unsigned char { title, summary, names, body, tags };
inline constexpr size_t kFieldCount = 5;

struct TextPart {
  Field field;
  std::string text;
  std::string language;  // ISO code; empty: the document's language
};

struct SearchDocument {
  std::string language;  // the record's, see search/stemming.h
  std::vector<TextPart> parts;
  // The Markdown body as plain text: searched as Field::body, and the source
  // of excerpts. Kept apart from `parts` so that it is held only once.
  std::string body_text;
};

SearchDocument make_search_document(const Record& record, const SiteModel& site);

// One per record, in the records' order (built on every core).
std::vector<SearchDocument> make_search_documents(const SiteModel& site);

// Markdown as plain text: the words a reader sees, no link targets, no HTML.
std::string markdown_text(std::string_view markdown);

}  // namespace passerelle::search
