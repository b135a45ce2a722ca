#include "fuzz_targets.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include "catalogue/catalogue_config.h"
#include "catalogue/schema.h"
#include "catalogue/vocabulary.h"
#include "content/source_file.h"
#include "fs/file_system.h"
#include "markdown/markdown.h"
#include "search/inverted_index.h"
#include "search/term_analyser.h"
#include "validation/record_loader.h"

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

std::string bytes(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// The base fixture with the file at `path` (relative to content/) replaced by the input.
MemoryFileSystem base_with(const std::string& path, const uint8_t* data, size_t size) {
  MemoryFileSystem fs = base();
  fs.add("content/" + path, bytes(data, size));
  return fs;
}

// Loads, validates and renders every record of `fs`, then formats every
// diagnostic, as `check` would.
void load_and_render(const FileSystem& fs) {
  Diagnostics diagnostics;
  Schema schema = load_schema(fs, "content", diagnostics);
  Vocabularies vocabularies = load_vocabularies(fs, "content", schema.taxonomies, diagnostics);
  std::vector<Record> records = load_records(fs, "content", schema, vocabularies, diagnostics);
  std::set<std::string> keys;
  for (const auto& r : records) keys.insert(r.key());
  for (const auto& r : records) render_markdown(r, keys, diagnostics);
  for (const auto& d : diagnostics.items()) (void)format(d);
}

}  // namespace

void record_loader(const uint8_t* data, size_t size) {
  load_and_render(base_with("dps/fuzzed.md", data, size));
}

void search_tokenizer(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static thread_local search::TermAnalyser analyser;
  for (const char* language : {"en", "fr", "pt", ""}) analyser.analyse(text, language);
}

void vocabulary_loader(const uint8_t* data, size_t size) {
  const MemoryFileSystem fs = base_with("vocabularies/themes.yaml", data, size);
  Diagnostics diagnostics;
  for (const auto& [id, vocabulary] : load_vocabularies(fs, "content", default_taxonomies(), diagnostics))
    for (const auto& term : vocabulary.terms) (void)term.label("fr");
  for (const auto& d : diagnostics.items()) (void)format(d);
  load_and_render(fs);
}

void schema_loader(const uint8_t* data, size_t size) {
  const MemoryFileSystem fs = base_with("schema.yaml", data, size);
  Diagnostics diagnostics;
  const Schema schema = load_schema(fs, "content", diagnostics);
  for (const auto& c : schema.collections)
    for (const auto& name : schema.field_names(c)) (void)schema.field(c, name);
  for (const auto& d : diagnostics.items()) (void)format(d);
  load_and_render(fs);
}

void catalogue_config_loader(const uint8_t* data, size_t size) {
  const MemoryFileSystem fs = base_with("catalogue.yaml", data, size);
  Diagnostics diagnostics;
  (void)load_catalogue_config(fs, "content", diagnostics);
  for (const auto& d : diagnostics.items()) (void)format(d);
}

void markdown_links(const uint8_t* data, size_t size) {
  static const std::set<std::string> keys = [] {
    Diagnostics diagnostics;
    const Schema schema = load_schema(base(), "content", diagnostics);
    const Vocabularies vocabularies = load_vocabularies(base(), "content", schema.taxonomies, diagnostics);
    std::set<std::string> out;
    for (const auto& r : load_records(base(), "content", schema, vocabularies, diagnostics))
      out.insert(r.key());
    return out;
  }();
  Record record;
  record.collection = "dps";
  record.id = "fuzzed";
  record.source = std::make_shared<const SourceFile>("content/dps/fuzzed.md", bytes(data, size));
  record.body = record.source->text();
  Diagnostics diagnostics;
  std::string text;
  (void)render_markdown(record, keys, diagnostics, &text);
  for (const auto& d : diagnostics.items()) (void)format(d);
}

void search_analyses(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (bytes.size() < 2) return;
  const size_t table = std::min(bytes.size() - 2, size_t{data[0]} | size_t{data[1]} << 8);
  std::vector<std::string> documents;
  for (size_t at = 2 + table; at < bytes.size();) {
    const size_t length = std::min(bytes.size() - at - 1, size_t{data[at]});
    documents.emplace_back(bytes.substr(at + 1, length));
    at += 1 + length;
  }
  std::optional<search::AnalysedDocuments> analysed =
      search::AnalysedDocuments::restored(bytes.substr(2, table), std::move(documents));
  if (!analysed) return;
  if (analysed->size() > 0) {
    search::SearchDocument edit;
    edit.language = "en";
    edit.parts.push_back({search::Field::title, "Mediation against hiring discrimination", {}});
    edit.codes.push_back("PT");
    analysed->replace(0, edit);
  }
  (void)analysed->index();
  (void)analysed->take_saved();
}

}  // namespace passerelle::fuzz
