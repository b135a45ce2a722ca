// The search index's files, as theme/search.js reads them (the format is
// described in shard_writer.h). Just over 500 lines: the dictionary,
// postings, record and facet files are written together because their
// numbering (groups, records, files) is shared and must agree byte for byte
// with the reader; splitting them would pass that numbering between files.
#include "search/shard_writer.h"

#include <algorithm>
#include <cstdio>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <tuple>

#include "search/frequent_groups.h"
#include "search/postings_codec.h"
#include "search/query_matcher.h"
#include "search/stemming.h"
#include "search/text_folding.h"
#include "util/parallel.h"

namespace passerelle::search {

using nlohmann::json;

namespace {

std::string dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

// Thread-safe: the kinds of files are written on several cores at once.
class Files {
 public:
  explicit Files(const FileEmitter& emit) : emit_(emit) {}
  void add(const std::string& name, const json& data) { add_text(name, dump(data)); }
  // `data` is already JSON.
  void add_text(const std::string& name, const std::string& data) {
    std::string text = "PasserelleSearch.add(\"" + name + "\"," + data + ");\n";
    const std::lock_guard<std::mutex> lock(mutex_);
    written_.bytes += text.size();
    ++written_.files;
    emit_("search/" + name + ".js", std::move(text));
  }
  const WrittenIndex& written() const { return written_; }

 private:
  const FileEmitter& emit_;
  std::mutex mutex_;
  WrittenIndex written_;
};

// Runs of JSON values, each already serialised, cut into files of about
// `limit` bytes: {"first": <number of the run's first value>, "<key>": [...]}.
class Batches {
 public:
  Batches(Files& files, std::string prefix, std::string key, size_t limit)
      : files_(files), prefix_(std::move(prefix)), key_(std::move(key)), limit_(limit) {}
  void add(const std::string& value) {
    if (!items_.empty() && items_.size() + value.size() > limit_) flush();
    items_ += items_.empty() ? "[" : ",";
    items_ += value;
    ++count_;
  }
  // The first value of each file.
  json finish() {
    flush();
    return starts_;
  }

