#include "output/site_writer.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

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
      diagnostics.error(out_dir, 0, 0,
                        "refusing to replace a folder that passerelle did not build",
                        "empty it, or pass --out with a new folder; a built site holds a " +
                            std::string(site_marker) + " file");
  }
}

SiteWriter::SiteWriter(std::string out_dir) : out_dir_(std::move(out_dir)), out_(absolute_path(out_dir_)) {
  staging_ = out_.parent_path() / ("." + out_.filename().string() + ".new." + std::to_string(::getpid()));
  std::error_code ec;
  fs::create_directories(out_.parent_path(), ec);
  fs::remove_all(staging_, ec);
  if (!fs::create_directory(staging_, ec)) first_error_ = staging_.string() + ": " + ec.message();
  folders_.insert(staging_);
}

SiteWriter::~SiteWriter() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

void SiteWriter::put(const std::string& path, const std::string& bytes) {
  const fs::path target = staging_ / path;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!first_error_.empty()) return;  // the build fails anyway
    ++files_;
    if (folders_.insert(target.parent_path()).second) {
      std::error_code ec;
      fs::create_directories(target.parent_path(), ec);
      if (ec) {
        first_error_ = join_path(out_dir_, path) + ": " + ec.message();
        return;
      }
    }
  }
  std::ofstream file(target, std::ios::binary);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  if (!file) {
    std::string why = describe_errno();
    std::lock_guard<std::mutex> lock(mutex_);
    if (first_error_.empty()) first_error_ = join_path(out_dir_, path) + ": " + why;
  }
}

bool SiteWriter::commit(Diagnostics& diagnostics) {
  auto fail = [&](const std::string& why) {
    diagnostics.error(out_dir_, 0, 0, "cannot write the site: " + why,
                      "the previous site in " + out_dir_ + " was left as it was");
    return false;
  };
  if (first_error_.empty()) put(site_marker, "Written by passerelle build; the whole folder is replaced on each build.\n");
  if (!first_error_.empty()) return fail(first_error_);
  const fs::path retired = out_.parent_path() / ("." + out_.filename().string() + ".old." + std::to_string(::getpid()));
  std::error_code ec;
  const bool had_site = fs::exists(out_, ec);
  if (had_site) {
    fs::rename(out_, retired, ec);
    if (ec) return fail(out_dir_ + ": " + ec.message());
  }
  fs::rename(staging_, out_, ec);
  if (ec) {
    std::error_code ignore;
    if (had_site) fs::rename(retired, out_, ignore);
    return fail(out_dir_ + ": " + ec.message());
  }
  committed_ = true;
  if (had_site) fs::remove_all(retired, ec);
  return true;
}

}  // namespace passerelle
