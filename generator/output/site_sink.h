// Where a rendered site goes: a folder on disk, memory, or nowhere.
//
// The pipeline hands every file to a SiteSink as soon as it exists, from
// several threads at once, so a large site is never held in memory whole.
// `build` writes through SiteWriter (output/site_writer.h), `check` discards,
// tests keep the files in memory.
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include "model/site_model.h"

namespace passerelle {

class SiteSink {
 public:
  virtual ~SiteSink() = default;
  // Thread-safe. Takes the bytes by value so a writer can keep them without
  // a copy.
  virtual void put(const std::string& path, std::string bytes) = 0;
  // False when the files go nowhere: what only a reader of the files needs
  // (the offline archive) is then not made.
  virtual bool keeps_files() const { return true; }
  // The previous build's file at `path`, where the sink replaces a site
  // (SiteWriter); nothing otherwise. Thread-safe.
  virtual std::optional<std::string> previous(const std::string& /*path*/) const { return std::nullopt; }
  // The previous build's file at `path` is this build's too: a build that
  // knows a page did not change keeps it rather than render it again. Only
  // for a path previous() has. Thread-safe.
  virtual void keep(const std::string& path) { put(path, previous(path).value()); }
};

class DiscardSink : public SiteSink {
 public:
  void put(const std::string&, std::string) override {}
  bool keeps_files() const override { return false; }
};

class MemorySink : public SiteSink {
 public:
  void put(const std::string& path, std::string bytes) override {
    std::lock_guard<std::mutex> lock(mutex_);
    files_[path] = std::move(bytes);
  }
  const SiteFiles& files() const { return files_; }

 private:
  std::mutex mutex_;
  SiteFiles files_;
};

}  // namespace passerelle
