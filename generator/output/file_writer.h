// Writing one file whole: the small outputs of the editors' commands (a new
// record, a renamed one and the files that refer to it, the JSON Schemas, the
// field reference).
//
// The bytes go to a hidden file beside the target, which is then renamed
// into place, so that a reader (the dev server's watcher, an editor) never
// sees half a file. The site itself is written by SiteWriter
// (output/site_writer.h). Errors are returned as a message.
#pragma once

#include <optional>
#include <string>

namespace passerelle {

// Creates or replaces `path`; creates its folder when missing.
std::optional<std::string> write_file(const std::string& path, const std::string& bytes);

// Creates `path`, and fails when it exists, even when another process
// creates it meanwhile.
std::optional<std::string> write_new_file(const std::string& path, const std::string& bytes);

// Removes the file `path`.
std::optional<std::string> remove_file(const std::string& path);

}  // namespace passerelle
