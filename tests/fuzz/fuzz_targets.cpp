#include "fuzz_targets.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "catalogue/schema.h"
#include "catalogue/vocabulary.h"
#include "content/record_loader.h"
#include "fs/file_system.h"
#include "markdown/markdown.h"
#include "search/term_analyser.h"

namespace passerelle::fuzz {

namespace {

// The base fixture, read once.
const MemoryFileSystem& base() {
  static const MemoryFileSystem files = [] {
    MemoryFileSystem fs;
    const std::filesystem::path root = PASSERELLE_SOURCE_DIR "/tests/fixtures/base";
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      fs.add("content/" + std::filesystem::relative(entry.path(), root).generic_string(), text.str());
    }
    return fs;
  }();
  return files;
}

}  // namespace

void record_loader(const uint8_t* data, size_t size) {
  MemoryFileSystem fs = base();
  fs.add("content/dps/fuzzed.md", std::string(reinterpret_cast<const char*>(data), size));
  Diagnostics diagnostics;
  Schema schema = load_schema(fs, "content", diagnostics);
  Vocabularies vocabularies = load_vocabularies(fs, "content", diagnostics);
  std::vector<Record> records = load_records(fs, "content", schema, vocabularies, diagnostics);
  std::set<std::string> keys;
  for (const auto& r : records) keys.insert(r.key());
  for (const auto& r : records) render_markdown(r, keys, diagnostics);
  for (const auto& d : diagnostics.items()) (void)format(d);
}

void search_tokenizer(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static thread_local search::TermAnalyser analyser;
  for (const char* language : {"en", "fr", "pt", ""}) analyser.analyse(text, language);
}

}  // namespace passerelle::fuzz
