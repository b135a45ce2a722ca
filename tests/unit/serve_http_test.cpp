// `passerelle serve`: the dev server over HTTP. In process on a free port
// (serve/dev_server.h), and as the command, a child process stopped with
// SIGTERM. Each test edits a temporary copy of the base fixture and polls
// with a deadline for the change to be served; nothing sleeps longer than a
// poll step.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "serve/dev_server.h"
#include "serve/file_watcher.h"
#include "test_support.h"

using namespace passerelle;
using namespace passerelle::testing;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

extern char** environ;

namespace {

// Polls `done` every few milliseconds until it holds or `limit` passes.
template <typename Done>
bool eventually(Done&& done, std::chrono::milliseconds limit = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return done();
}

struct Workspace {
  TempDir dir;
  fs::path content = dir.path() / "content";
  Workspace() { fs::copy(source_dir + "/tests/fixtures/base", content, fs::copy_options::recursive); }
  Inputs inputs() const { return {content.string(), source_dir + "/templates", source_dir + "/theme"}; }
  void write(const std::string& relative, const std::string& text) const {
    fs::create_directories((content / relative).parent_path());
    std::ofstream(content / relative, std::ios::binary) << text;
  }
  std::string read(const std::string& relative) const { return read_file(content / relative); }
};

std::string get(httplib::Client& client, const std::string& path, int* status = nullptr) {
  auto result = client.Get(path.c_str());
  if (!result) return {};
  if (status) *status = result->status;
  return result->body;
}

nlohmann::json status_of(httplib::Client& client) {
  const std::string body = get(client, "/__passerelle/status");
  return body.empty() ? nlohmann::json::object() : nlohmann::json::parse(body);
}

}  // namespace

TEST_CASE("serve: pages with the reload script, a change seen, an error shown, stopped", "[serve][e2e]") {
  Workspace ws;
  serve::ServeOptions options;
  options.port = 0;
  serve::DevServer server(ws.inputs(), options);
  Progress quiet = Progress::silent();
  REQUIRE_FALSE(server.start(quiet).has_value());
  REQUIRE(server.port() > 0);
  CHECK(server.url() == "http://127.0.0.1:" + std::to_string(server.port()) + "/");
  httplib::Client client("127.0.0.1", server.port());

  int code = 0;
  const std::string home = get(client, "/", &code);
  CHECK(code == 200);
  CHECK(home.find("Fixture catalogue") != std::string::npos);
  CHECK(home.find("<script src=\"/__passerelle/live.js\" data-generation=\"1\" defer></script>\n</head>") !=
        std::string::npos);
  CHECK(get(client, "/dps/espere.html").find("ESPERE") != std::string::npos);
  CHECK(get(client, "/__passerelle/live.js", &code).find("new EventSource(\"/__passerelle/events\")") !=
        std::string::npos);
  CHECK(code == 200);
  get(client, "/no/such/page.html", &code);
  CHECK(code == 404);
  auto css = client.Get("/assets/style.css");
  REQUIRE(css);
  CHECK(css->get_header_value("Content-Type") == "text/css; charset=utf-8");
  CHECK(css->body == read_file(source_dir + "/theme/style.css"));

  // The event stream starts with the state of the site.
  std::string stream;
  client.Get("/__passerelle/events", [&](const char* data, size_t length) {
    stream.append(data, length);
    return stream.find("\n\n", stream.find("data:")) == std::string::npos;
  });
  CHECK(stream.find("retry: 500\ndata: {") == 0);
  CHECK(stream.find("\"generation\":1") != std::string::npos);
  CHECK(stream.find("\"ok\":true") != std::string::npos);

  // A record changes: the page shows it.
  const std::string espere = ws.read("dps/espere.md");
  ws.write("dps/espere.md", espere + "\nA paragraph added while serving.\n");
  CHECK(eventually(
      [&] { return get(client, "/dps/espere.html").find("added while serving") != std::string::npos; }));
  CHECK(status_of(client)["generation"] == 2);
  CHECK(eventually([&] { return status_of(client)["data_generation"] >= 2; }));
  CHECK(get(client, "/catalogue.json").find("added while serving") ==
        std::string::npos);  // bodies are not in it

  // An error: the status says so, the last good page is still served.
  ws.write("dps/espere.md", "---\ntitle: ESPERE\nthemes: [trainin]\n---\nBroken.\n");
  CHECK(eventually([&] { return status_of(client)["ok"] == false; }));
  const nlohmann::json broken = status_of(client);
  CHECK(broken["problems"].get<std::string>().find("unknown theme 'trainin'") != std::string::npos);
  CHECK(broken["problems"].get<std::string>().find("did you mean 'training'?") != std::string::npos);
  CHECK(get(client, "/dps/espere.html").find("added while serving") != std::string::npos);

  // Fixed: served again.
  ws.write("dps/espere.md", espere);
  CHECK(eventually([&] { return status_of(client)["ok"] == true; }));
  CHECK(get(client, "/dps/espere.html").find("added while serving") == std::string::npos);

  // A new record, in a new file: everything is rebuilt and it is served.
  ws.write("dps/sunrise.md", "---\ntitle: Sunrise\n---\nNew.\n");
  CHECK(
      eventually([&] { return get(client, "/dps/sunrise.html", &code).find("Sunrise") != std::string::npos; }));
  CHECK(get(client, "/dps/index.html").find("sunrise.html") != std::string::npos);

  server.stop();
  CHECK_FALSE(client.Get("/"));
}

