#include "output/site_writer.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <utility>

#include "fs/file_system.h"
#include "fs/path_names.h"

namespace passerelle {

namespace fs = std::filesystem;

const char* const site_marker = ".passerelle-site";

namespace {

fs::path absolute_path(const std::string& dir) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(dir), ec);
  return ec ? fs::absolute(dir).lexically_normal() : p;
}

// True when `inner` is `outer` or lies inside it.
bool is_within(const fs::path& inner, const fs::path& outer) {
  auto rel = inner.lexically_relative(outer);
  return !rel.empty() && *rel.begin() != "..";
}

std::string describe_errno() { return std::strerror(errno); }

// Removes the staging and retired folders that builds of `out` killed before
// they could clean up left beside it (`.site.new.PID`, `.site.old.PID`), when
// no process has that PID any more.
void remove_stale_folders(const fs::path& out) {
  const std::string name = out.filename().string();
  std::error_code ec;
  for (fs::directory_iterator it(out.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string entry = it->path().filename().string();
    for (const std::string& prefix : {"." + name + ".new.", "." + name + ".old."}) {
      if (entry.size() <= prefix.size() || entry.compare(0, prefix.size(), prefix) != 0) continue;
      const std::string pid = entry.substr(prefix.size());
      if (pid.find_first_not_of("0123456789") != std::string::npos || pid.size() > 9) continue;
      if (::kill(static_cast<pid_t>(std::stol(pid)), 0) == 0 || errno != ESRCH) continue;
      std::error_code ignore;
      fs::remove_all(it->path(), ignore);
    }
  }
}

}  // namespace

void check_output_dir(const std::string& out_dir, const std::vector<std::string>& input_dirs,
                      Diagnostics& diagnostics) {
  if (out_dir.empty()) {
    diagnostics.error("--out", 0, 0, "the output folder is empty", "pass --out DIR");
    return;
  }
  const fs::path out = absolute_path(out_dir);
  if (out == out.root_path()) {
    diagnostics.error(out_dir, 0, 0, "refusing to write the site to the root folder /",
                      "pass --out DIR with a folder of its own, e.g. site");
    return;
  }
  for (const auto& input : input_dirs) {
    const fs::path in = absolute_path(input);
    if (is_within(in, out))
      diagnostics.error(out_dir, 0, 0,
                        "the output folder " + std::string(is_within(out, in) ? "is" : "contains") +
                            " the input folder " + input + ": building would replace it",
                        "pass --out DIR with a folder of its own, e.g. site");
    else if (is_within(out, in))
      diagnostics.error(out_dir, 0, 0, "the output folder lies inside the input folder " + input,
                        "pass --out DIR outside the inputs, e.g. site");
  }
  std::error_code ec;
  if (fs::exists(out, ec)) {
    if (!fs::is_directory(out, ec)) {
      diagnostics.error(out_dir, 0, 0, "the output path exists and is not a folder");
      return;
    }
    bool empty = fs::is_empty(out, ec);
    if (!empty && !fs::exists(out / site_marker, ec))
      diagnostics.error(out_dir, 0, 0, "refusing to replace a folder that passerelle did not build",
                        "empty it, or pass --out with a new folder; a built site holds a " +
                            std::string(site_marker) + " file");
  }
}

namespace {

// How many bytes of memory the files waiting for the disk may hold before
// put() blocks: their strings' capacity, which a page grown piece by piece
// has up to twice its size.
constexpr size_t max_queued_bytes = 64 << 20;

}  // namespace

SiteWriter::SiteWriter(std::string out_dir) : out_dir_(std::move(out_dir)), out_(absolute_path(out_dir_)) {
  staging_ = out_.parent_path() / ("." + out_.filename().string() + ".new." + std::to_string(::getpid()));
  retired_ = out_.parent_path() / ("." + out_.filename().string() + ".old." + std::to_string(::getpid()));
  std::error_code ec;
  fs::create_directories(out_.parent_path(), ec);
  remove_stale_folders(out_);
  fs::remove_all(staging_, ec);
  if (!fs::create_directory(staging_, ec)) first_error_ = staging_.string() + ": " + ec.message();
  folders_.insert(staging_);
  has_previous_ = fs::exists(out_ / site_marker, ec);
  writer_ = std::thread([this] { write_queued(); });
}

