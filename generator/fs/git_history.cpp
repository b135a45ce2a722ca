#include "fs/git_history.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <ctime>
#include <optional>
#include <vector>

extern char** environ;

namespace passerelle {

namespace {

bool is_commit_line(std::string_view token) {
  return token.size() > 1 && token[0] == '@' && std::all_of(token.begin() + 1, token.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c));
         });
}

// Runs `args` (args[0] looked up on PATH) and returns what it printed on its
// standard output, or nothing when it could not start or did not exit with 0.
std::optional<std::string> output_of(std::vector<std::string> args) {
  int out[2];
  if (pipe(out) != 0) return std::nullopt;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addclose(&actions, out[1]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int started = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  std::string text;
  if (started == 0) {
    char buffer[1 << 16];
    for (ssize_t n; (n = read(out[0], buffer, sizeof buffer)) != 0;) {
      if (n < 0) {
        if (errno == EINTR) continue;
        break;
      }
      text.append(buffer, static_cast<size_t>(n));
    }
  }
  close(out[0]);
  if (started != 0) return std::nullopt;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return text;
}

}  // namespace

ChangeDates parse_git_log(std::string_view output) {
  // A commit is "@<seconds>\0", then "\n" and the names of the files it
  // changed, each ended by "\0" (a merge names none).
  ChangeDates dates;
  long long commit = -1;
  while (!output.empty()) {
    const size_t end = std::min(output.find('\0'), output.size());
    std::string_view token = output.substr(0, end);
    output.remove_prefix(std::min(end + 1, output.size()));
    if (is_commit_line(token)) {
      commit = std::stoll(std::string(token.substr(1)));
      continue;
    }
    if (!token.empty() && token[0] == '\n') token.remove_prefix(1);
    if (token.empty() || commit < 0) continue;
    auto [it, inserted] = dates.emplace(std::string(token), commit);
    if (!inserted) it->second = std::max(it->second, commit);
  }
  return dates;
}

ChangeDates read_change_dates(const std::string& dir) {
  auto output = output_of({"git", "-C", dir.empty() ? "." : dir, "-c", "log.showSignature=false", "log",
                           "--format=@%ct", "--name-only", "-z", "--relative", "--no-renames", "--", "."});
  return output ? parse_git_log(*output) : ChangeDates{};
}

std::string head_commit(const std::string& dir) {
  auto output = output_of({"git", "-C", dir.empty() ? "." : dir, "rev-parse", "--verify", "-q", "HEAD"});
  if (!output) return {};
  while (!output->empty() && (output->back() == '\n' || output->back() == '\r')) output->pop_back();
  return *output;
}

std::string utc_timestamp(long long seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace passerelle