 private:
  void flush() {
    if (items_.empty()) return;
    files_.add_text(prefix_ + std::to_string(starts_.size()),
                    "{\"first\":" + std::to_string(first_) + ",\"" + key_ + "\":" + items_ + "]}");
    starts_.push_back(first_);
    first_ = count_;
    items_.clear();
  }
  Files& files_;
  std::string prefix_, key_;
  size_t limit_;
  std::string items_;
  size_t count_ = 0, first_ = 0;
  json starts_ = json::array();
};

size_t utf8_length(char lead) {
  const auto byte = static_cast<unsigned char>(lead);
  return byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
}

// The first `count` code points of a word.
std::string prefix_of(const std::string& word, size_t count) {
  size_t end = 0;
  for (size_t i = 0; i < count && end < word.size(); ++i) end += utf8_length(word[end]);
  return word.substr(0, std::min(end, word.size()));
}

// At most `limit` code points of `text`, cut at a space, with "…" when cut.
std::string clip(const std::string& text, size_t limit) {
  size_t end = 0, points = 0;
  while (end < text.size() && points < limit) {
    end += utf8_length(text[end]);
    ++points;
  }
  if (end >= text.size()) return text;
  const size_t space = text.rfind(' ', end);
  if (space != std::string::npos && space > end / 2) end = space;
  return text.substr(0, end) + "\u2026";
}

// How the files number groups: groups of more than `inline_max_records`
// records first, in the index's order (by stem, so that a prefix's groups
// share postings files), then the rare ones, whose postings travel in the
// dictionary with their words: a rare word costs one file, not two, and
// 100,000 record codes do not fill hundreds of postings files.
struct Numbering {
  std::vector<uint32_t> number;  // by index group
  std::vector<uint32_t> group;   // by number
  uint32_t inline_from = 0;
};

Numbering number_groups(const InvertedIndex& index, const ShardLimits& limits) {
  Numbering out;
  out.number.resize(index.groups.size());
  for (int rare = 0; rare < 2; ++rare)
    for (uint32_t g = 0; g < index.groups.size(); ++g)
      if ((index.groups[g].postings.size() <= limits.inline_max_records) == (rare == 1)) {
        out.number[g] = static_cast<uint32_t>(out.group.size());
        out.group.push_back(g);
        if (rare == 0) out.inline_from = static_cast<uint32_t>(out.group.size());
      }
  return out;
}

std::string encoded(const EncodedList& list) {
  return "[" + std::to_string(list.count) + "," + std::to_string(list.k) + ",\"" + list.bits + "\"]";
}

// Each record's collection's search rank, as the browser reads meta.ranks.
std::vector<unsigned> record_ranks(const SiteModel& site) {
  std::vector<unsigned> ranks;
  ranks.reserve(site.records.size());
  for (const Record& record : site.records) {
    const Collection* collection = site.schema.collection(record.collection);
    ranks.push_back(collection ? collection->search_rank : Collection::kUnranked);
  }
  return ranks;
}

// A one-word query's groups with their weights as theme/search.js keys them:
// "number:kind" (0 exact, 1 completion, 2 typo: the weight's place in
// meta.rules.weights), ascending by number, joined by commas.
std::string page_key(const std::map<uint32_t, double>& weights, const Numbering& numbering) {
  std::vector<std::pair<uint32_t, int>> numbers;
  for (const auto& [g, weight] : weights)
    numbers.emplace_back(numbering.number[g], weight == kMatchRules.exact_weight    ? 0
                                              : weight == kMatchRules.prefix_weight ? 1
                                                                                    : 2);
  std::sort(numbers.begin(), numbers.end());
  std::string key;
  for (const auto& [n, kind] : numbers)
    key += (key.empty() ? "" : ",") + std::to_string(n) + ":" + std::to_string(kind);
  return key;
}

// Records as results show them, each [record, …its entry], in a JSON array.
std::string cards_of(const std::set<uint32_t>& docs, const std::vector<std::string>& entries) {
  std::string text;
  char separator = '[';
  for (uint32_t doc : docs) {
    text += separator;
    text += '[';
    text += std::to_string(doc);
    text += ',';
    text.append(entries[doc], 1);
    separator = ',';
  }
  return text + "]";
}

struct FirstResults {
  std::map<uint32_t, FrequentGroup> frequent;
  std::map<std::map<uint32_t, double>, FirstPage> pages;
};

void append_dictionary_entry(std::string& out, const InvertedIndex& index, const Numbering& numbering,
                             const std::string& word, const std::vector<uint32_t>& groups) {
  out += '[';
  out += dump(word);
  for (uint32_t g : groups) {
    out += ',';
    out += std::to_string(numbering.number[g]);
    out += ',';
    out += std::to_string(index.groups[g].postings.size());
  }
  out += ']';
}

// About what an entry takes in its file.
size_t entry_bytes(const std::string& word, const std::vector<uint32_t>& groups) {
  return word.size() + 6 + 14 * groups.size();
}

// Dictionary shards. Words by their first code point, split by the first two
// where one would make a large file; numbers, which match exactly only, by a
// hash of the whole number, so that 100,000 record codes spread evenly.
json write_dictionary(const InvertedIndex& index, const Numbering& numbering, const FirstResults& first,
                      const std::vector<std::string>& entries, const ShardLimits& limits, Files& files,
                      size_t& number_files) {
  std::map<std::string, size_t> letter_bytes;
  size_t number_bytes = 0;
  for (const auto& [word, groups] : index.words)
    (is_number(word) ? number_bytes : letter_bytes[prefix_of(word, 1)]) += entry_bytes(word, groups);
  number_files = number_bytes == 0 ? 0 : number_bytes / limits.number_bytes + 1;

  struct Shard {
    std::string words;
    std::map<uint32_t, std::string> lists;  // inline postings, by group number
    json pages = json::object();            // first results of one-word queries on its words
    std::set<uint32_t> cards;               // their records
  };
  std::map<std::string, Shard> shards;  // letters' files, by name
  std::vector<Shard> numbers(number_files);
  json keys = json::object();
  std::string letter, key;  // of the previous word: words come sorted
  Shard* letters = nullptr;
  for (const auto& [word, groups] : index.words) {
    Shard* shard = nullptr;
    if (is_number(word)) {
      shard = &numbers[number_hash(word) % number_files];
    } else {
      if (!letters || word.compare(0, key.size(), key) != 0 || word.compare(0, letter.size(), letter) != 0) {
        letter = prefix_of(word, 1);
        key = letter_bytes[letter] > limits.dictionary_bytes ? prefix_of(word, 2) : letter;
        const std::string name = "t-" + file_key(key);
        keys[key] = name;
        letters = &shards[name];
      }
      shard = letters;
    }
    shard->words += shard->words.empty() ? "[" : ",";
    append_dictionary_entry(shard->words, index, numbering, word, groups);
    for (uint32_t g : groups)
      if (numbering.number[g] >= numbering.inline_from && !shard->lists.count(numbering.number[g]))
        shard->lists[numbering.number[g]] = encoded(encode_postings(index.groups[g].postings));
    // The first results of one-word queries on a word of a frequent group.
    if (!is_number(word) &&
        std::any_of(groups.begin(), groups.end(), [&](uint32_t g) { return first.frequent.count(g) > 0; }))
      for (bool prefix : {false, true}) {
        const auto page = first.pages.find(group_weights(index, {word, prefix}));
        if (page == first.pages.end()) continue;
        json list = json::array({page->second.count});
        for (uint32_t doc : page->second.docs) list.push_back(doc);
        shard->pages[page_key(page->first, numbering)] = std::move(list);
        shard->cards.insert(page->second.docs.begin(), page->second.docs.end());
      }
  }
  for (size_t n = 0; n < numbers.size(); ++n)
    if (!numbers[n].words.empty()) shards["n-" + std::to_string(n)] = std::move(numbers[n]);
  for (auto& [name, shard] : shards) {
    std::string text = "{\"words\":" + shard.words + "]";
    if (!shard.lists.empty()) {
      char separator = '{';
      text += ",\"lists\":";
      for (const auto& [number, list] : shard.lists) {
        text += separator + ("\"" + std::to_string(number) + "\":" + list);
        separator = ',';
      }
      text += "}";
    }
    if (!shard.pages.empty())
      text += ",\"cards\":" + cards_of(shard.cards, entries) + ",\"pages\":" + dump(shard.pages);
    files.add_text(name, text + "}");
  }
  return keys;
}

// The tail index: words of typo_min_length code points or more by all but
// their first code point, so that a typo in the first letter, which puts a
// word in another dictionary file, is forgiven too. A file per first code
// point of the tail, split by two where one would make a large file; each
// lists the words, in the order of their tails. The browser loads the files
// of the typed word's tail and of the typed word itself (a first letter
// replaced or left out), then the dictionary files of the words one typo away.
json write_tails(const InvertedIndex& index, const ShardLimits& limits, Files& files) {
  std::vector<std::pair<std::string, const std::string*>> tails;  // (tail, word)
  for (const auto& [word, groups] : index.words)
    if (!is_number(word) && code_point_count(word) >= kMatchRules.typo_min_length)
      tails.emplace_back(word.substr(utf8_length(word[0])), &word);
  std::sort(tails.begin(), tails.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, *a.second) < std::tie(b.first, *b.second);
  });
  std::map<std::string, size_t> letter_bytes;
  for (const auto& [tail, word] : tails) letter_bytes[prefix_of(tail, 1)] += word->size() + 3;
  std::map<std::string, std::string> shards;  // by key
  for (const auto& [tail, word] : tails) {
    const std::string letter = prefix_of(tail, 1);
    std::string& shard = shards[letter_bytes[letter] > limits.dictionary_bytes ? prefix_of(tail, 2) : letter];
    shard += shard.empty() ? "[" : ",";
    shard += dump(*word);
  }
  json keys = json::object();
  for (const auto& [key, words] : shards) {
    const std::string name = "r-" + file_key(key);
    files.add_text(name, "{\"words\":" + words + "]}");
    keys[key] = name;
  }
  return keys;
}

