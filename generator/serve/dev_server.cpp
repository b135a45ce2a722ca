#include "serve/dev_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "builtin/builtin_files.h"
#include "pipeline/live_site.h"
#include "serve/file_watcher.h"
#include "serve/live_reload.h"

namespace passerelle::serve {

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

std::string content_type(const std::string& path) {
  static const std::pair<const char*, const char*> types[] = {
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".json", "application/json"},
      {".csv", "text/csv; charset=utf-8"},
      {".xml", "application/xml"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
  };
  for (const auto& [extension, type] : types)
    if (path.ends_with(extension)) return type;
  return "application/octet-stream";
}

std::string formatted(const Diagnostics& diagnostics) {
  Diagnostics sorted = diagnostics;
  sorted.sort();
  std::string out;
  for (const auto& d : sorted.items()) out += format(d);
  return out;
}

std::string plural(size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string duration(double ms) {
  char text[32];
  if (ms < 1000) std::snprintf(text, sizeof text, "%.0f ms", ms);
  else std::snprintf(text, sizeof text, "%.2f s", ms / 1000);
  return text;
}

// What request handlers see: replaced as a whole, never changed.
struct Published {
  std::shared_ptr<const SharedFiles> files;  // null until a build succeeds
  uint64_t generation = 0;                   // of the pages; reloads open pages
  uint64_t data_generation = 0;              // of feeds and the search index
  uint64_t version = 0;                      // of what event streams send
  bool ok = false;
  std::string problems;  // errors and warnings, as the terminal shows them
  size_t records = 0;
};

}  // namespace

struct DevServer::Impl {
  Inputs inputs;
  ServeOptions options;
  builtin::InputFiles files;  // the disk, with the built-in templates and theme
  LiveSite site;
  std::unique_ptr<FileWatcher> watcher;
  httplib::Server http;
  int port = 0;
  std::thread listener, worker;

  std::mutex mutex;
  std::condition_variable changed;
  std::shared_ptr<const Published> published = std::make_shared<Published>();
  bool stopping = false;
  bool started = false;

  Impl(Inputs in, ServeOptions opts)
      : inputs(std::move(in)),
        options(std::move(opts)),
        files(inputs.templates, inputs.theme),
        site(files.fs(), inputs, "site") {}

  void print(const std::string& message) const {
    if (options.print && !options.quiet) options.print(message);
  }
  void print_problems(const std::string& message) const {
    if (options.print) options.print(message);
  }

  std::shared_ptr<const Published> current() {
    std::lock_guard<std::mutex> lock(mutex);
    return published;
  }

  // Publishes the site's state: its files when it has no error (a new
  // generation when `pages` changed), its problems always.
  void publish(bool pages, bool data) {
    auto next = std::make_shared<Published>(*current());
    next->ok = site.ok();
    next->problems = formatted(site.diagnostics());
    next->records = site.record_count();
    if (next->ok) {
      next->files = std::make_shared<const SharedFiles>(site.files());
      if (pages || next->generation == 0) ++next->generation;
      if (data) ++next->data_generation;
    }
    const bool news = next->generation != published->generation || next->ok != published->ok ||
                      next->problems != published->problems;
    if (news) ++next->version;
    {
      std::lock_guard<std::mutex> lock(mutex);
      published = std::move(next);
    }
    changed.notify_all();
  }

  std::string state_json(const Published& state) const {
    nlohmann::json out = {{"generation", state.generation},
                          {"data_generation", state.data_generation},
                          {"ok", state.ok},
                          {"problems", state.problems},
                          {"records", state.records}};
    return out.dump();
  }

  void report(const UpdateReport& update, const std::vector<std::string>& paths) {
    if (update.kind == UpdateReport::Kind::none) return;
    if (!site.ok()) {
      const size_t errors = site.diagnostics().error_count();
      print_problems(formatted(site.diagnostics()) + plural(errors, "error") +
                     (current()->files ? ": the last good site is still served" : ": nothing to serve yet"));
      return;
    }
    std::string what;
    switch (update.kind) {
      case UpdateReport::Kind::full: what = "rebuilt everything (" + plural(update.pages, "page") + ")"; break;
      case UpdateReport::Kind::theme: what = "updated the theme"; break;
      default:
        what = "updated " + paths.front() +
               (paths.size() > 1 ? " and " + plural(paths.size() - 1, "more file") : "") + " (" +
               plural(update.pages, "page") + ")";
    }
    print(what + " in " + duration(update.milliseconds));
  }

