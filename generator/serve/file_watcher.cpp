#include "serve/file_watcher.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "fs/file_system.h"

namespace passerelle::serve {

namespace {

using Clock = std::chrono::steady_clock;

constexpr uint32_t file_events = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE;
constexpr uint32_t watch_mask = file_events | IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

// Hidden files and what editors write beside the file they save.
bool ignored(const std::string& name) {
  return name.empty() || name[0] == '.' || name[0] == '#' || name.back() == '~' || name == "4913";
}

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::max<long long>(0, left.count()));
}

}  // namespace

FileWatcher::FileWatcher(std::vector<std::string> roots) : roots_(std::move(roots)) {
  inotify_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  wake_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (inotify_ < 0 || wake_ < 0) {
    error_ = std::string("cannot watch files: ") + std::strerror(errno);
    return;
  }
  for (const auto& root : roots_) {
    watch_tree(root, nullptr);
    if (!error_.empty()) return;
  }
}

FileWatcher::~FileWatcher() {
  if (inotify_ >= 0) ::close(inotify_);
  if (wake_ >= 0) ::close(wake_);
}

void FileWatcher::watch_tree(const std::string& dir, std::vector<std::string>* found) {
  // A root may be a symbolic link; folders inside are watched only when they are real.
  const bool root = std::find(roots_.begin(), roots_.end(), dir) != roots_.end();
  const int wd = inotify_add_watch(inotify_, dir.c_str(), watch_mask | (root ? 0 : IN_DONT_FOLLOW));
  if (wd < 0) {
    if (errno == ENOSPC)
      error_ = "cannot watch " + dir +
               ": too many folders for inotify (raise fs.inotify.max_user_watches with sysctl)";
    else if (errno != ENOENT && errno != ENOTDIR) error_ = "cannot watch " + dir + ": " + std::strerror(errno);
    return;
  }
  folders_[wd] = dir;
  std::error_code ec;
  std::vector<std::string> entries;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!ignored(name)) entries.push_back(name);
  }
  std::sort(entries.begin(), entries.end());
  for (const auto& name : entries) {
    const std::string path = join_path(dir, name);
    const auto status = std::filesystem::symlink_status(path, ec);
    if (std::filesystem::is_directory(status)) watch_tree(path, found);
    else if (found) found->push_back(path);  // written before the folder was watched
  }
}

bool FileWatcher::read_events(std::vector<std::string>& changed) {
  alignas(inotify_event) char buffer[64 * 1024];
  bool any = false;
  while (true) {
    const ssize_t length = ::read(inotify_, buffer, sizeof buffer);
    if (length <= 0) return any;
    any = true;
    for (ssize_t at = 0; at < length;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      if (event->mask & IN_Q_OVERFLOW) {
        changed.insert(changed.end(), roots_.begin(), roots_.end());
        continue;
      }
      auto folder = folders_.find(event->wd);
      if (folder == folders_.end()) continue;
      if (event->mask & IN_IGNORED) {
        folders_.erase(folder);
        continue;
      }
      if (event->len == 0) {  // the watched folder itself went away
        if (event->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) changed.push_back(folder->second);
        continue;
      }
      const std::string name = event->name;
      if (ignored(name)) continue;
      const std::string path = join_path(folder->second, name);
      if (event->mask & IN_ISDIR) {
        if (event->mask & (IN_CREATE | IN_MOVED_TO)) watch_tree(path, &changed);
        if (event->mask & (IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE)) changed.push_back(path);
      } else if (event->mask & file_events) {
        changed.push_back(path);
      }
    }
  }
}

std::vector<std::string> FileWatcher::wait(std::chrono::milliseconds timeout,
                                           std::chrono::milliseconds settle) {
  std::vector<std::string> changed;
  if (inotify_ < 0) return changed;
  const auto first_deadline = Clock::now() + timeout;
  auto last_deadline = first_deadline;
  bool waiting_for_first = true;
  while (true) {
    pollfd fds[2] = {{inotify_, POLLIN, 0}, {wake_, POLLIN, 0}};
    const int wait_ms = waiting_for_first
                            ? remaining_ms(first_deadline)
                            : std::min(static_cast<int>(settle.count()), remaining_ms(last_deadline));
    const int ready = ::poll(fds, 2, wait_ms);
    if (ready < 0 && errno != EINTR) break;
    if (fds[1].revents & POLLIN) {
      uint64_t count;
      [[maybe_unused]] ssize_t n = ::read(wake_, &count, sizeof count);
      return {};
    }
    if (ready <= 0) break;  // the timeout, or the changes have settled
    const size_t before = changed.size();
    read_events(changed);
    if (waiting_for_first && changed.size() > before) {
      waiting_for_first = false;
      last_deadline = Clock::now() + settle * 20;
    }
    if (!waiting_for_first && remaining_ms(last_deadline) == 0) break;
  }
  std::sort(changed.begin(), changed.end());
  changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
  return changed;
}

void FileWatcher::interrupt() {
  const uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(wake_, &one, sizeof one);
}

}  // namespace passerelle::serve