size_t total_bytes(const std::vector<std::string>& entries) {
  size_t total = 0;
  for (const auto& entry : entries) total += entry.size() + 1;
  return total;
}

// Records per record file, so that there are at most max_record_files.
size_t record_file_bytes(const std::vector<std::string>& entries, const ShardLimits& limits) {
  return std::max(limits.record_bytes, total_bytes(entries) / std::max<size_t>(1, limits.max_record_files) + 1);
}

// When record files hold many records, a result shown from one costs the
// whole file: frequent groups then bring their best records along, and the
// one-word queries on their words their first results.
FirstResults first_results(const InvertedIndex& index, const std::vector<std::string>& entries,
                           const std::vector<Facet>& facets, const std::vector<unsigned>& ranks,
                           const ShardLimits& limits) {
  FirstResults out;
  const size_t file_bytes = record_file_bytes(entries, limits);
  if (!entries.empty() &&
      file_bytes * entries.size() / total_bytes(entries) >= limits.frequent_records_per_file) {
    std::vector<size_t> card_bytes;
    for (const auto& entry : entries) card_bytes.push_back(entry.size() + 8);
    out.frequent = frequent_groups(index, facets, card_bytes, total_bytes(entries), limits.frequent);
    if (!out.frequent.empty()) out.pages = first_pages(index, out.frequent, ranks, limits.frequent.first_page);
  }
  return out;
}

