// Renaming a record: the edits that move content/<collection>/<old>.md to
// <new>.md and keep every way to it working.
//
// Works on the files' text rather than re-serialising their YAML, so that
// everything else in them stays byte for byte: the record gets its old id in
// `aliases` (appended to a flow list `[a, b]` or a block list, or a new line
// after `title:`), every front-matter value that is exactly
// `<collection>/<old>` becomes `<collection>/<new>`, and every Markdown link
// to the old file (`old.md`, `../dps/old.md#part`, `<old.md>`, a link
// reference definition) names the new one; links inside fenced code blocks are
// left as they are. Refuses, with the place to look at, a new id that another
// record of the collection has as an alias. Reads through a FileSystem and
// writes nothing: the `mv` command writes what it returns.
#pragma once

#include <map>
#include <string>

#include "catalogue/schema.h"
#include "diagnostics/diagnostic.h"
#include "fs/file_system.h"

namespace passerelle {

struct RenameRequest {
  std::string content_dir;
  std::string collection;
  std::string old_id;
  std::string new_id;
};

struct RenamePlan {
  std::string old_path;
  std::string new_path;
  std::string record_text;                       // the record's text, to be written at new_path
  std::map<std::string, std::string> rewritten;  // every other file that changes: path → its new text
  std::map<std::string, size_t>
      references;  // path → references rewritten in it (the record's own under new_path)
  // Errors: the rename must not happen. Warnings: a reference left for the
  // editor to change by hand.
  Diagnostics diagnostics;

  size_t reference_count() const;
};

// Expects the collection to exist, both ids to be valid and the old record's
// file to exist (the command checks these first, as usage errors).
RenamePlan plan_rename(const FileSystem& fs, const Schema& schema, const RenameRequest& request);

}  // namespace passerelle
