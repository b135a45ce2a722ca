// Watching the input folders for changes, with Linux inotify.
//
// Watches each root folder and every folder under it, adding a watch when a
// folder appears. wait() returns the paths that changed (the root joined with
// the path inside it, as the record loader names files): files written and
// closed, moved in or out, deleted, and folders that came or went, with the
// files already inside a new folder. It waits for changes to settle, since
// an editor's save or a `git checkout` is many events. Hidden files and
// editors' temporary files (name~, #name#, vim's 4913) are left out. When the
// kernel's queue overflows, the roots themselves are returned: the caller
// cannot know what changed and should read everything again.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace passerelle::serve {

class FileWatcher {
 public:
  explicit FileWatcher(std::vector<std::string> roots);
  ~FileWatcher();
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  // Empty when every root is watched; otherwise why not.
  const std::string& error() const { return error_; }

  // Waits up to `timeout` for a change, then until none came for `settle`
  // (at most `settle` × 20). Sorted and unique; empty when `timeout` passed
  // with no change or interrupt() was called.
  std::vector<std::string> wait(std::chrono::milliseconds timeout,
                                std::chrono::milliseconds settle = std::chrono::milliseconds(10));
  // Makes a wait() in another thread return now. Thread-safe.
  void interrupt();

 private:
  void watch_tree(const std::string& dir, std::vector<std::string>* found);
  // Reads the pending events into `changed`; false when there were none.
  bool read_events(std::vector<std::string>& changed);

  std::vector<std::string> roots_;
  int inotify_ = -1;
  int wake_ = -1;                       // eventfd for interrupt()
  std::map<int, std::string> folders_;  // watch descriptor → folder
  std::string error_;
};

}  // namespace passerelle::serve
