// Writing the site: the only place the generator writes to disk.
//
// The whole site is written into a temporary folder beside the output folder
// and swapped into place only when every file was written, so a failed build
// leaves the previous site untouched. The output folder is refused when it is
// `/`, is or contains an input folder, lies inside one, or holds files that a
// previous build did not write (it carries a marker file once built).
#pragma once

#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "render/site_renderer.h"

namespace passerelle {

// Name of the marker file that identifies a folder written by passerelle.
extern const char* const site_marker;

// Reports why `out_dir` cannot be written to, if it cannot.
void check_output_dir(const std::string& out_dir, const std::vector<std::string>& input_dirs,
                      Diagnostics& diagnostics);

// Writes `files` to `out_dir` atomically. Returns false (with diagnostics)
// when nothing was changed.
bool write_site(const SiteFiles& files, const std::string& out_dir, Diagnostics& diagnostics);

}  // namespace passerelle
