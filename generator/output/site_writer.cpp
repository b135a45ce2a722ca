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

bool write_site(const SiteFiles& files, const std::string& out_dir, Diagnostics& diagnostics) {
  const fs::path out = absolute_path(out_dir);
  const fs::path parent = out.parent_path();
  const std::string suffix = "." + std::to_string(::getpid());
  const fs::path staging = parent / ("." + out.filename().string() + ".new" + suffix);
  const fs::path retired = parent / ("." + out.filename().string() + ".old" + suffix);
  std::error_code ec;
  fs::create_directories(parent, ec);
  fs::remove_all(staging, ec);
  auto fail = [&](const std::string& path, const std::string& why) {
    diagnostics.error(path, 0, 0, "cannot write the site: " + why,
                      "the previous site in " + out_dir + " was left as it was");
    std::error_code ignore;
    fs::remove_all(staging, ignore);
    return false;
  };
  if (!fs::create_directory(staging, ec)) return fail(staging.string(), ec.message());
  std::set<fs::path> made;
  for (const auto& [path, bytes] : files) {
    const fs::path target = staging / path;
    if (fs::path dir = target.parent_path(); made.insert(dir).second) {
      fs::create_directories(dir, ec);
      if (ec) return fail(dir.string(), ec.message());
    }
    std::ofstream file(target, std::ios::binary);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    file.close();
    if (!file) return fail(join_path(out_dir, path), describe_errno());
  }
  {
    std::ofstream marker(staging / site_marker);
    marker << "Written by passerelle build; the whole folder is replaced on each build.\n";
    if (!marker) return fail(join_path(out_dir, site_marker), describe_errno());
  }
  const bool had_site = fs::exists(out, ec);
  if (had_site) {
    fs::rename(out, retired, ec);
    if (ec) return fail(out_dir, ec.message());
  }
  fs::rename(staging, out, ec);
  if (ec) {
    std::error_code ignore;
    if (had_site) fs::rename(retired, out, ignore);
    return fail(out_dir, ec.message());
  }
  if (had_site) fs::remove_all(retired, ec);
  return true;
}

}  // namespace passerelle
