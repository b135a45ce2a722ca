// The index as script files under search/, the only form a page opened from
// disk (file://) can load: no fetch, no modules, but <script src> works.
//
// Each file is one call, PasserelleSearch.add("<name>", {...}), and a query
// loads only the files it needs:
//   meta.js       record count, match rules, stop words, facet values with
//                 their counts, and where the other files start
//   t-<key>.js    dictionary: the folded words starting with <key> (one or
//                 two letters, two where one letter would make a large file),
//                 each with its groups and their document frequencies
//   r-<key>.js    tail index: the words of five letters or more by all but
//                 their first letter (<key> starts the tail), so that a typo
//                 in the first letter is forgiven too
//   n-<h>.js      dictionary of numbers, by number_hash() modulo their count
//                 (both kinds of dictionary file also carry the postings of
//                 the groups of one or two records their words belong to,
//                 "lists": a rare word costs one file; the files number these
//                 groups from meta.inlineFrom on)
//   p-<n>.js      postings of consecutive groups (search/postings_codec.h);
//                 a large list gets a file of its own. In large catalogues,
//                 the most frequent groups also bring their best records,
//                 as results show them ("cards"), and their facet counts,
//                 and so do the sets of groups a one-word query on one of
//                 their words brings (a word of several stems, a word being
//                 typed and its completions: search/frequent_groups.h) in
//                 the file of the set's first group: "counts" maps the
//                 groups' numbers, ascending and joined by commas, to
//                 [facet][value] counts. So a one-word query needs neither
//                 record files, whose records lie all over the catalogue,
//                 nor facet lists. Its first results, as the browser ranks
//                 them, come with its words: the dictionary file of a word
//                 of a frequent group has "pages", keyed by the groups'
//                 numbers and weights ("number:kind", kind 0 exact, 1
//                 completion, 2 typo; ascending by number, joined by
//                 commas): [count, records…], the records as "cards". The
//                 first page shows before its postings load
//   d-<n>.js      consecutive records as results show them: collection,
//                 id, title, text for the excerpt, countries
//   f-<facet>.js  one per facet: each value's records, for filters and the
//                 counts of other queries (hundreds of kilobytes in all at
//                 100,000 records: loaded only then)
// File sizes are bounded so that the count stays in the hundreds at 100,000
// records; the excerpt text kept per record shrinks as the catalogue grows for
// the same reason. Output is a pure function of the input.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/site_model.h"
#include "search/facets.h"
#include "search/frequent_groups.h"
#include "search/inverted_index.h"
#include "search/search_document.h"

namespace passerelle::search {

struct ShardLimits {
  size_t dictionary_bytes = 24 * 1024;  // above this a letter's words split by two letters
  size_t number_bytes = 48 * 1024;      // numbers' dictionary files
  size_t inline_max_records = 2;        // postings this short travel with their words
  size_t postings_bytes = 32 * 1024;
  size_t record_bytes = 24 * 1024;  // at least; raised to keep max_record_files
  size_t max_record_files = 400;
  // Frequent groups (search/frequent_groups.h) carry their best records and
  // facet counts when a record file holds at least this many records.
  size_t frequent_records_per_file = 32;
  FrequentLimits frequent;
};

struct WrittenIndex {
  size_t files = 0;
  size_t bytes = 0;
};

// The excerpt text kept for each record, in characters, for `records` records.
size_t excerpt_length(size_t records);

// FNV-1a of a number's digits: which n-<h>.js file holds it.
uint32_t number_hash(std::string_view word);

// Dictionary key of a folded word (its first code point, or two) as used in
// a file name: a-z and 0-9 as they are, other code points as _<hex>.
std::string file_key(std::string_view folded_prefix);

// Records as results show them, one JSON array each: [collection number,
// id, title, text for the excerpt, country numbers].
class RecordEntries {
 public:
  RecordEntries(const SiteModel& site, const std::vector<Facet>& facets);
  std::string entry(const Record& record, const SearchDocument& document) const;
  // What entries depend on beyond their record: while it is the same, an
  // entry made before is the one entry() would make.
  std::string key() const;
  // As much of `document` as entry() reads in a catalogue of `records`
  // records: its names and the start of its body text. For documents kept
  // only to make their entries again (the dev server's), which are then
  // a fraction of their size.
  static SearchDocument entry_source(SearchDocument document, size_t records);

 private:
  std::map<std::string, size_t> collection_number_, country_number_;
  std::optional<std::string> places_;  // the field of the taxonomy drawn on the map
  size_t excerpt_;
};

// `entries[i]` is record i's, from RecordEntries.
WrittenIndex write_index_files(const SiteModel& site, const std::vector<std::string>& entries,
                               const InvertedIndex& index, const std::vector<Facet>& facets, SiteFiles& out,
                               const ShardLimits& limits = {});

// Receives each file as soon as it is made, by its path in the site.
using FileEmitter = std::function<void(const std::string& path, std::string bytes)>;

// The same, each file handed to `emit` as soon as it is made, rather than
// all held until the index is written.
WrittenIndex write_index_files(const SiteModel& site, const std::vector<std::string>& entries,
                               const InvertedIndex& index, const std::vector<Facet>& facets,
                               const FileEmitter& emit, const ShardLimits& limits = {});

// The same, the entries made from `documents` (one per record).
WrittenIndex write_index_files(const SiteModel& site, const std::vector<SearchDocument>& documents,
                               const InvertedIndex& index, const std::vector<Facet>& facets, SiteFiles& out,
                               const ShardLimits& limits = {});

}  // namespace passerelle::search
