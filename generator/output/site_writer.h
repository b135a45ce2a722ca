// Writing the site: the only place the generator writes to disk.
//
// SiteWriter writes every file into a staging folder beside the output folder
// as it arrives, on a thread of its own so rendering goes on while the disk
// works, and commit() swaps it into place only when the whole build
// succeeded; otherwise the staging folder is removed and the previous site is
// left untouched. A file whose bytes equal the previous build's is a hard
// link to that file rather than a copy: on a rebuild, unchanged pages cost no
// new inode and no write, keep their modification time (so rsync and other
// deploy tools skip them), and deleting the old site frees almost nothing
// (ext4 without a journal skips inodes freed in the last minute, which made
// rebuilds several times slower). check_output_dir() refuses an output folder that is `/`, is
// or contains an input folder, lies inside one, or holds files that a
// previous build did not write (a built site carries a marker file). Whatever
// it is handed, the writer refuses a path that could leave the staging folder
// (fs/path_names.h) and a second file at an address already written.
//
// After record edits (update_in_place()), where the build cache vouches that
// the site in place is exactly as the last build wrote it, commit() instead
// moves the files that changed into it and removes those no longer written:
// the staging folder then holds only the changed files, and the thousands
// that did not change are neither linked again nor unlinked. The files it
// replaces or removes are let go of after commit(), on a thread of their own.
#pragma once

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <unordered_set>
#include <utility>
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

  // Queues the file for the writing thread; blocks while too many bytes are
  // waiting, so memory stays bounded when the disk is slower than rendering.
  void put(const std::string& path, std::string bytes) override;
  // The file the site in place holds at `path`, read now.
  std::optional<std::string> previous(const std::string& path) const override;
  // Queues a link to the site in place's `path`, counted as unchanged.
  void keep(const std::string& path) override;
  // Called before the first file: the site in place holds exactly `files`
  // (paths in the site), as the last build wrote them and the build cache
  // listed them. commit() then updates it in place: each file whose bytes
  // changed, or that is new, is moved in from the staging folder, and each
  // of `files` this build did not write is removed, with the folders it
  // leaves empty. At 100,000 pages and one record edited, that saves the
  // kernel linking every page into a new folder and unlinking the old one
  // (some 1.5 s of its time). Nothing moves before commit(), so a failed
  // build still leaves the site as it was; a reader may see it half updated
  // for the moment the moves take. Without a previous site, does nothing.
  void update_in_place(std::vector<std::string> files);
  // Waits for every queued file, then swaps the staging folder into place,
  // or moves its files into the site in place (update_in_place()). Returns
  // false, with diagnostics, when any write failed; the previous site is
  // then left as it was, unless a move into it failed.
  bool commit(Diagnostics& diagnostics);
  size_t file_count() const { return files_; }
  // After commit(), having updated the site in place: every file it wrote
  // there or removed, by path in the site; nothing otherwise.
  const std::vector<std::string>* changed_files() const {
    return in_place_ && committed_ ? &changed_files_ : nullptr;
  }
  // How many files were linked to the previous site's, unchanged. Read it
  // after commit().
  size_t unchanged_count() const { return unchanged_; }

 private:
  // A file waiting for the disk: its bytes, or, when `kept`, the previous site's file linked again.
  struct Queued {
    std::string path, bytes;
    bool kept = false;
  };
  void enqueue(Queued file);
  void write_queued();  // the writing thread
  void write_one(const std::string& path, const std::string& bytes);
  void keep_one(const std::string& path);
  // Writes `bytes` at `target`, the staging folder's `path`.
  void write_bytes(const std::string& path, const std::filesystem::path& target, const std::string& bytes);
  // Checks `path` and makes its folder in the staging folder; false, with first_error_, if it cannot.
  bool prepare(const std::string& path, std::filesystem::path& target);
  // The previous site's `path`, open, when it holds exactly `bytes`; -1 otherwise.
  int open_if_unchanged(const std::string& path, const std::string& bytes);
  void finish_writing();
  // commit() for update_in_place(): an error message, empty when the site was updated.
  std::string move_into_place();

  std::string out_dir_;
  std::filesystem::path out_;
  std::filesystem::path staging_;
  bool has_previous_ = false;  // a site built before is in place
  bool in_place_ = false;      // update_in_place(): set before the first file, read by the writing thread
  std::vector<std::string> previous_files_;  // the site in place's files, for update_in_place()
  // Only the writing thread uses these.
  std::set<std::filesystem::path> folders_;
  std::unordered_set<std::string> written_;  // two files at one address is a bug, not a choice
  std::string compared_;                     // a part of a previous file, read to compare
  std::vector<std::string> moved_;           // update_in_place(): the files to move into the site
  std::vector<std::string> changed_files_;   // those moved and those removed, once committed
  size_t unchanged_ = 0;

  std::mutex mutex_;  // guards what follows
  std::condition_variable changed_;
  std::deque<Queued> queue_;
  size_t queued_bytes_ = 0;
  bool closing_ = false;
  std::string first_error_;
  size_t files_ = 0;

  bool committed_ = false;
  std::thread writer_;
  // The previous site, or the files an update in place replaced or removed
  // (move_into_place()): removed after commit() by a thread of its own,
  // which the destructor waits for.
  std::filesystem::path retired_;
  std::thread remover_;
  void remove_later(std::vector<std::filesystem::path> folders);
};

}  // namespace passerelle