TEST_CASE("serve: before any good build, an error page that reloads when fixed", "[serve][e2e]") {
  Workspace ws;
  const std::string schema = ws.read("schema.yaml");
  ws.write("schema.yaml", "collections: [\n");
  serve::ServeOptions options;
  options.port = 0;
  std::vector<std::string> printed;
  std::mutex mutex;
  options.print = [&](const std::string& message) {
    std::lock_guard<std::mutex> lock(mutex);
    printed.push_back(message);
  };
  serve::DevServer server(ws.inputs(), options);
  Progress quiet = Progress::silent();
  REQUIRE_FALSE(server.start(quiet).has_value());
  httplib::Client client("127.0.0.1", server.port());
  int code = 0;
  const std::string page = get(client, "/", &code);
  CHECK(code == 503);
  CHECK(page.find("The catalogue has errors") != std::string::npos);
  CHECK(page.find("schema.yaml") != std::string::npos);
  CHECK(page.find("/__passerelle/live.js") != std::string::npos);
  {
    std::lock_guard<std::mutex> lock(mutex);
    REQUIRE_FALSE(printed.empty());
    CHECK(printed.front().find("nothing to serve yet") != std::string::npos);
  }
  ws.write("schema.yaml", schema);
  CHECK(eventually([&] { return get(client, "/", &code).find("Fixture catalogue") != std::string::npos; }));
  CHECK(code == 200);
}

TEST_CASE("the file watcher reports files in new folders and leaves editors' files out", "[serve]") {
  TempDir dir;
  fs::create_directories(dir.path() / "content/dps");
  serve::FileWatcher watcher({(dir.path() / "content").string()});
  REQUIRE(watcher.error() == "");
  CHECK(watcher.wait(0ms).empty());
  std::ofstream(dir.path() / "content/dps/.espere.md.swp") << "x";
  std::ofstream(dir.path() / "content/dps/espere.md~") << "x";
  std::ofstream(dir.path() / "content/dps/espere.md") << "x";
  const std::string content = (dir.path() / "content").string();
  CHECK(watcher.wait(2s) == std::vector<std::string>{content + "/dps/espere.md"});
  fs::create_directories(dir.path() / "content/networks/deep");
  std::ofstream(dir.path() / "content/networks/deep/a.md") << "x";
  std::vector<std::string> changed;
  CHECK(eventually([&] {
    for (const auto& path : watcher.wait(50ms)) changed.push_back(path);
    return std::find(changed.begin(), changed.end(), content + "/networks/deep/a.md") != changed.end();
  }));
  CHECK(std::find(changed.begin(), changed.end(), content + "/networks") != changed.end());
  // A file in the new folder, written after it was watched.
  std::ofstream(dir.path() / "content/networks/deep/b.md") << "x";
  CHECK(watcher.wait(2s) == std::vector<std::string>{content + "/networks/deep/b.md"});
  fs::remove(dir.path() / "content/dps/espere.md");
  CHECK(watcher.wait(2s) == std::vector<std::string>{content + "/dps/espere.md"});
}

namespace {

// The passerelle binary as a child process, its output in files.
class Child {
 public:
  Child(const std::vector<std::string>& args, const fs::path& dir)
      : out_(dir / "stdout.txt"), err_(dir / "stderr.txt") {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(binary.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~Child() {
    if (pid_ > 0 && !status_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  std::string out() const { return read_file(out_); }
  std::string err() const { return read_file(err_); }
  void signal(int number) const { ::kill(pid_, number); }
  // The exit status, once the child has exited.
  std::optional<int> exited() {
    int status = 0;
    if (!status_ && pid_ > 0 && ::waitpid(pid_, &status, WNOHANG) == pid_)
      status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return status_;
  }

 private:
  fs::path out_, err_;
  pid_t pid_ = -1;
  std::optional<int> status_;
};

}  // namespace

TEST_CASE("passerelle serve --port 0 prints its URL, serves, and stops on SIGTERM", "[serve][e2e]") {
  Workspace ws;
  const Inputs in = ws.inputs();
  Child server(
      {"serve", "--port", "0", "--content", in.content, "--templates", in.templates, "--theme", in.theme},
      ws.dir.path());
  std::smatch url;
  const std::regex serving(R"(Serving http://127\.0\.0\.1:(\d+)/ \(Ctrl-C to stop\))");
  std::string out;
  REQUIRE(eventually([&] {
    out = server.out();
    return std::regex_search(out, url, serving) || server.exited();
  }));
  INFO(out << server.err());
  REQUIRE(std::regex_search(out, url, serving));
  const int port = std::stoi(url[1]);
  httplib::Client client("127.0.0.1", port);
  CHECK(get(client, "/dps/espere.html").find("ESPERE") != std::string::npos);
  ws.write("organisations/adecco.md", "---\ntitle: Adecco France\n---\nRenamed.\n");
  CHECK(eventually([&] { return get(client, "/dps/espere.html").find("Adecco France") != std::string::npos; }));
  CHECK(eventually([&] { return server.err().find("updated ") != std::string::npos; }));

  // The same port again: refused, with a hint, exit status 2.
  TempDir other;
  Child second({"serve", "--port", std::to_string(port), "--content", in.content}, other.path());
  REQUIRE(eventually([&] { return second.exited().has_value(); }));
  CHECK(*second.exited() == 2);
  CHECK(second.err() == "error: cannot listen on 127.0.0.1:" + std::to_string(port) +
                            ": the port is in use or not allowed\n"
                            "  hint: pass --port N for another port, or --port 0 for any free one\n");

  server.signal(SIGTERM);
  REQUIRE(eventually([&] { return server.exited().has_value(); }));
  CHECK(*server.exited() == 0);
  CHECK_FALSE(client.Get("/"));
}
