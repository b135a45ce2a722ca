// A catalogue record once loaded and validated.
//
// Field values are kept as JSON (nlohmann::json), already checked against the
// schema: lists are arrays, objects are objects, integers and years are
// numbers, references are "<collection>/<id>" strings. The body is still
// Markdown; rendering it is the markdown stage's job.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "content/source_file.h"

namespace passerelle {

// A record's text in another of the catalogue's languages: the file
// `espere.fr.md` beside `espere.md`, holding only text (title, summary, the
// text fields, the body); everything else comes from the record itself
// (validation/translation_loader.h).
struct Translation {
  nlohmann::json fields = nlohmann::json::object();  // the translated text fields
  std::shared_ptr<const SourceFile> source;
  std::string_view body;
  int body_line = 1;
};

struct Record {
  std::string collection;
  std::string id;
  nlohmann::json fields = nlohmann::json::object();
  // The record's file, kept for diagnostics in the body; the body is a view
  // into its text, so a record's text is held once.
  std::shared_ptr<const SourceFile> source;
  std::string_view body;  // Markdown, after the front matter
  int body_line = 1;      // file line on which the body starts
  // When its file last changed, from the history of the catalogue's
  // repository (fs/git_history.h): "2026-11-30T14:05:09Z", or empty.
  std::string updated;
  // Its translations, by language ("fr").
  std::map<std::string, Translation> translations;
  // The language its text is in where that is not the page's: in a French
  // site, "en" for a record not translated yet (in_language()); else empty.
  std::string text_language;

  std::string key() const { return collection + "/" + id; }
  std::string title() const { return fields.value("title", id); }
  std::string summary() const { return fields.value("summary", std::string{}); }
  const std::string& path() const { return source->path(); }
  // Ids of the terms of `taxonomy` the record is tagged with.
  std::vector<std::string> terms(const std::string& taxonomy) const;
  // The ids the record had before it was renamed (its `aliases`).
  std::vector<std::string> aliases() const { return terms("aliases"); }
};

// The record as a site in `language` shows it: with the text of its
// translation into `language` where it has one (fields merged, a list of
// objects item by item), else as it is, its text marked as in `original`,
// the catalogue's default language.
Record in_language(const Record& record, const std::string& language, const std::string& original);

// True when `id` is made of a-z, 0-9 and single hyphens.
bool is_valid_record_id(const std::string& id);

// A valid id close to `name` ("Bad_Name" → "bad-name"), or empty when there is none.
std::string suggest_record_id(const std::string& name);

}  // namespace passerelle
