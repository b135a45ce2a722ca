// Where a rendered site goes: a folder on disk, memory, or nowhere.
//
// The pipeline hands every file to a SiteSink as soon as it exists, from
// several threads at once, so a large site is never held in memory whole.
// `build` writes through SiteWriter (output/site_writer.h), `check` discards,
// tests keep the files in memory.
#pragma once

#include <mutex>
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
