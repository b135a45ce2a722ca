// Record bodies: Markdown to safe HTML.
//
// cmark-gfm with the table, autolink, strikethrough and tagfilter extensions,
// in its safe mode: raw HTML is not passed through. Links are checked as they
// are rendered: a relative link to a record file (`../dps/espere.md`) becomes
// a link to that record's page, a link to a record that does not exist is an
// error at its line in the file, and only http, https, mailto and relative
// URLs are allowed. Given the files the site will hold (LinkTargets), every
// other relative link is checked too, at its line in the record, in the same
// round as the records' own errors: images and files (content/media/, which
// need a description), pages (`../themes/care.html`) and #anchors, which
// name a heading of a body (each heading gets an id made from its text) or
// an id the page templates give every record page.
#pragma once

#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "content/record.h"
#include "diagnostics/diagnostic.h"

namespace passerelle {

// cmark-gfm keeps the characters its extensions act on (':' and 'w' for
// autolinks, '~', '|') in one global table, which every parser fills when it
// starts on inline content and empties when it is done (cmark_parser_finish):
// a parser finishing on one thread would make another miss "www." links.
// Hold this while calling cmark_parser_finish with extensions attached.
std::mutex& cmark_inline_mutex();

// What a body may link to besides records.
struct LinkTargets {
  std::unordered_set<std::string> files;  // every file of the site: "themes/care.html", "media/a.jpg"
  std::set<std::string> record_page_ids;  // the ids every record page has, from its templates
  // "<collection>/<id>" of record files that exist but did not load: their
  // own errors say why, so a link to one is not reported again.
  std::set<std::string> unloaded_records;
};

// A link to an #anchor of another record's page, checked once every body is
// rendered and its headings known.
struct AnchorLink {
  std::string target;  // "<collection>/<id>"
  std::string anchor;  // without '#'
  std::string url;     // as written
  int line = 0;        // in the record's file
  int column = 0;
};

struct RenderedBody {
  std::string html;
  std::string text;                  // the words a reader sees, for search
  std::vector<std::string> anchors;  // the ids of the body's headings
  std::vector<AnchorLink> links_to_anchors;
};

// Renders `record`'s body. With `targets`, checks every relative link (see
// above) but those to another record's anchors, which it returns.
RenderedBody render_body(const Record& record, const std::set<std::string>& record_keys,
                         const LinkTargets* targets, Diagnostics& diagnostics);
// The same, with `body` read for it (record_loader.h: read_body()) where the
// record does not hold it; without `with_text`, `text` is left empty.
RenderedBody render_body(const Record& record, const BodySource& body, const std::set<std::string>& record_keys,
                         const LinkTargets* targets, Diagnostics& diagnostics, bool with_text = true);

// The plain text of a body, as render_body() gives it in `text`, without
// the HTML or the links' checks: what search reads from a body it did not
// keep.
std::string body_text(std::string_view markdown);

// The id a heading gets from its text: lowercase letters and digits, other
// letters kept, spaces as '-', punctuation dropped ("Products & results" →
// "products-results").
std::string heading_anchor(const std::string& text);

// `link`, relative to `dir` (a folder inside the content folder, such as
// "dps"), as a path inside the content folder ("dps/espere.md"); nothing when
// it is absolute or climbs out of the folder. How a body's link to a record
// file is read.
std::optional<std::string> resolve_content_link(const std::string& dir, const std::string& link);

// `record_keys` holds every "<collection>/<id>" of the catalogue. When `text`
// is given, it receives the body as plain text for search, read from the same
// syntax tree: the words a reader sees, no link targets, no HTML, blocks and
// line breaks as single spaces.
std::string render_markdown(const Record& record, const std::set<std::string>& record_keys,
                            Diagnostics& diagnostics, std::string* text = nullptr);

}  // namespace passerelle