SiteWriter::~SiteWriter() {
  finish_writing();
  if (remover_.joinable()) remover_.join();
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
  if (in_place_) fs::remove_all(retired_, ec);  // what a failed update had replaced by then
}

void SiteWriter::update_in_place(std::vector<std::string> files) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!has_previous_ || files_ > 0) return;
  in_place_ = true;
  previous_files_ = std::move(files);
}

void SiteWriter::put(const std::string& path, std::string bytes) { enqueue({path, std::move(bytes)}); }

void SiteWriter::keep(const std::string& path) { enqueue({path, {}, true}); }

void SiteWriter::enqueue(Queued file) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (!first_error_.empty() || closing_) return;  // the build fails anyway
  changed_.wait(lock, [&] { return queued_bytes_ < max_queued_bytes || !first_error_.empty(); });
  ++files_;
  queued_bytes_ += file.bytes.capacity();
  queue_.push_back(std::move(file));
  changed_.notify_all();
}

std::optional<std::string> SiteWriter::previous(const std::string& path) const {
  if (!has_previous_ || site_path_problem(path)) return std::nullopt;
  return DiskFileSystem().read((out_ / path).string());
}

void SiteWriter::write_queued() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    changed_.wait(lock, [&] { return !queue_.empty() || closing_; });
    if (queue_.empty()) return;
    Queued file = std::move(queue_.front());
    queue_.pop_front();
    const bool failed = !first_error_.empty();
    lock.unlock();
    if (!failed) file.kept ? keep_one(file.path) : write_one(file.path, file.bytes);
    lock.lock();
    queued_bytes_ -= file.bytes.capacity();
    changed_.notify_all();
  }
}

bool SiteWriter::prepare(const std::string& path, fs::path& target) {
  auto fail = [&](const std::string& why) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (first_error_.empty()) first_error_ = join_path(out_dir_, path) + ": " + why;
    return false;
  };
  // The last line of defence: whatever a name read from the inputs holds, no
  // file is written outside the staging folder.
  if (auto problem = site_path_problem(path))
    return fail("refused to write a file outside the site (" + *problem + ")");
  // Names are checked where they are read (a record id, an alias, a term may
  // not take another page's address); this catches what those checks miss.
  if (!written_.insert(path).second) return fail("two files of the site have this address");
  target = staging_ / path;
  // Updating in place, a folder is made only for a file that changed (write_one()).
  if (!in_place_ && folders_.insert(target.parent_path()).second) {
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec) return fail(ec.message());
  }
  return true;
}

void SiteWriter::keep_one(const std::string& path) {
  fs::path target;
  if (!prepare(path, target)) return;
  if (in_place_) {  // it stays where it is
    ++unchanged_;
    return;
  }
  if (has_previous_ && ::link((out_ / path).c_str(), target.c_str()) == 0) {
    ++unchanged_;
    return;
  }
  // Where links are refused, the file is copied; gone, the build fails.
  if (const std::optional<std::string> bytes = previous(path)) return write_bytes(path, target, *bytes);
  std::lock_guard<std::mutex> lock(mutex_);
  if (first_error_.empty())
    first_error_ = join_path(out_dir_, path) + ": the previous build's file is gone; build again";
}

