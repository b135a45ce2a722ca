// A catalogue record once loaded and validated.
//
// Field values are kept as JSON (nlohmann::json), already checked against the
// schema: lists are arrays, objects are objects, integers and years are
// numbers, references are "<collection>/<id>" strings. The body is still
// Markdown; it is rendered with its page (pipeline/stages.h: BodyRenderer).
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
  bool body_held = true;  // as a record's (below)
};

// A Markdown body and the file it is in, for the diagnostics that point into
// it: what render_body() (markdown/markdown.h) reads.
struct BodySource {
  std::shared_ptr<const SourceFile> file;
  std::string_view text;
  int line = 1;  // file line on which the body starts
};

struct Record {
  std::string collection;
  std::string id;
  nlohmann::json fields = nlohmann::json::object();
  // The record's file, kept for diagnostics; the body is a view into its
  // text, so a record's text is held once. A build lets go of the bodies as
  // it loads (release_body()): `source` then holds only the front matter, the
  // body is empty, and its page reads the file again (read_body(),
  // validation/record_loader.h), so that a large catalogue's text is never
  // all held at once.
  std::shared_ptr<const SourceFile> source;
  std::string_view body;  // Markdown, after the front matter
  int body_line = 1;      // file line on which the body starts
  bool body_held = true;  // false: `body` is empty and `source` ends where it starts
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

// The body as the record holds it; only when body_held.
BodySource held_body(const Record& record);

// Keeps of the record's file (and of each translation's) only the front
// matter: the body is read again when needed (read_body()).
void release_body(Record& record);

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