  void work() {
    while (true) {
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (stopping) return;
      }
      const bool data_waits = site.data_stale() && site.ok();
      // Feeds and the search index wait for a short quiet spell: saves often come in bursts.
      std::vector<std::string> paths = watcher->wait(data_waits ? 100ms : 1000ms);
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (stopping) return;
      }
      try {
        if (!paths.empty()) {
          const UpdateReport update = site.update(paths);
          if (update.kind == UpdateReport::Kind::none) continue;
          publish(true, update.kind == UpdateReport::Kind::full);
          report(update, paths);
        } else if (data_waits) {
          const auto started_at = Clock::now();
          site.refresh_data();
          publish(false, true);
          if (options.verbose)
            print("feeds and search index up to date in " +
                  duration(std::chrono::duration<double, std::milli>(Clock::now() - started_at).count()));
        }
      } catch (const std::exception& e) {
        // A bug, not a content error: say so, and start again from the files
        // rather than serve a half-updated site or stop serving.
        print_problems(std::string("internal error while updating the site: ") + e.what() + "; rebuilding");
        recover();
      }
    }
  }

  void recover() {
    try {
      Progress quiet = Progress::silent();
      site.rebuild(quiet);
      publish(true, true);
    } catch (const std::exception& e) {
      print_problems(std::string("internal error while rebuilding: ") + e.what());
    }
  }

  void serve_file(const httplib::Request& request, httplib::Response& response) {
    response.set_header("Cache-Control", "no-store");
    const auto state = current();
    if (!state->files) {
      response.status = 503;
      response.set_content(error_page(state->problems), "text/html; charset=utf-8");
      return;
    }
    std::string path = request.path.empty() ? "" : request.path.substr(1);
    if (path.empty() || path.back() == '/') path += "index.html";
    auto found = state->files->find(path);
    if (found == state->files->end()) {
      if (state->files->count(path + "/index.html")) {
        response.set_redirect("/" + path + "/");
        return;
      }
      response.status = 404;
      found = state->files->find("404.html");
      if (found == state->files->end()) {
        response.set_content("Not found\n", "text/plain; charset=utf-8");
        return;
      }
    }
    const std::string& bytes = *found->second;
    if (found->first.ends_with(".html"))
      response.set_content(inject_live_reload(bytes, state->generation), content_type(found->first));
    else response.set_content(bytes, content_type(found->first));
  }

  void serve_events(httplib::Response& response) {
    response.set_header("Cache-Control", "no-store");
    auto sent = std::make_shared<uint64_t>(0);
    auto first = std::make_shared<bool>(true);
    response.set_chunked_content_provider(
        "text/event-stream", [this, sent, first](size_t, httplib::DataSink& sink) {
          std::unique_lock<std::mutex> lock(mutex);
          if (!*first) changed.wait_for(lock, 15s, [&] { return stopping || published->version != *sent; });
          if (stopping) return false;
          std::string message;
          if (*first) message = "retry: 500\n";
          if (*first || published->version != *sent) message += "data: " + state_json(*published) + "\n\n";
          else message = ": still here\n\n";  // keeps proxies and the browser from giving up
          *sent = published->version;
          *first = false;
          lock.unlock();
          return sink.write(message.data(), message.size());
        });
  }

  void routes() {
    // httplib's default, SO_REUSEPORT, would let a second server share the
    // port without a word; SO_REUSEADDR only lets a restart reuse it at once.
    http.set_socket_options([](socket_t sock) {
      int yes = 1;
      ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    // Responses go out in several writes: without this, Nagle's algorithm
    // and delayed acknowledgements hold many of them back by 40 ms.
    http.set_tcp_nodelay(true);
    // Every open page holds an event stream, and browsers open several connections.
    http.new_task_queue = [] { return new httplib::ThreadPool(32); };
    http.set_keep_alive_timeout(2);
    http.Get(script_path, [](const httplib::Request&, httplib::Response& response) {
      response.set_header("Cache-Control", "no-store");
      response.set_content(live_reload_script(), "text/javascript; charset=utf-8");
    });
    http.Get(status_path, [this](const httplib::Request&, httplib::Response& response) {
      response.set_header("Cache-Control", "no-store");
      response.set_content(state_json(*current()), "application/json");
    });
    http.Get(events_path,
             [this](const httplib::Request&, httplib::Response& response) { serve_events(response); });
    http.Get(R"(/.*)", [this](const httplib::Request& request, httplib::Response& response) {
      serve_file(request, response);
    });
  }
};

DevServer::DevServer(Inputs inputs, ServeOptions options)
    : impl_(std::make_unique<Impl>(std::move(inputs), std::move(options))) {}

DevServer::~DevServer() { stop(); }

std::optional<std::string> DevServer::start(Progress& progress) {
  Impl& s = *impl_;
  s.routes();
  // Bind first, so a port in use is reported before a long build.
  if (s.options.port == 0) {
    s.port = s.http.bind_to_any_port(s.options.host);
    if (s.port <= 0) return "cannot listen on " + s.options.host;
  } else {
    if (!s.http.bind_to_port(s.options.host, s.options.port))
      return "cannot listen on " + s.options.host + ":" + std::to_string(s.options.port) +
             ": the port is in use or not allowed";
    s.port = s.options.port;
  }
  s.watcher = std::make_unique<FileWatcher>(
      std::vector<std::string>{s.inputs.content, s.inputs.templates, s.inputs.theme});
  if (!s.watcher->error().empty()) return s.watcher->error();

  const UpdateReport built = s.site.rebuild(progress);
  s.publish(true, true);
  if (!s.site.ok()) s.report(built, {});
  else if (s.site.diagnostics().warning_count() > 0) s.print_problems(formatted(s.site.diagnostics()));

  s.listener = std::thread([&s] { s.http.listen_after_bind(); });
  // stop() cannot interrupt a server that has not started listening yet.
  for (const auto deadline = Clock::now() + 10s; !s.http.is_running() && Clock::now() < deadline;)
    std::this_thread::sleep_for(1ms);
  s.worker = std::thread([&s] { s.work(); });
  s.started = true;
  return std::nullopt;
}

void DevServer::stop() {
  Impl& s = *impl_;
  if (!s.started) return;
  s.started = false;
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    s.stopping = true;
  }
  s.changed.notify_all();
  s.watcher->interrupt();
  s.http.stop();
  if (s.listener.joinable()) s.listener.join();
  if (s.worker.joinable()) s.worker.join();
}

int DevServer::port() const { return impl_->port; }

std::string DevServer::url() const {
  return "http://" + impl_->options.host + ":" + std::to_string(impl_->port) + "/";
}

}  // namespace passerelle::serve
