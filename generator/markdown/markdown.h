// Record bodies: Markdown to safe HTML.
//
// cmark-gfm with the table, autolink, strikethrough and tagfilter extensions,
// in its safe mode: raw HTML is not passed through. Links are checked as they
// are rendered: a relative link to a record file (`../dps/espere.md`) becomes
// a link to that record's page, a link to a record that does not exist is an
// error at its line in the file, and only http, https, mailto and relative
// URLs are allowed.
#pragma once

#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "content/record.h"
#include "diagnostics/diagnostic.h"

namespace passerelle {

// cmark-gfm keeps the characters its extensions act on (':' and 'w' for
// autolinks, '~', '|') in one global table, which every parser fills when it
// starts on inline content and empties when it is done (cmark_parser_finish):
// a parser finishing on one thread would make another miss "www." links.
// Hold this while calling cmark_parser_finish with extensions attached.
std::mutex& cmark_inline_mutex();

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
