// The offline copy: with `offline_archive: true` in catalogue.yaml, the site
// is also written as catalogue.zip, which every page's footer offers with its
// size, and which opens from disk (file://) once unpacked, search included.
//
// OfflineArchiveSink stands between the pipeline and the real sink: it holds
// every file until finish(), then zips them in path order with one fixed
// date and mode (the same site gives the same bytes), writes the archive's
// size into the footers, and hands everything on. The pages carry
// archive_size_marker where the size goes; since the size depends on the
// pages, finish() zips again until the size it writes is the size it gets
// (once or twice in practice: the size is rounded to 0.1 MB or 1 KB). The
// whole site is held in memory while it is built, which is why the archive
// is off unless a catalogue asks for it.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "catalogue/catalogue_config.h"  // archive_path, archive_size_marker
#include "diagnostics/diagnostic.h"
#include "output/site_sink.h"

namespace passerelle {

class OfflineArchiveSink : public SiteSink {
 public:
  explicit OfflineArchiveSink(SiteSink& next) : next_(next) {}
  void put(const std::string& path, std::string bytes) override;
  // Zips what was put, hands every file and the archive to the next sink.
  // Returns false, with an error, if the archive could not be made.
  bool finish(Diagnostics& diagnostics);
  // After finish(): the size the pages show.
  const std::string& size_label() const { return label_; }

 private:
  SiteSink& next_;
  std::mutex mutex_;
  std::map<std::string, std::string> files_;  // sorted: the archive's order
  std::string label_;
};

// `page` with `label` where archive_size_marker is: how the dev server fills
// in the pages it renders again after an edit, with the last build's size.
std::string with_archive_size(const std::string& page, const std::string& label);

// "2.4 MB", "860 KB": the size as the footer shows it.
std::string archive_size_label(size_t bytes);

// The folder the archive unpacks into, so that unpacking it leaves one
// folder holding index.html rather than the whole site loose.
inline constexpr const char* archive_folder = "catalogue";

// The ZIP of `files` (path -> bytes) under archive_folder, deterministic,
// less the form editor (admin/), which works only online; empty on failure, with
// libarchive's message in `error`.
// With `size_label`, each page is zipped with it where archive_size_marker is.
std::string zip_files(const std::map<std::string, std::string>& files, std::string& error,
                      const std::string& size_label = {});

}  // namespace passerelle
