#include "search/search_index.h"

#include "search/facets.h"
#include "search/inverted_index.h"
#include "search/search_document.h"
#include "search/shard_writer.h"

namespace passerelle {

SearchIndexStats build_search_index(const SiteModel& site, SiteFiles& out) {
  const std::vector<search::SearchDocument> documents = search::make_search_documents(site);
  const search::InvertedIndex index = search::build_inverted_index(documents);
  const search::WrittenIndex written =
      search::write_index_files(site, documents, index, search::build_facets(site), out);
  return {written.files, written.bytes};
}

}  // namespace passerelle
