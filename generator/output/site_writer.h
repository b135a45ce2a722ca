// Writing the site: the only place the generator writes to disk.
//
// SiteWriter writes every file into a staging folder beside the output folder
// as it arrives, and commit() swaps it into place only when the whole build
// succeeded; otherwise the staging folder is removed and the previous site is
// left untouched. check_output_dir() refuses an output folder that is `/`, is
// or contains an input folder, lies inside one, or holds files that a
// previous build did not write (a built site carries a marker file).
#pragma once

#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "output/site_sink.h"

namespace passerelle {

// Name of the marker file that identifies a folder written by passerelle.
extern const char* const site_marker;

// Reports why `out_dir` cannot be written to, if it cannot.
void check_output_dir(const std::string& out_dir, const std::vector<std::string>& input_dirs,
                      Diagnostics& diagnostics);

class SiteWriter : public SiteSink {
 public:
  explicit SiteWriter(std::string out_dir);
  ~SiteWriter() override;  // removes the staging folder unless committed
  SiteWriter(const SiteWriter&) = delete;
  SiteWriter& operator=(const SiteWriter&) = delete;

  void put(const std::string& path, const std::string& bytes) override;
  // Swaps the staging folder into place. Returns false, with diagnostics,
  // when any write failed; the previous site is then left as it was.
  bool commit(Diagnostics& diagnostics);
  size_t file_count() const { return files_; }

 private:
  std::string out_dir_;
  std::filesystem::path out_;
  std::filesystem::path staging_;
  std::mutex mutex_;
  std::set<std::filesystem::path> folders_;
  std::string first_error_;
  size_t files_ = 0;
  bool committed_ = false;
};

}  // namespace passerelle
