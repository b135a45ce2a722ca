// The dev server behind `passerelle serve`: builds the site in memory, serves
// it over HTTP on this machine, watches the input folders, brings the site up
// to date as files change, and tells open pages to reload.
//
// HTTP is cpp-httplib's server. One worker thread owns the LiveSite
// (pipeline/live_site.h): it waits for the file watcher, updates the site and
// publishes it, as an immutable snapshot that request handlers share. Pages
// are published as soon as they are rendered; feeds and the search index
// follow (LiveSite::refresh_data). A change that brings an error is printed
// and shown over open pages, and the last good site stays published. HTML is
// served with the live-reload script tag added (serve/live_reload.h); every
// other byte is the built site's. Nothing is written to disk.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "pipeline/progress.h"
#include "pipeline/stages.h"

namespace passerelle::serve {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8000;  // 0: a free port
  // Where messages for the terminal go (one line or a block each); nowhere when null.
  std::function<void(const std::string&)> print;
  bool quiet = false;    // print problems only
  bool verbose = false;  // also report when feeds and the search index are up to date
};

class DevServer {
 public:
  DevServer(Inputs inputs, ServeOptions options);
  ~DevServer();  // stops
  DevServer(const DevServer&) = delete;
  DevServer& operator=(const DevServer&) = delete;

  // Binds the port, builds the site and starts serving and watching. Returns
  // why it could not (the port is taken, the folders cannot be watched); a
  // build with errors is no reason: the server starts and shows them.
  std::optional<std::string> start(Progress& progress);
  void stop();

  int port() const;
  std::string url() const;  // http://host:port/

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace passerelle::serve
