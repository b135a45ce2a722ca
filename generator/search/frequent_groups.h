// Frequent stem groups: the answers a one-word query would compute, made at
// build time for the groups most queries touch.
//
// Each chosen group keeps its best records (highest impact, then catalogue
// order; the collections' search ranks, which the browser's order also
// weighs, are left out: these only pick the records whose cards travel with
// the group, and first_pages() below gives the order shown) and its facet
// counts (for each facet value, how many of its records have it). The
// browser shows a one-word query's first pages from the first and its facet
// counts from the second, without loading the record files, whose records
// lie all over a large catalogue, or the facet lists, which weigh hundreds of
// kilobytes at 100,000 records. Groups are taken most frequent first while
// their best records fit a byte budget. Where these travel is the shard
// writer's business (search/shard_writer.h).
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "search/facets.h"
#include "search/inverted_index.h"

namespace passerelle::search {

struct FrequentGroup {
  std::vector<uint32_t> best;                 // records, best first
  std::vector<std::vector<uint32_t>> counts;  // [facet][value]
};

struct FrequentLimits {
  size_t min_records = 10;    // rarer groups are not worth it
  size_t best_records = 100;  // ten pages of results
  size_t first_page = 10;     // results a one-word query shows first (theme/search.js's PAGE)
};

// `record_bytes[doc]` is what carrying a record costs; the best records of
// the chosen groups cost at most `budget` bytes in all. Keyed by index group.
std::map<uint32_t, FrequentGroup> frequent_groups(const InvertedIndex& index, const std::vector<Facet>& facets,
                                                  const std::vector<size_t>& record_bytes, size_t budget,
                                                  const FrequentLimits& limits = {});

// A one-word query may bring several groups: a word in groups of several
// stems (its stem in each language), a word being typed with its completions
// (search/query_matcher.h). For each word of a frequent group, the set of
// groups the word brings, finished and being typed, where more than one,
// with the facet counts of the records holding any of them ([facet][value],
// as FrequentGroup's): the browser shows these queries' counts from them too.
// Keyed by the set's groups, ascending.
std::map<std::vector<uint32_t>, std::vector<std::vector<uint32_t>>> word_group_counts(
    const InvertedIndex& index, const std::vector<Facet>& facets, const std::map<uint32_t, FrequentGroup>& frequent);

// The first results of a one-word query, exactly as the browser ranks them
// (search/query_matcher.h), and how many records match it in all.
struct FirstPage {
  size_t count = 0;
  std::vector<uint32_t> docs;  // best first
};

// For the one-word queries whose facet counts the two functions above give
// (a frequent group alone, or a set of groups word_group_counts() keys),
// their first `records` results: the browser then shows a fresh page's first
// query before loading, decoding and matching its postings (hundreds of
// thousands of entries at 100,000 records), which it does when asked for more.
// Keyed by each group's weight in the query (the same set of groups may come
// with other weights: a word typed or finished). `ranks[d]`: record d's
// collection's search rank.
std::map<std::map<uint32_t, double>, FirstPage> first_pages(const InvertedIndex& index,
                                                            const std::map<uint32_t, FrequentGroup>& frequent,
                                                            const std::vector<unsigned>& ranks, size_t records);

}  // namespace passerelle::search
