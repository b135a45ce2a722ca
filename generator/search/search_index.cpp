#include "search/search_index.h"

#include <atomic>
#include <charconv>
#include <optional>
#include <utility>

#include "search/facets.h"
#include "search/inverted_index.h"
#include "search/search_document.h"
#include "search/shard_writer.h"
#include "util/parallel.h"

namespace passerelle {

namespace {

// `saved` taken apart: each saved record's entry into `entries`, and the
// analyses, those not saved left to analyse; `key`, what the entries were
// made under (RecordEntries::key()).
std::optional<search::AnalysedDocuments> restored(SavedSearch& saved, std::string& key,
                                                  std::vector<std::string>& entries) {
  const std::string_view terms = saved.terms;
  const size_t line = terms.find('\n');
  size_t key_size = 0;
  if (saved.records.size() != entries.size() || line == std::string_view::npos ||
      std::from_chars(terms.data(), terms.data() + line, key_size).ptr != terms.data() + line ||
      key_size > terms.size() - line - 1)
    return std::nullopt;
  key = terms.substr(line + 1, key_size);
  std::atomic<bool> sound{true};
  parallel_each(entries.size(), [&](size_t i) {
    std::string& record = saved.records[i];
    if (record.empty()) return;
    const size_t end = record.find('\n');
    if (end == std::string::npos || end + 1 == record.size()) {
      sound = false;
      return;
    }
    entries[i] = record.substr(0, end);
    record = record.substr(end + 1);  // its analysis, in a string of its size
  });
  if (!sound) return std::nullopt;
  return search::AnalysedDocuments::restored(terms.substr(std::min(terms.size(), line + 1 + key_size)),
                                             std::move(saved.records));
}

}  // namespace

SearchIndexStats write_search_index(const SiteModel& site,
                                    const std::function<search::SearchDocument(size_t)>& document_of,
                                    SiteFiles& out) {
  return write_search_index(site, document_of, nullptr,
                            [&](const std::string& path, std::string bytes) { out[path] = std::move(bytes); });
}

SearchIndexStats write_search_index(
    const SiteModel& site, const std::function<search::SearchDocument(size_t)>& document_of, SavedSearch* saved,
    const std::function<void(const std::string& path, std::string bytes)>& emit) {
  const size_t count = site.records.size();
  std::vector<std::string> entries(count);
  std::optional<search::AnalysedDocuments> analysed;
  std::string saved_key;
  if (saved) {
    analysed = restored(*saved, saved_key, entries);
    saved->terms = {};
    saved->records = {};
    if (saved->before_facets) saved->before_facets();
  }
  const std::vector<search::Facet> facets = search::build_facets(site);
  const search::RecordEntries cards(site, facets);
  const std::string key = cards.key();
  if (analysed && saved_key != key) {  // the entries would differ: every record is analysed
    analysed.reset();
    entries.assign(count, {});
  }
  std::vector<size_t> left;  // the records to analyse
  for (size_t i = 0; analysed && i < count; ++i)
    if (entries[i].empty()) left.push_back(i);
  size_t from_cache = 0;
  if (analysed && left.size() <= std::max<size_t>(64, count / 8)) {
    from_cache = count - left.size();
    for (size_t i : left) {
      const search::SearchDocument document = document_of(i);
      entries[i] = cards.entry(site.records[i], document);
      analysed->replace(i, document);
    }
  } else {
    analysed.emplace(count, [&](size_t i) {
      search::SearchDocument document = document_of(i);
      entries[i] = cards.entry(site.records[i], document);
      return document;
    });
  }
  if (saved && saved->before_index) saved->before_index();
  search::InvertedIndex inverted = analysed->index();
  const search::WrittenIndex written = search::write_index_files(site, entries, inverted, facets, emit);
  if (!saved) return {written.files, written.bytes, from_cache};
  inverted = {};
  search::AnalysedDocuments::Saved analyses = analysed->take_saved();
  saved->terms = std::to_string(key.size()) + "\n" + key + analyses.terms;
  saved->records.resize(count);
  saved->kept = std::move(analyses.kept);  // restored under the same key, its entries restored too
  parallel_each(count, [&](size_t i) {
    if (saved->kept[i]) return;
    saved->records[i] = std::move(entries[i]);
    saved->records[i] += '\n';
    saved->records[i] += analyses.documents[i];
    analyses.documents[i] = {};
  });
  return {written.files, written.bytes, from_cache};
}

SearchIndexStats write_search_index(const SiteModel& site, const search::AnalysedDocuments& analysed,
                                    const std::vector<search::SearchDocument>& documents, SiteFiles& out) {
  const std::vector<search::Facet> facets = search::build_facets(site);
  const search::WrittenIndex written =
      search::write_index_files(site, documents, analysed.index(), facets, out);
  return {written.files, written.bytes};
}

SearchIndexStats build_search_index(const SiteModel& site, std::vector<std::string> body_texts,
                                    SiteFiles& out) {
  return write_search_index(
      site,
      [&](size_t i) {
        return search::make_search_document(site.records[i], site, std::exchange(body_texts[i], {}));
      },
      out);
}

}  // namespace passerelle