void SiteWriter::write_one(const std::string& path, const std::string& bytes) {
  fs::path target;
  if (!prepare(path, target)) return;
  // The marker is written anew, so that its time says when the site was built.
  const int same = has_previous_ && path != site_marker ? open_if_unchanged(path, bytes) : -1;
  if (same >= 0) {
    // Links the very file compared, through its descriptor, not whatever its
    // path names by now. Where links are refused (another owner's files under
    // fs.protected_hardlinks, a file system without them), the file is written.
    const bool kept = in_place_ || ::linkat(AT_FDCWD, ("/proc/self/fd/" + std::to_string(same)).c_str(),
                                            AT_FDCWD, target.c_str(), AT_SYMLINK_FOLLOW) == 0;
    ::close(same);
    if (kept) {
      ++unchanged_;
      return;
    }
  }
  if (in_place_) {
    std::error_code ec;
    if (folders_.insert(target.parent_path()).second) fs::create_directories(target.parent_path(), ec);
    moved_.push_back(path);
  }
  write_bytes(path, target, bytes);
}

void SiteWriter::write_bytes(const std::string& path, const fs::path& target, const std::string& bytes) {
  auto fail = [&](const std::string& why) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (first_error_.empty()) first_error_ = join_path(out_dir_, path) + ": " + why;
  };
  const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) return fail(describe_errno());
  for (size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = n < 0 ? describe_errno() : "nothing written";
      ::close(fd);
      return fail(why);
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) fail(describe_errno());
}

int SiteWriter::open_if_unchanged(const std::string& path, const std::string& bytes) {
  const int fd = ::open((out_ / path).c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return -1;
  struct stat st;
  bool same = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<size_t>(st.st_size) == bytes.size();
  for (size_t done = 0; same && done < bytes.size();) {
    compared_.resize(std::min<size_t>(bytes.size() - done, 1 << 16));
    const ssize_t n = ::read(fd, compared_.data(), compared_.size());
    if (n < 0 && errno == EINTR) continue;
    same = n > 0 && std::memcmp(compared_.data(), bytes.data() + done, static_cast<size_t>(n)) == 0;
    done += same ? static_cast<size_t>(n) : 0;
  }
  if (same) return fd;
  ::close(fd);
  return -1;
}

void SiteWriter::finish_writing() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
    changed_.notify_all();
  }
  if (writer_.joinable()) writer_.join();
}

bool SiteWriter::commit(Diagnostics& diagnostics) {
  auto fail = [&](const std::string& why) {
    diagnostics.error(out_dir_, 0, 0, "cannot write the site: " + why,
                      "the previous site in " + out_dir_ + " was left as it was");
    return false;
  };
  finish_writing();
  ++files_;
  if (first_error_.empty())
    write_one(site_marker,
              "Written by passerelle build, which replaces or updates every file in this folder.\n");
  if (!first_error_.empty()) return fail(first_error_);
  if (in_place_) {
    const std::string failed = move_into_place();
    if (!failed.empty()) {
      diagnostics.error(out_dir_, 0, 0, "cannot update the site in place: " + failed,
                        "the site in " + out_dir_ + " is partly updated; build again to finish it");
      return false;
    }
    committed_ = true;
    remove_later({staging_, retired_});
    return true;
  }
  std::error_code ec;
  const bool had_site = fs::exists(out_, ec);
  if (had_site) {
    fs::rename(out_, retired_, ec);
    if (ec) return fail(out_dir_ + ": " + ec.message());
  }
  fs::rename(staging_, out_, ec);
  if (ec) {
    std::error_code ignore;
    if (had_site) fs::rename(retired_, out_, ignore);
    return fail(out_dir_ + ": " + ec.message());
  }
  committed_ = true;
  if (had_site) remove_later({retired_});
  return true;
}

void SiteWriter::remove_later(std::vector<fs::path> folders) {
  remover_ = std::thread([folders = std::move(folders)] {
    for (const auto& folder : folders) {
      std::error_code ignore;
      fs::remove_all(folder, ignore);
    }
  });
}