json write_postings(const InvertedIndex& index, const Numbering& numbering,
                    const std::vector<std::string>& entries, const std::vector<Facet>& facets,
                    const std::map<uint32_t, FrequentGroup>& frequent, const ShardLimits& limits,
                    Files& files) {
  // The counts of the sets of groups a one-word query brings, keyed by their
  // numbers, travel with the postings of the set's first group.
  std::map<uint32_t, std::vector<std::pair<std::string, json>>> set_counts;
  for (const auto& [groups, set] : word_group_counts(index, facets, frequent)) {
    std::vector<uint32_t> numbers;
    for (uint32_t g : groups) numbers.push_back(numbering.number[g]);
    std::sort(numbers.begin(), numbers.end());
    std::string key;
    for (uint32_t n : numbers) key += (key.empty() ? "" : ",") + std::to_string(n);
    if (numbers[0] < numbering.inline_from) set_counts[numbers[0]].emplace_back(key, set);
  }

  json starts = json::array();
  std::string lists;
  std::set<uint32_t> cards;  // records whose entries the file carries, once each
  json counts = json::object();
  size_t bytes = 0;
  uint32_t first = 0;
  auto flush = [&](uint32_t next) {
    if (lists.empty()) return;
    std::string text = "{\"first\":" + std::to_string(first) + ",\"lists\":" + lists + "]";
    if (!cards.empty()) text += ",\"cards\":" + cards_of(cards, entries);
    if (!counts.empty()) text += ",\"counts\":" + dump(counts);
    files.add_text("p-" + std::to_string(starts.size()), text + "}");
    starts.push_back(first);
    lists.clear();
    cards.clear();
    counts = json::object();
    bytes = 0;
    first = next;
  };
  std::vector<std::string> items(numbering.inline_from);
  parallel_slices(items.size(), [&](size_t begin, size_t end) {
    for (size_t n = begin; n < end; ++n)
      items[n] = encoded(encode_postings(index.groups[numbering.group[n]].postings));
  });
  for (uint32_t n = 0; n < numbering.inline_from; ++n) {
    const uint32_t g = numbering.group[n];
    const std::string item = std::move(items[n]);
    size_t size = item.size() + 1;
    const auto extra = frequent.find(g);
    if (extra != frequent.end())
      for (uint32_t doc : extra->second.best) size += entries[doc].size() + 8;
    const auto sets = set_counts.find(n);
    if (sets != set_counts.end())
      for (const auto& [key, set] : sets->second) size += key.size() + dump(set).size() + 4;
    if (bytes > 0 && bytes + size > limits.postings_bytes) flush(n);
    lists += lists.empty() ? "[" : ",";
    lists += item;
    bytes += size;
    if (extra != frequent.end()) {
      cards.insert(extra->second.best.begin(), extra->second.best.end());
      counts[std::to_string(n)] = extra->second.counts;
    }
    if (sets != set_counts.end())
      for (auto& [key, set] : sets->second) counts[key] = std::move(set);
  }
  flush(numbering.inline_from);
  return starts;
}

json write_records(const std::vector<std::string>& entries, const ShardLimits& limits, Files& files) {
  Batches batches(files, "d-", "docs", record_file_bytes(entries, limits));
  for (const std::string& entry : entries) batches.add(entry);
  return batches.finish();
}

json write_facets(const std::vector<Facet>& facets, Files& files) {
  json described = json::array();
  for (const Facet& facet : facets) {
    json values = json::array(), lists = json::array();
    for (const FacetValue& value : facet.values) {
      values.push_back(json::array({value.id, value.label, value.docs.size()}));
      EncodedList list = encode_doc_list(value.docs);
      lists.push_back(json::array({list.count, list.k, std::move(list.bits)}));
    }
    files.add("f-" + facet.id, {{"lists", std::move(lists)}});
    described.push_back({{"id", facet.id}, {"label", facet.label}, {"values", std::move(values)}});
    if (facet.places) described.back()["places"] = true;
  }
  return described;
}

