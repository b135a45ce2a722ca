#include "output/offline_archive.h"

#include <archive.h>
#include <archive_entry.h>

#include <cstdio>
#include <memory>

namespace passerelle {

namespace {

// Every entry's date: the archive holds the same bytes for the same site.
constexpr time_t fixed_time = 946684800;  // 2000-01-01

la_ssize_t append(struct archive*, void* out, const void* buffer, size_t length) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(buffer), length);
  return static_cast<la_ssize_t>(length);
}

// The form editor (cms: in catalogue.yaml) works only online, on the
// catalogue's repository: the offline copy leaves it out.
const std::string editor_folder = "admin/";

bool is_page(const std::string& path) {
  return path.size() > 5 && path.compare(path.size() - 5, 5, ".html") == 0;
}

}  // namespace

std::string with_archive_size(const std::string& page, const std::string& label) {
  std::string out;
  const std::string marker = archive_size_marker;
  size_t from = 0;
  for (size_t at; (at = page.find(marker, from)) != std::string::npos; from = at + marker.size())
    out.append(page, from, at - from).append(label);
  return out.append(page, from);
}

std::string archive_size_label(size_t bytes) {
  char text[32];
  if (bytes >= 1000 * 1000) std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
  else std::snprintf(text, sizeof text, "%zu KB", (bytes + 999) / 1000);
  return text;
}

std::string zip_files(const std::map<std::string, std::string>& files, std::string& error,
                      const std::string& size_label) {
  const std::string root = archive_folder + std::string("/");
  std::string out;
  std::unique_ptr<struct archive, decltype(&archive_write_free)> zip(archive_write_new(), archive_write_free);
  std::unique_ptr<struct archive_entry, decltype(&archive_entry_free)> entry(archive_entry_new(),
                                                                             archive_entry_free);
  auto failed = [&] {
    error = archive_error_string(zip.get()) ? archive_error_string(zip.get()) : "unknown error";
    return std::string();
  };
  // One block the size of the data: no padding after the archive's end.
  if (archive_write_set_format_zip(zip.get()) != ARCHIVE_OK ||
      archive_write_set_bytes_in_last_block(zip.get(), 1) != ARCHIVE_OK ||
      archive_write_set_options(zip.get(), "zip:compression=deflate") != ARCHIVE_OK ||
      archive_write_open(zip.get(), &out, nullptr, append, nullptr) != ARCHIVE_OK)
    return failed();
  std::string filled;  // a page with the size written in, one at a time
  for (const auto& [path, stored] : files) {
    if (path.starts_with(editor_folder)) continue;
    const bool fill = !size_label.empty() && is_page(path);
    if (fill) filled = with_archive_size(stored, size_label);
    const std::string& bytes = fill ? filled : stored;
    archive_entry_clear(entry.get());
    archive_entry_set_pathname(entry.get(), (root + path).c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(bytes.size()));
    archive_entry_set_mtime(entry.get(), fixed_time, 0);
    if (archive_write_header(zip.get(), entry.get()) != ARCHIVE_OK) return failed();
    if (archive_write_data(zip.get(), bytes.data(), bytes.size()) < 0) return failed();
  }
  if (archive_write_close(zip.get()) != ARCHIVE_OK) return failed();
  return out;
}

void OfflineArchiveSink::put(const std::string& path, std::string bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  files_[path] = std::move(bytes);
}

bool OfflineArchiveSink::finish(Diagnostics& diagnostics) {
  std::string label = archive_size_label(0), zip, error;
  for (int attempt = 0; attempt < 4; ++attempt) {
    zip = zip_files(files_, error, label);
    if (zip.empty()) {
      diagnostics.error(archive_path, 0, 0, "could not make the offline archive: " + error,
                        "set offline_archive: false in catalogue.yaml to build without it");
      return false;
    }
    // The new size in the pages changes the archive a little: the next pass
    // settles it. Should it not in four, the label is off by one rounding step.
    const std::string made = archive_size_label(zip.size());
    if (made == label) break;
    if (attempt < 3) label = made;
  }
  for (auto& [path, bytes] : files_)
    next_.put(path, is_page(path) ? with_archive_size(bytes, label) : std::move(bytes));
  next_.put(archive_path, std::move(zip));
  files_.clear();
  label_ = label;
  return true;
}

}  // namespace passerelle
