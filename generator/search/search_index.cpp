#include "search/search_index.h"

#include <utility>

#include "search/facets.h"
#include "search/inverted_index.h"
#include "search/search_document.h"
#include "search/shard_writer.h"

namespace passerelle {

SearchIndexStats write_search_index(const SiteModel& site,
                                    const std::function<search::SearchDocument(size_t)>& document_of,
                                    SiteFiles& out) {
  const std::vector<search::Facet> facets = search::build_facets(site);
  const search::RecordEntries cards(site, facets);
  std::vector<std::string> entries(site.records.size());
  // Each record's search document lives only while it is analysed: what
  // stays is its index terms and its entry in the results.
  const search::InvertedIndex index = search::build_inverted_index(site.records.size(), [&](size_t i) {
    search::SearchDocument document = document_of(i);
    entries[i] = cards.entry(site.records[i], document);
    return document;
  });
  const search::WrittenIndex written = search::write_index_files(site, std::move(entries), index, facets, out);
  return {written.files, written.bytes};
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
