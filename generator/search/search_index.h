// Site search: the index `passerelle build` writes for theme/search.js.
//
// The design, stage by stage. Every record becomes weighted text
// (search/search_document.h; its Markdown read as plain text from the syntax
// tree its page is rendered from: markdown/markdown.h). Its words are folded
// (case, accents: search/text_folding.h) and stemmed in the record's language
// with Snowball (search/stemming.h); words sharing a stem form a stem group
// (search/term_analyser.h). Records are analysed on every core, each one's
// text freed once analysed; what stays of each is its terms and its entry in
// the results; the dev server keeps each record's analysis instead, so that
// after an edit it analyses that record alone (search/inverted_index.h:
// AnalysedDocuments). The inverted index keeps, per group, the records that
// hold it with a quantised BM25F impact, and per folded word the groups it
// belongs to (search/inverted_index.h). The browser therefore needs no
// stemmer: it folds the query the same way and looks words up in the
// dictionary, exactly, by prefix while typing, or one typo away, and the
// dictionary hands it the stem groups (rules: search/query_matcher.h). The
// index reaches the browser as script files that call a global function,
// the one way to load data from file:// under a `script-src 'self'` policy,
// sharded so that a query loads only the dictionary file of its words'
// first letters (and, for a typo in a first letter, a tail index), their
// postings and the records it shows; the most frequent
// groups carry their best records and their facet counts, and the sets of
// groups their words bring carry theirs, so that a one-word query in a large
// catalogue needs nothing else; its first page of results comes with its
// words, shown before its postings load (search/shard_writer.h,
// search/frequent_groups.h). Facets are lists of records per value
// (search/facets.h), counted in the browser. This function adds files; it
// reads none and writes nothing to disk.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "model/site_model.h"
#include "search/search_document.h"

namespace passerelle {

struct SearchIndexStats {
  size_t files = 0;
  size_t bytes = 0;
  size_t from_cache = 0;  // records whose analysis the last build kept
};

// The index of every record: `document(i)` gives record i's search
// document, on the thread that analyses it, and the document is dropped
// once analysed. For a language's pass, which keeps nothing for the next
// build: the next function without `saved`.
SearchIndexStats write_search_index(const SiteModel& site,
                                    const std::function<search::SearchDocument(size_t)>& document,
                                    SiteFiles& out);

// What a build's search index keeps for the next build (the build cache,
// pipeline/build_cache.h), so that after edits only the edited records are
// analysed again.
struct SavedSearch {
  // The size of the key the entries were made under, a line end, the key
  // (search::RecordEntries::key(): excerpt length, collections, places),
  // then the term table the analyses are numbered by.
  std::string terms;
  // records[i]: record i's entry in the results, a line end, and its
  // analysis (search::AnalysedDocuments::Saved); empty where there is none.
  std::vector<std::string> records;
  // After the index is made, kept[i] says that record i's entry and
  // analysis are the very bytes records[i] held before: records[i] is then
  // left empty, for the build cache to copy them from where it read them.
  std::vector<bool> kept;
  // Called once the saved analyses are restored, before the facets are made
  // (search::build_facets()), which read the catalogue index: where a build
  // restores them while the catalogue index is being built.
  std::function<void()> before_facets;
  // Called once the records are analysed or restored, before the index is
  // made of them: where a build waits for work whose memory would
  // otherwise add up with the index's (the feeds).
  std::function<void()> before_index;
};

// The one way a build makes the index: as above, but each record `saved`
// holds is taken from there, not analysed again, when it was saved under
// the same terms; `saved` then holds this build's, for the next. Without
// `saved`, every record is analysed and nothing is kept. The records left are analysed on
// this thread; where they are more than 64 and an eighth of the catalogue,
// every record is analysed, on every core. Each file is handed to `emit` as
// soon as it is made.
SearchIndexStats write_search_index(
    const SiteModel& site, const std::function<search::SearchDocument(size_t)>& document, SavedSearch* saved,
    const std::function<void(const std::string& path, std::string bytes)>& emit);

namespace search {
class AnalysedDocuments;
}

// The dev server's: `analysed` holds the analyses of `documents` (record i's
// search document is documents[i]), kept between edits, so that nothing is
// analysed again.
SearchIndexStats write_search_index(const SiteModel& site, const search::AnalysedDocuments& analysed,
                                    const std::vector<search::SearchDocument>& documents, SiteFiles& out);

// A build's: the documents are made from the records and `body_texts[i]`,
// record i's body as plain text (render_bodies() gives them), each text freed
// once its record is analysed, so that a large catalogue's text is never all
// held at once.
SearchIndexStats build_search_index(const SiteModel& site, std::vector<std::string> body_texts, SiteFiles& out);

}  // namespace passerelle
