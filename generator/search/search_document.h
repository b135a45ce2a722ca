// What search reads of a record: its text, split into weighted fields.
//
// Title and summary are fields of their own; short schema fields (strings:
// codes, acronyms, names, cities) form `names`; long ones (text fields,
// product descriptions) join the Markdown body, read as plain text; the
// labels of the record's countries, themes and actor types, in every language
// the vocabularies give, and enumerated values form `tags`, each label
// stemmed in its own language; country codes are tags too. URLs, numbers,
// references and sources are not searched. Ranking weights live in
// search/inverted_index.h; this file only says which text is which.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "model/site_model.h"

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
  // The ids of the record's countries ("PT", "IT"), searched as tags as they
  // are: not stemmed, and kept though "it", "be" or "de" are stop words, so
  // that a reader who types a country's code finds its records.
  std::vector<std::string> codes;
};

// `body_text` is the record's body as plain text (render_markdown() gives it).
SearchDocument make_search_document(const Record& record, const SiteModel& site, std::string body_text);

// One per record, in the records' order (built on every core); `body_texts[i]`
// is record i's body as plain text.
std::vector<SearchDocument> make_search_documents(const SiteModel& site,
                                                  const std::vector<std::string>& body_texts);

}  // namespace passerelle::search
