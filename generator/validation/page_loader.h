// content/pages/*.md: the catalogue's own pages (About, Method, Licence, How
// to cite…), written in Markdown like records and published as
// pages/<id>.html, linked from the footer of every page.
//
// A page is read as a record of the reserved folder `pages` (which no
// collection may take) whose front matter holds `title` (required),
// `summary` and `order` (a whole number: the footer lists pages by it, then
// by title) and nothing else. Its file name is its id and follows the rule
// of record ids. Pages are not records of the catalogue: they are left out
// of search, the data files and the feeds.
#pragma once

#include <string>
#include <vector>

#include "content/record.h"
#include "diagnostics/diagnostic.h"
#include "fs/file_system.h"

namespace passerelle {

// The folder of content/ that holds the pages, and of the site that shows them.
inline constexpr const char* pages_folder = "pages";

// Every page of `content_dir`/pages, in footer order; none when the folder
// does not exist. Problems go to `diagnostics`, at their line. Their
// translations (about.fr.md) into the other `languages` are attached, as
// records' are (validation/translation_loader.h).
std::vector<Record> load_pages(const FileSystem& fs, const std::string& content_dir, Diagnostics& diagnostics,
                               const std::vector<std::string>& languages = {});

}  // namespace passerelle