json collections_of(const SiteModel& site) {
  json out = json::array();
  for (const auto& c : site.schema.collections) {
    // The record page's path around its id, as the renderer makes it.
    const std::string path = record_path(c.id, "\x1f");
    const size_t mark = path.find('\x1f');
    out.push_back({{"id", c.id},
                   {"label", c.label},
                   {"singular", c.singular},
                   {"rank", c.search_rank},
                   {"url", json::array({path.substr(0, mark), path.substr(mark + 1)})}});
  }
  return out;
}

// Each record's collection's search rank, as runs [rank, records]: records
// come grouped by collection, so there are about as many runs as collections.
json rank_runs(const SiteModel& site) {
  json runs = json::array();
  unsigned last = 0;
  for (const Record& record : site.records) {
    const Collection* collection = site.schema.collection(record.collection);
    const unsigned rank = collection ? collection->search_rank : Collection::kUnranked;
    if (!runs.empty() && rank == last) runs.back()[1] = runs.back()[1].get<size_t>() + 1;
    else runs.push_back(json::array({rank, 1}));
    last = rank;
  }
  return runs;
}

// v.js, which a search that finds nothing loads to offer terms instead: each
// vocabulary term as [taxonomy, page, label, its labels in every language].
void write_vocabulary(const SiteModel& site, Files& files) {
  json terms = json::array();
  for (const auto& taxonomy : site.schema.taxonomies) {
    auto vocabulary = site.vocabularies.find(taxonomy.id);
    if (vocabulary == site.vocabularies.end()) continue;
    for (const Term& term : vocabulary->second.terms) {
      json labels = json::array();
      for (const auto& [language, label] : term.labels) labels.push_back(label);
      terms.push_back(json::array(
          {taxonomy.id, term_path(taxonomy.id, term.id), term.label(site.config.language), std::move(labels)}));
    }
  }
  files.add("v", {{"terms", std::move(terms)}});
}

}  // namespace

uint32_t number_hash(std::string_view word) {
  uint32_t hash = 2166136261u;  // FNV-1a
  for (char c : word) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return hash;
}

size_t excerpt_length(size_t records) {
  // About 4 MB of excerpt text in all: the whole of a short body in a small
  // catalogue, little more than the summary at 100,000 records.
  return std::clamp<size_t>(4'000'000 / std::max<size_t>(1, records), 200, 1000);
}

std::string file_key(std::string_view prefix) {
  std::string out;
  for (size_t i = 0; i < prefix.size();) {
    const char c = prefix[i];
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
      ++i;
      continue;
    }
    const size_t length = std::min(utf8_length(c), prefix.size() - i);
    uint32_t cp =
        length == 1 ? static_cast<unsigned char>(c) : static_cast<unsigned char>(c) & (0x3F >> (length - 1));
    for (size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(prefix[i + k]) & 0x3F);
    char hex[16];
    std::snprintf(hex, sizeof hex, "_%x", cp);
    out += hex;
    i += length;
  }
  return out;
}

RecordEntries::RecordEntries(const SiteModel& site, const std::vector<Facet>& facets)
    : excerpt_(excerpt_length(site.records.size())) {
  if (const Taxonomy* map = site.schema.map_taxonomy()) places_ = map->id;
  for (size_t i = 0; i < site.schema.collections.size(); ++i)
    collection_number_[site.schema.collections[i].id] = i;
  for (const Facet& facet : facets)
    if (facet.places)
      for (size_t i = 0; i < facet.values.size(); ++i) country_number_[facet.values[i].id] = i;
}

std::string RecordEntries::key() const {
  std::string out = "excerpt " + std::to_string(excerpt_) + " places " + places_.value_or("") + "\ncollections";
  for (const auto& [id, number] : collection_number_) out += " " + id + "=" + std::to_string(number);
  out += "\ncountries";
  for (const auto& [id, number] : country_number_) out += " " + id + "=" + std::to_string(number);
  return out;
}

namespace {

// No more of a body than clipping to `excerpt` characters can keep: a code
// point is at most 4 bytes.
size_t body_bytes_read(size_t excerpt) { return 4 * (excerpt + 1); }

}  // namespace

SearchDocument RecordEntries::entry_source(SearchDocument document, size_t records) {
  const size_t kept = body_bytes_read(excerpt_length(records));
  if (document.body_text.size() > kept) {
    document.body_text.resize(kept);
    document.body_text.shrink_to_fit();
  }
  std::erase_if(document.parts, [](const TextPart& part) { return part.field != Field::names; });
  document.codes.clear();
  return document;
}

