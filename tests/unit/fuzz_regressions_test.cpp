// Every input a fuzzer ever crashed on is kept under tests/fuzz/regressions/
// and replayed here in the ordinary build (and under the sanitizers by `make
// sanitize`), together with the seed corpus.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "../fuzz/fuzz_targets.h"
#include "test_support.h"

using namespace passerelle::testing;
namespace fs = std::filesystem;

namespace {

using Target = void (*)(const uint8_t*, size_t);

// Every fuzz target, by the name of its folders under tests/fuzz/corpus/ and
// tests/fuzz/regressions/ (the Makefile's FUZZ_TARGETS).
const std::map<std::string, Target>& targets() {
  static const std::map<std::string, Target> all = {
      {"record_loader", passerelle::fuzz::record_loader},
      {"search_tokenizer", passerelle::fuzz::search_tokenizer},
      {"vocabulary_loader", passerelle::fuzz::vocabulary_loader},
      {"schema_loader", passerelle::fuzz::schema_loader},
      {"catalogue_config_loader", passerelle::fuzz::catalogue_config_loader},
      {"markdown_links", passerelle::fuzz::markdown_links},
      {"search_analyses", passerelle::fuzz::search_analyses},
  };
  return all;
}

// The number of inputs replayed.
size_t replay(const std::string& kind, const std::string& target, Target run_input) {
  size_t inputs = 0;
  const fs::path dir = fs::path(source_dir) / "tests/fuzz" / kind / target;
  if (!fs::exists(dir)) return 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string bytes = read_file(entry.path());
    INFO(entry.path());
    run_input(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    ++inputs;
  }
  return inputs;
}

}  // namespace

TEST_CASE("every fuzz target's seed corpus and saved crashes still run without crashing", "[fuzz]") {
  for (const auto& [name, run_input] : targets()) {
    INFO(name);
    CHECK(replay("corpus", name, run_input) >= 1);
    replay("regressions", name, run_input);
  }
}

TEST_CASE("every folder of saved fuzzer inputs belongs to a fuzz target that is replayed", "[fuzz]") {
  for (const char* kind : {"corpus", "regressions"}) {
    const fs::path dir = fs::path(source_dir) / "tests/fuzz" / kind;
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      INFO(entry.path());
      CHECK(targets().count(entry.path().filename().string()) == 1);
    }
  }
}

namespace {

// The words of the line of `text` that starts with `start`, after it.
std::set<std::string> words_after(const std::string& text, const std::string& start) {
  const size_t at = text.find(start);
  if (at == std::string::npos) return {};
  std::istringstream line(text.substr(at + start.size(), text.find_first_of(")\n", at) - at - start.size()));
  std::set<std::string> words;
  for (std::string word; line >> word;) words.insert(word);
  return words;
}

}  // namespace

TEST_CASE("every fuzz target is built and run by make fuzz", "[fuzz]") {
  std::set<std::string> names;
  for (const auto& [name, run_input] : targets()) names.insert(name);
  CHECK(words_after(read_file(fs::path(source_dir) / "Makefile"), "FUZZ_TARGETS := ") == names);
  CHECK(words_after(read_file(fs::path(source_dir) / "CMakeLists.txt"), "foreach(target ") == names);
  for (const auto& name : names) {
    INFO(name);
    CHECK(fs::exists(fs::path(source_dir) / "tests/fuzz" / ("fuzz_" + name + ".cpp")));
  }
}
