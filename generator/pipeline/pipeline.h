// The one sequence every command runs:
// load → validate → index → render → search → check links.
//
// Takes the input folders through a FileSystem and hands every file of the
// site to a SiteSink as soon as it is made; it never writes itself. `build`
// passes a SiteWriter (output/site_writer.h) and commits it when no error was
// found, `check` discards the files, tests keep them in memory.
#pragma once

#include <string>

#include "diagnostics/diagnostic.h"
#include "fs/file_system.h"
#include "output/site_sink.h"
#include "pipeline/progress.h"
#include "pipeline/stages.h"
#include "render/site_renderer.h"

namespace passerelle {

struct SiteBuild {
  Diagnostics diagnostics;
  size_t record_count = 0;
  size_t file_count = 0;
};

// `out_label` is the output folder as the user named it, for diagnostics
// about links in rendered pages.
SiteBuild build_site(const FileSystem& fs, const Inputs& inputs, const std::string& out_label,
                     Progress& progress, SiteSink& sink);

}  // namespace passerelle
