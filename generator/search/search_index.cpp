#include "search/search_index.h"

#include <chrono>
#include <cstdio>
#include "search/facets.h"
#include "search/inverted_index.h"
#include "search/search_document.h"
#include "search/shard_writer.h"

namespace passerelle {

SearchIndexStats build_search_index(const SiteModel& site, SiteFiles& out) {
  auto t0 = std::chrono::steady_clock::now();
  auto lap = [&](const char* what) { auto t = std::chrono::steady_clock::now(); std::fprintf(stderr, "%s %.0f ms\n", what, std::chrono::duration<double, std::milli>(t - t0).count()); t0 = t; };
  const std::vector<search::SearchDocument> documents = search::make_search_documents(site);
  lap("documents");
  const search::InvertedIndex index = search::build_inverted_index(documents);
  lap("index");
  auto facets = search::build_facets(site);
  lap("facets");
  const search::WrittenIndex written =
      search::write_index_files(site, documents, index, facets, out);
  lap("write");
  return {written.files, written.bytes};
}

}  // namespace passerelle