std::string RecordEntries::entry(const Record& record, const SearchDocument& document) const {
  const std::string title = record.title();
  std::string text = record.summary();
  if (!document.body_text.empty()) {
    text += text.empty() ? "" : " ";
    text.append(document.body_text, 0, body_bytes_read(excerpt_));
  }
  text = clip(text, excerpt_);
  // Codes, acronyms and names follow, so that a match there shows too.
  std::string names;
  for (const TextPart& part : document.parts)
    if (part.field == Field::names && part.text != title) names += (names.empty() ? "" : " · ") + part.text;
  if (!names.empty()) text += (text.empty() ? "" : " · ") + clip(names, excerpt_ / 4);
  auto collection = collection_number_.find(record.collection);
  std::string entry =
      "[" + std::to_string(collection == collection_number_.end() ? 0 : collection->second) + ",";
  entry += dump(record.id);
  entry += ',';
  entry += dump(title);
  entry += ',';
  entry += dump(text);
  entry += ",[";
  bool first = true;
  if (auto countries = places_ ? record.fields.find(*places_) : record.fields.end();
      places_ && countries != record.fields.end() && countries->is_array())
    for (const auto& id : *countries)
      if (auto it =
              id.is_string() ? country_number_.find(id.get_ref<const std::string&>()) : country_number_.end();
          it != country_number_.end()) {
        entry += (first ? "" : ",") + std::to_string(it->second);
        first = false;
      }
  return entry + "]]";
}

WrittenIndex write_index_files(const SiteModel& site, const std::vector<SearchDocument>& documents,
                               const InvertedIndex& index, const std::vector<Facet>& facets, SiteFiles& out,
                               const ShardLimits& limits) {
  const RecordEntries cards(site, facets);
  std::vector<std::string> entries(site.records.size());
  parallel_each(entries.size(), [&](size_t i) { entries[i] = cards.entry(site.records[i], documents[i]); });
  return write_index_files(site, entries, index, facets, out, limits);
}

WrittenIndex write_index_files(const SiteModel& site, const std::vector<std::string>& entries,
                               const InvertedIndex& index, const std::vector<Facet>& facets, SiteFiles& out,
                               const ShardLimits& limits) {
  return write_index_files(
      site, entries, index, facets,
      [&](const std::string& path, std::string bytes) { out[path] = std::move(bytes); }, limits);
}

WrittenIndex write_index_files(const SiteModel& site, const std::vector<std::string>& entries,
                               const InvertedIndex& index, const std::vector<Facet>& facets,
                               const FileEmitter& emit, const ShardLimits& limits) {
  Files files(emit);
  json meta = {
      {"docs", index.doc_count},
      {"rules",
       {{"prefixMin", kMatchRules.prefix_min_length},
        {"completions", kMatchRules.completions},
        {"completionsPerLetter", kMatchRules.completions_per_letter},
        {"typoMin", kMatchRules.typo_min_length},
        {"weights", {kMatchRules.exact_weight, kMatchRules.prefix_weight, kMatchRules.typo_weight}},
        {"strongImpact", kStrongImpact},
        {"minWord", kMinWordLength},
        {"maxWord", kMaxWordLength}}},
      {"stopWords", stop_words()},
      {"collections", collections_of(site)},
      {"ranks", rank_runs(site)},
  };
  const Numbering numbering = number_groups(index, limits);
  const FirstResults first = first_results(index, entries, facets, record_ranks(site), limits);
  // The dictionary and the tails on other cores, the other files on this one.
  size_t number_files = 0;
  auto terms = std::async(overlap_policy(), [&] {
    return write_dictionary(index, numbering, first, entries, limits, files, number_files);
  });
  auto tails = std::async(overlap_policy(), [&] { return write_tails(index, limits, files); });
  meta["postings"] = write_postings(index, numbering, entries, facets, first.frequent, limits, files);
  meta["records"] = write_records(entries, limits, files);
  meta["facets"] = write_facets(facets, files);
  write_vocabulary(site, files);
  meta["terms"] = terms.get();
  meta["numbers"] = number_files;
  meta["inlineFrom"] = numbering.inline_from;
  meta["tails"] = tails.get();
  files.add("meta", meta);
  return files.written();
}

}  // namespace passerelle::search