namespace {

// The folder `folder` (a path in the site, "" for its root) under the open
// folder `root`, opened one name at a time without following a symbolic
// link, so that nothing is reached outside `root`; made where it is missing
// when `make`. -1, errno set, when it cannot be.
int open_folder(int root, const std::string& folder, bool make) {
  int fd = ::dup(root);
  for (size_t from = 0; fd >= 0 && from < folder.size();) {
    const size_t end = std::min(folder.find('/', from), folder.size());
    const std::string name = folder.substr(from, end - from);
    from = end + 1;
    if (make && ::mkdirat(fd, name.c_str(), 0755) != 0 && errno != EEXIST) {
      ::close(fd);
      return -1;
    }
    const int next = ::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    ::close(fd);
    fd = next;
  }
  return fd;
}

// A site path split into its folder and its name.
std::pair<std::string, std::string> split_path(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return {"", path};
  return {path.substr(0, slash), path.substr(slash + 1)};
}

}  // namespace

std::string SiteWriter::move_into_place() {
  const int out = ::open(out_.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  const int staging = ::open(staging_.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  int retired = -1;  // the retired folder, below
  auto failed = [&](const std::string& path) {
    const std::string why = (path.empty() ? out_dir_ : join_path(out_dir_, path)) + ": " + describe_errno();
    for (int fd : {out, staging, retired})
      if (fd >= 0) ::close(fd);
    return why;
  };
  if (out < 0 || staging < 0) return failed("");
  // The files this update replaces or removes go to the retired folder
  // first (linked, or moved), where the thread that removes it lets go of
  // them (commit()): freeing a large file's blocks is slow on ext4 (at
  // 100,000 records, 0.05 s for catalogue.json's 77 MB), and the build
  // cache is saved meanwhile. Where a file cannot go there, it is replaced
  // or removed all the same.
  std::error_code ec;
  fs::create_directory(retired_, ec);
  retired = ::open(retired_.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  size_t retired_count = 0;
  auto retire = [&](int folder, const std::string& name, bool keep_name) {
    if (retired < 0) return false;
    const std::string to = std::to_string(retired_count++);
    return keep_name ? ::linkat(folder, name.c_str(), retired, to.c_str(), 0) == 0
                     : ::renameat(folder, name.c_str(), retired, to.c_str()) == 0;
  };
  // First the files of the last build this one did not write, and the
  // folders they leave empty, so that an address that was a file can become
  // a folder.
  for (const std::string& path : previous_files_) {
    if (written_.count(path) || site_path_problem(path)) continue;
    std::pair<std::string, std::string> at = split_path(path);
    const int fd = open_folder(out, at.first, false);
    const bool removed = fd >= 0 && (retire(fd, at.second, false) ||
                                     ::unlinkat(fd, at.second.c_str(), 0) == 0 || errno == ENOENT);
    if (fd >= 0) ::close(fd);
    if (!removed) return failed(path);
    changed_files_.push_back(path);
    while (!at.first.empty()) {  // stops at a folder that is not empty
      at = split_path(at.first);
      const int parent = open_folder(out, at.first, false);
      const bool emptied = parent >= 0 && ::unlinkat(parent, at.second.c_str(), AT_REMOVEDIR) == 0;
      if (parent >= 0) ::close(parent);
      if (!emptied) break;
    }
  }
  // Then the files that changed or are new; the marker last: until then,
  // the site is not this build's.
  std::stable_partition(moved_.begin(), moved_.end(), [](const std::string& p) { return p != site_marker; });
  for (const std::string& path : moved_) {
    const auto [folder, name] = split_path(path);
    const int from = open_folder(staging, folder, false);
    const int to = from < 0 ? -1 : open_folder(out, folder, true);
    if (to >= 0) retire(to, name, true);  // where it replaces a file
    const bool moved = to >= 0 && ::renameat(from, name.c_str(), to, name.c_str()) == 0;
    const int saved = errno;
    for (int fd : {from, to})
      if (fd >= 0) ::close(fd);
    errno = saved;
    if (!moved) return failed(path);
    changed_files_.push_back(path);
  }
  ::close(out);
  ::close(staging);
  if (retired >= 0) ::close(retired);
  return {};
}

}  // namespace passerelle
