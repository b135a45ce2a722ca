#include "search/shard_writer.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "search/postings_codec.h"
#include "search/query_matcher.h"
#include "search/stemming.h"
#include "search/text_folding.h"

namespace passerelle::search {

using nlohmann::json;

namespace {

class Files {
 public:
  explicit Files(SiteFiles& out) : out_(out) {}
  void add(const std::string& name, const json& data) {
    std::string text = "PasserelleSearch.add(\"" + name + "\"," +
                       data.dump(-1, ' ', false, json::error_handler_t::replace) + ");\n";
    written_.bytes += text.size();
    ++written_.files;
    out_["search/" + name + ".js"] = std::move(text);
  }
  const WrittenIndex& written() const { return written_; }

 private:
  SiteFiles& out_;
  WrittenIndex written_;
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

json dictionary_entry(const InvertedIndex& index, const std::string& word, const std::vector<uint32_t>& groups) {
  json entry = json::array({word});
  for (uint32_t g : groups) {
    entry.push_back(g);
    entry.push_back(index.groups[g].postings.size());
  }
  return entry;
}

// About what an entry takes in its file.
size_t entry_bytes(const std::string& word, const std::vector<uint32_t>& groups) {
  return word.size() + 6 + 14 * groups.size();
}

// Dictionary shards. Words by their first code point, split by the first two
// where one would make a large file; numbers, which match exactly only, by a
// hash of the whole number, so that 100,000 record codes spread evenly.
json write_dictionary(const InvertedIndex& index, const ShardLimits& limits, Files& files, size_t& number_files) {
  std::map<std::string, size_t> letter_bytes;
  size_t number_bytes = 0;
  for (const auto& [word, groups] : index.words)
    (is_number(word) ? number_bytes : letter_bytes[prefix_of(word, 1)]) += entry_bytes(word, groups);
  number_files = number_bytes == 0 ? 0 : number_bytes / limits.dictionary_bytes + 1;

  std::map<std::string, json> shards;  // file name → entries
  json keys = json::object();
  for (const auto& [word, groups] : index.words) {
    std::string name;
    if (is_number(word)) {
      name = "n-" + std::to_string(number_hash(word) % number_files);
    } else {
      const std::string letter = prefix_of(word, 1);
      const std::string key = letter_bytes[letter] > limits.dictionary_bytes ? prefix_of(word, 2) : letter;
      name = "t-" + file_key(key);
      keys[key] = name;
    }
    shards[name].push_back(dictionary_entry(index, word, groups));
  }
  for (auto& [name, words] : shards) files.add(name, {{"words", std::move(words)}});
  return keys;
}

json write_postings(const InvertedIndex& index, const ShardLimits& limits, Files& files) {
  json starts = json::array();
  json lists = json::array();
  size_t bytes = 0;
  uint32_t first = 0;
  auto flush = [&](uint32_t next) {
    if (lists.empty()) return;
    files.add("p-" + std::to_string(starts.size()), {{"first", first}, {"lists", std::move(lists)}});
    starts.push_back(first);
    lists = json::array();
    bytes = 0;
    first = next;
  };
  for (uint32_t g = 0; g < index.groups.size(); ++g) {
    EncodedList list = encode_postings(index.groups[g].postings);
    const size_t size = list.bits.size() + 16;
    if (bytes > 0 && bytes + size > limits.postings_bytes) flush(g);
    bytes += size;
    lists.push_back(json::array({list.count, list.k, std::move(list.bits)}));
  }
  flush(static_cast<uint32_t>(index.groups.size()));
  return starts;
}

json write_records(const SiteModel& site, const std::vector<SearchDocument>& documents,
                   const std::vector<Facet>& facets, const ShardLimits& limits, Files& files) {
  std::map<std::string, size_t> collection_number, country_number;
  for (size_t i = 0; i < site.schema.collections.size(); ++i) collection_number[site.schema.collections[i].id] = i;
  for (const Facet& facet : facets)
    if (facet.id == "country")
      for (size_t i = 0; i < facet.values.size(); ++i) country_number[facet.values[i].id] = i;

  const size_t keep = excerpt_length(site.records.size());
  std::vector<json> entries;
  size_t total = 0;
  for (size_t i = 0; i < site.records.size(); ++i) {
    const Record& record = site.records[i];
    std::string text = record.summary();
    if (!documents[i].body_text.empty()) text += (text.empty() ? "" : " ") + documents[i].body_text;
    json countries = json::array();
    for (const auto& id : record.terms("countries"))
      if (auto it = country_number.find(id); it != country_number.end()) countries.push_back(it->second);
    auto collection = collection_number.find(record.collection);
    entries.push_back(json::array({collection == collection_number.end() ? 0 : collection->second, record.id,
                                   record.title(), clip(text, keep), std::move(countries)}));
    total += entries.back().dump().size() + 1;
  }

  const size_t target = std::max(limits.record_bytes, total / std::max<size_t>(1, limits.max_record_files) + 1);
  json starts = json::array();
  json docs = json::array();
  size_t bytes = 0, first = 0;
  for (size_t i = 0; i <= entries.size(); ++i) {
    if (i == entries.size() || (bytes > 0 && bytes + entries[i].dump().size() > target)) {
      if (docs.empty()) break;
      files.add("d-" + std::to_string(starts.size()), {{"first", first}, {"docs", std::move(docs)}});
      starts.push_back(first);
      docs = json::array();
      bytes = 0;
      first = i;
      if (i == entries.size()) break;
    }
    bytes += entries[i].dump().size() + 1;
    docs.push_back(std::move(entries[i]));
  }
  return starts;
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
  }
  return described;
}

json collections_of(const SiteModel& site) {
  json out = json::array();
  for (const auto& c : site.schema.collections) {
    // The record page's path around its id, as the renderer makes it.
    const std::string path = record_path(c.id, "\x1f");
    const size_t mark = path.find('\x1f');
    out.push_back({{"id", c.id}, {"label", c.label}, {"singular", c.singular},
                   {"url", json::array({path.substr(0, mark), path.substr(mark + 1)})}});
  }
  return out;
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
    uint32_t cp = length == 1 ? static_cast<unsigned char>(c) : static_cast<unsigned char>(c) & (0x3F >> (length - 1));
    for (size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(prefix[i + k]) & 0x3F);
    char hex[16];
    std::snprintf(hex, sizeof hex, "_%x", cp);
    out += hex;
    i += length;
  }
  return out;
}

WrittenIndex write_index_files(const SiteModel& site, const std::vector<SearchDocument>& documents,
                               const InvertedIndex& index, const std::vector<Facet>& facets, SiteFiles& out,
                               const ShardLimits& limits) {
  Files files(out);
  json meta = {
      {"docs", index.doc_count},
      {"rules",
       {{"prefixMin", kMatchRules.prefix_min_length},
        {"completions", kMatchRules.completions},
        {"typoMin", kMatchRules.typo_min_length},
        {"weights", {kMatchRules.exact_weight, kMatchRules.prefix_weight, kMatchRules.typo_weight}},
        {"minWord", kMinWordLength},
        {"maxWord", kMaxWordLength}}},
      {"stopWords", stop_words()},
      {"collections", collections_of(site)},
  };
  size_t number_files = 0;
  meta["terms"] = write_dictionary(index, limits, files, number_files);
  meta["numbers"] = number_files;
  meta["postings"] = write_postings(index, limits, files);
  meta["records"] = write_records(site, documents, facets, limits, files);
  meta["facets"] = write_facets(facets, files);
  files.add("meta", meta);
  return files.written();
}

}  // namespace passerelle::search
