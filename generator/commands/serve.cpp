#include <pthread.h>
#include <signal.h>

#include <cstdio>

#include "commands/commands.h"
#include "serve/dev_server.h"

namespace passerelle {

int run_serve(const CommonOptions& options, const std::string& host, int port) {
  // Ctrl-C and SIGTERM are taken by sigwait() below, so every thread the
  // server starts must have them blocked.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  Progress progress = make_progress(options);
  serve::ServeOptions settings;
  settings.host = host;
  settings.port = port;
  settings.quiet = options.verbosity == Verbosity::quiet;
  settings.verbose = options.verbosity == Verbosity::verbose;
  settings.print = [](const std::string& message) {
    std::fputs((message.empty() || message.back() == '\n' ? message : message + "\n").c_str(), stderr);
  };
  serve::DevServer server(options.inputs, settings);
  if (auto problem = server.start(progress)) {
    usage_error(*problem, port == 0 ? "" : "pass --port N for another port, or --port 0 for any free one");
    return exit_usage;
  }
  std::printf("Serving %s (Ctrl-C to stop)\n", server.url().c_str());
  std::fflush(stdout);
  if (host != "127.0.0.1" && host != "localhost" && host != "::1")
    std::fprintf(stderr, "warning: listening on %s: other machines can read this preview\n", host.c_str());
  if (!settings.quiet)
    std::fprintf(stderr, "watching %s, %s and %s; open pages reload when a file changes\n",
                 options.inputs.content.c_str(), options.inputs.templates.c_str(),
                 options.inputs.theme.c_str());

  int received = 0;
  sigwait(&stop_signals, &received);
  server.stop();
  if (!settings.quiet) std::fprintf(stderr, "stopped\n");
  return exit_ok;
}

}  // namespace passerelle
