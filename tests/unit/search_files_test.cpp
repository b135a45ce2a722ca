// Search: the files `passerelle build` writes for the browser
// (generator/search/shard_writer.h), read back as theme/search.js reads them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "catalogue/catalogue_index.h"
#include "output/site_sink.h"
#include "pipeline/stages.h"
#include "search/facets.h"
#include "search/postings_codec.h"
#include "search/query_matcher.h"
#include "search/search_document.h"
#include "search/shard_writer.h"
#include "search/text_folding.h"
#include "test_support.h"
#include "validation/record_loader.h"

using namespace passerelle;
using namespace passerelle::testing;
using nlohmann::json;

namespace {

// The data of one index file, checking that it registers under its own name.
json data_of(const SiteFiles& files, const std::string& name) {
  const std::string path = "search/" + name + ".js";
  INFO(path);
  REQUIRE(files.count(path) == 1);
  const std::string& text = files.at(path);
  const std::string head = "PasserelleSearch.add(\"" + name + "\",";
  REQUIRE(text.rfind(head, 0) == 0);
  REQUIRE(text.size() > head.size() + 3);
  REQUIRE(text.substr(text.size() - 3) == ");\n");
  return json::parse(text.substr(head.size(), text.size() - head.size() - 3));
}

struct BuiltSite {
  SiteBuild build;
  SiteFiles files;
};

BuiltSite build_in_memory(const FileSystem& fs) {
  Progress quiet = Progress::silent();
  MemorySink sink;
  BuiltSite out;
  out.build = build_site(fs, Inputs{}, "site", quiet, sink);
  out.files = sink.files();
  return out;
}

// The fixture catalogue loaded and analysed for search, stage by stage, as
// build_search_index() does it.
// Limits under which the fixture's catalogue has frequent groups: one record
// file, holding every record; groups of three records or more.
search::ShardLimits frequent_limits() {
  search::ShardLimits limits;
  limits.record_bytes = 1;
  limits.max_record_files = 1;
  limits.frequent_records_per_file = 1;
  limits.frequent.min_records = 3;
  limits.frequent.best_records = 2;
  return limits;
}

struct IndexedFixture {
  IndexedFixture() {
    std::vector<std::string> texts;
    render_bodies(loaded.records, diagnostics, &texts);
    documents = search::make_search_documents(site, texts);
    index = search::build_inverted_index(documents);
    facets = search::build_facets(site);
  }
  IndexedFixture(const IndexedFixture&) = delete;  // `site` refers to the members before it

  MemoryFileSystem fs = fixture();
  Diagnostics diagnostics;
  LoadedCatalogue loaded = load_catalogue(fs, Inputs{}, diagnostics);
  CatalogueIndex catalogue = build_index(loaded.records, loaded.schema);
  SiteModel site{loaded.config, loaded.schema, loaded.vocabularies, loaded.records, catalogue};
  std::vector<search::SearchDocument> documents;
  search::InvertedIndex index;
  std::vector<search::Facet> facets;
};

std::map<std::string, std::string> index_files(const SiteFiles& files) {
  std::map<std::string, std::string> out;
  for (const auto& [path, bytes] : files)
    if (path.rfind("search/", 0) == 0) out[path] = bytes;
  return out;
}

}  // namespace

TEST_CASE("search: the index files cover every word, group, record and facet", "[search]") {
  const BuiltSite site = build_in_memory(fixture());
  REQUIRE_FALSE(site.build.diagnostics.has_errors());
  const json meta = data_of(site.files, "meta");
  CHECK(meta["docs"] == 4);
  CHECK(meta["rules"]["typoMin"] == 5);

  // Every dictionary file named in the metadata exists; each word is in the
  // file its first letters name; postings of rare groups come along.
  const size_t inline_from = meta["inlineFrom"].get<size_t>();
  std::set<size_t> frequent, rare;
  auto read_words = [&](const json& file, const std::string& key) {
    CHECK_FALSE(file["words"].empty());
    for (const auto& entry : file["words"]) {
      CHECK(entry[0].get<std::string>().rfind(key, 0) == 0);
      CHECK(entry.size() % 2 == 1);
      for (size_t i = 1; i < entry.size(); i += 2) {
        const size_t group = entry[i].get<size_t>(), records = entry[i + 1].get<size_t>();
        if (group < inline_from) {
          CHECK(records > 2);
          frequent.insert(group);
          continue;
        }
        CHECK(records <= 2);
        rare.insert(group);
        const json& list = file["lists"][std::to_string(group)];
        CHECK(list[0] == records);
        const auto postings = search::decode_postings(
            {list[0].get<uint32_t>(), list[1].get<unsigned>(), list[2].get<std::string>()});
        CHECK(postings.size() == records);
      }
    }
  };
  for (const auto& [key, name] : meta["terms"].items())
    read_words(data_of(site.files, name.get<std::string>()), key);
  REQUIRE(meta["numbers"] == 1);  // 2001, 10456, 2002 …
  const json numbers = data_of(site.files, "n-0");
  read_words(numbers, "");
  CHECK(std::any_of(numbers["words"].begin(), numbers["words"].end(),
                    [](const json& e) { return e[0] == "10456"; }));
  CHECK(frequent.size() == inline_from);
  CHECK(*rare.begin() == inline_from);
  CHECK(*rare.rbegin() == inline_from + rare.size() - 1);

  // Postings files hold consecutive groups, as many as the dictionary uses.
  size_t listed = 0;
  for (size_t i = 0; i < meta["postings"].size(); ++i) {
    const json file = data_of(site.files, "p-" + std::to_string(i));
    CHECK(file["first"] == meta["postings"][i]);
    CHECK(file["first"] == listed);
    for (const auto& list : file["lists"]) {
      const search::EncodedList encoded{list[0].get<uint32_t>(), list[1].get<unsigned>(),
                                        list[2].get<std::string>()};
      const auto postings = search::decode_postings(encoded);
      CHECK(postings.size() == encoded.count);
      for (const auto& p : postings) CHECK(p.doc < 4);
      ++listed;
    }
  }
  CHECK(listed == inline_from);

  // Records: one entry each, with the collection and id of its page.
  const json records = data_of(site.files, "d-0");
  REQUIRE(records["docs"].size() == 4);
  for (const auto& record : records["docs"]) {
    const json& collection = meta["collections"][record[0].get<size_t>()];
    const std::string page = collection["url"][0].get<std::string>() + record[1].get<std::string>() +
                             collection["url"][1].get<std::string>();
    CHECK(site.files.count(page) == 1);
  }

  // Facets: the counts of the metadata are the lengths of the lists.
  for (const auto& facet : meta["facets"]) {
    const json lists = data_of(site.files, "f-" + facet["id"].get<std::string>())["lists"];
    REQUIRE(lists.size() == facet["values"].size());
    for (size_t v = 0; v < lists.size(); ++v) CHECK(lists[v][0] == facet["values"][v][2]);
  }
  CHECK(meta["facets"][1]["id"] == "country");
  CHECK(meta["facets"][1]["values"][0] == json::array({"FR", "France", 3}));
  CHECK(meta["facets"][4]["values"] == json::parse(R"([["2000s", "2000s", 1]])"));
}

TEST_CASE("search: the search page loads the script and the index from relative paths", "[search]") {
  const BuiltSite site = build_in_memory(fixture());
  const std::string& page = site.files.at("search.html");
  CHECK(page.find("<script src=\"assets/search.js\"></script>") != std::string::npos);
  // The pure core first: search.js uses it as it starts.
  CHECK(page.find("<script src=\"assets/search-core.js\"></script>") <
        page.find("<script src=\"assets/search.js\"></script>"));
  CHECK(page.find("data-index=\"search/\"") != std::string::npos);
  CHECK(page.find("href=\"assets/search.css\"") != std::string::npos);
  CHECK(page.find("<noscript>") != std::string::npos);
  CHECK(page.find("aria-live=\"polite\"") != std::string::npos);
  CHECK(page.find("<label for=\"search-input\">") != std::string::npos);
  CHECK(site.files.count("assets/search.js") == 1);
  CHECK(site.files.count("assets/search-core.js") == 1);
}

TEST_CASE("search: the metadata gives each record's collection rank, and v.js the vocabulary", "[search]") {
  const BuiltSite site = build_in_memory(fixture());
  REQUIRE_FALSE(site.build.diagnostics.has_errors());
  const json meta = data_of(site.files, "meta");
  CHECK(meta["rules"]["strongImpact"] == search::kStrongImpact);
  size_t records = 0;
  for (const auto& run : meta["ranks"]) records += run[1].get<size_t>();
  CHECK(records == meta["docs"].get<size_t>());
  for (const auto& collection : meta["collections"]) CHECK(collection.contains("rank"));
  const json vocabulary = data_of(site.files, "v");
  bool found = false;
  for (const auto& term : vocabulary["terms"])
    if (term[1] == "themes/anti-discrimination.html") {
      found = true;
      CHECK(term[0] == "themes");
      CHECK(term[3] == json::array({"Fighting discrimination", "Lutte contre les discriminations"}));
    }
  CHECK(found);
}

TEST_CASE("search: the same catalogue gives byte-identical index files", "[search]") {
  const auto first = index_files(build_in_memory(fixture()).files);
  const auto second = index_files(build_in_memory(fixture()).files);
  CHECK(first.size() > 5);
  CHECK(first == second);
}

TEST_CASE("search: file names, number shards and excerpt lengths", "[search]") {
  CHECK(search::file_key("mi") == "mi");
  CHECK(search::file_key("σ") == "_3c3");
  CHECK(search::file_key("a\xc3\xa9") == "a_e9");
  CHECK(search::number_hash("") == 2166136261u);
  CHECK(search::number_hash("2001") == 0xd12e9f04u);  // as theme/search.js computes it
  CHECK(search::excerpt_length(373) == 1000);
  CHECK(search::excerpt_length(10'000) == 400);
  CHECK(search::excerpt_length(100'000) == 200);
}

TEST_CASE("search: a document cut to what its entry reads makes the same entry", "[search]") {
  const IndexedFixture indexed;
  REQUIRE_FALSE(indexed.diagnostics.has_errors());
  const search::RecordEntries cards(indexed.site, indexed.facets);
  const size_t records = indexed.site.records.size();
  for (size_t i = 0; i < records; ++i) {
    const search::SearchDocument kept = search::RecordEntries::entry_source(indexed.documents[i], records);
    CHECK(cards.entry(indexed.site.records[i], kept) ==
          cards.entry(indexed.site.records[i], indexed.documents[i]));
  }
  // A long body of two-byte letters, with names and tags: the entry shows
  // the start of the body and the names, and the rest goes.
  search::SearchDocument long_one = indexed.documents[0];
  long_one.body_text.clear();
  for (int i = 0; i < 5000; ++i) long_one.body_text += "é ";
  long_one.parts.push_back({search::Field::names, "ACRONYM-2004", {}});
  long_one.parts.push_back({search::Field::tags, "Fighting discrimination", {}});
  long_one.codes = {"PT"};
  const search::SearchDocument kept = search::RecordEntries::entry_source(long_one, records);
  CHECK(kept.body_text.size() < long_one.body_text.size() / 2);
  CHECK(kept.codes.empty());
  for (const search::TextPart& part : kept.parts) CHECK(part.field == search::Field::names);
  const std::string entry = cards.entry(indexed.site.records[0], kept);
  CHECK(entry == cards.entry(indexed.site.records[0], long_one));
  CHECK(entry.find("ACRONYM-2004") != std::string::npos);
}

TEST_CASE("search: frequent groups bring their best records and their facet counts", "[search]") {
  const IndexedFixture indexed;
  REQUIRE_FALSE(indexed.diagnostics.has_errors());
  const SiteModel& site = indexed.site;
  const auto& documents = indexed.documents;
  const search::InvertedIndex& index = indexed.index;
  const auto& facets = indexed.facets;

  search::ShardLimits limits = frequent_limits();
  SiteFiles files;
  search::write_index_files(site, documents, index, facets, files, limits);
  const json meta = data_of(files, "meta");
  const json records = data_of(files, "d-0")["docs"];

  size_t frequent = 0;
  for (size_t i = 0; i < meta["postings"].size(); ++i) {
    const json file = data_of(files, "p-" + std::to_string(i));
    if (!file.contains("counts")) continue;
    std::set<uint32_t> carded;
    for (const auto& card : file["cards"]) {
      const uint32_t doc = card[0].get<uint32_t>();
      carded.insert(doc);
      CHECK(json(std::vector<json>(card.begin() + 1, card.end())) ==
            records[doc]);  // as the record file has it
    }
    for (const auto& [number, counts] : file["counts"].items()) {
      ++frequent;
      const json& list = file["lists"][std::stoul(number) - file["first"].get<size_t>()];
      const auto postings = search::decode_postings(
          {list[0].get<uint32_t>(), list[1].get<unsigned>(), list[2].get<std::string>()});
      CHECK(postings.size() >= 3);
      // Its best two records are among the cards.
      std::vector<search::Posting> best = postings;
      std::stable_sort(best.begin(), best.end(),
                       [](const auto& a, const auto& b) { return a.impact > b.impact; });
      CHECK(carded.count(best[0].doc) == 1);
      CHECK(carded.count(best[1].doc) == 1);
      // Counts: the group's records with each facet value.
      REQUIRE(counts.size() == facets.size());
      for (size_t f = 0; f < facets.size(); ++f)
        for (size_t v = 0; v < facets[f].values.size(); ++v) {
          size_t expected = 0;
          for (const auto& p : postings)
            expected += std::count(facets[f].values[v].docs.begin(), facets[f].values[v].docs.end(), p.doc);
          CHECK(counts[f][v] == expected);
        }
    }
  }
  CHECK(frequent > 0);
  // Small catalogues, whose record files are cheap to load, carry none.
  SiteFiles plain;
  search::write_index_files(site, documents, index, facets, plain);
  for (const auto& [path, text] : plain)
    if (path.rfind("search/p-", 0) == 0) CHECK(text.find("\"cards\"") == std::string::npos);
}

TEST_CASE("search: a one-word query's first page, made with the index, is what the query gives", "[search]") {
  const IndexedFixture indexed;
  REQUIRE_FALSE(indexed.diagnostics.has_errors());
  const search::InvertedIndex& index = indexed.index;
  search::ShardLimits limits = frequent_limits();
  limits.frequent.first_page = 4;
  SiteFiles files;
  search::write_index_files(indexed.site, indexed.documents, index, indexed.facets, files, limits);
  const json meta = data_of(files, "meta");

  // Every word's group numbers and every first page, from the dictionary files.
  std::map<std::string, std::vector<uint32_t>> numbers;
  std::map<std::string, json> pages;
  for (const auto& [key, name] : meta["terms"].items()) {
    const json dictionary = data_of(files, name.get<std::string>());
    for (const auto& entry : dictionary["words"])
      for (size_t i = 1; i < entry.size(); i += 2) numbers[entry[0].get<std::string>()].push_back(entry[i]);
    if (!dictionary.contains("pages")) continue;
    std::set<uint32_t> carded;
    for (const auto& card : dictionary["cards"]) carded.insert(card[0].get<uint32_t>());
    for (const auto& [page_key, page] : dictionary["pages"].items()) {
      pages[page_key] = page;
      for (size_t k = 1; k < page.size(); ++k) CHECK(carded.count(page[k].get<uint32_t>()) == 1);
    }
  }
  REQUIRE_FALSE(pages.empty());

  std::vector<unsigned> ranks;
  for (const Record& record : indexed.site.records) {
    const Collection* collection = indexed.site.schema.collection(record.collection);
    ranks.push_back(collection ? collection->search_rank : Collection::kUnranked);
  }
  std::set<std::string> checked;
  for (const auto& [word, groups] : index.words)
    for (bool prefix : {false, true}) {
      // The key theme/search.js makes: each group's number and best match kind.
      std::map<uint32_t, int> kinds;
      for (const search::WordMatch& match : search::match_word(index, {word, prefix}))
        for (uint32_t n : numbers[match.word])
          kinds[n] = std::min(kinds.count(n) ? kinds[n] : 2, static_cast<int>(match.kind));
      std::string key;
      for (const auto& [n, kind] : kinds) key += (key.empty() ? "" : ",") + std::to_string(n) + ":" + std::to_string(kind);
      const auto page = pages.find(key);
      if (page == pages.end()) continue;
      INFO(word << (prefix ? " (typed)" : ""));
      const auto hits = search::search(index, prefix ? word : word + " ", ranks);
      REQUIRE(page->second[0].get<size_t>() == hits.size());
      REQUIRE(page->second.size() == 1 + std::min<size_t>(4, hits.size()));
      for (size_t k = 1; k < page->second.size(); ++k) CHECK(page->second[k].get<uint32_t>() == hits[k - 1].doc);
      checked.insert(key);
    }
  CHECK(checked.size() == pages.size());  // every page is some query's
}

TEST_CASE("search: the groups a one-word query brings carry their facet counts together", "[search]") {
  const IndexedFixture indexed;
  REQUIRE_FALSE(indexed.diagnostics.has_errors());
  const auto& facets = indexed.facets;
  search::ShardLimits limits;
  limits.record_bytes = 1;  // one record file: every record in it
  limits.max_record_files = 1;
  limits.frequent_records_per_file = 1;
  limits.inline_max_records = 0;  // every group in a postings file
  limits.frequent.min_records = 1;
  limits.frequent.best_records = 0;  // no cards, so that every group is frequent
  SiteFiles files;
  search::write_index_files(indexed.site, indexed.documents, indexed.index, facets, files, limits);
  const json meta = data_of(files, "meta");
  const size_t inline_from = meta["inlineFrom"].get<size_t>();

  // Every group's postings, by number, as the browser finds them.
  std::map<size_t, std::vector<search::Posting>> postings;
  auto decode = [&](const json& list) {
    return search::decode_postings({list[0].get<uint32_t>(), list[1].get<unsigned>(), list[2].get<std::string>()});
  };
  std::vector<std::string> dictionaries = {"n-0"};
  for (const auto& [key, name] : meta["terms"].items()) dictionaries.push_back(name.get<std::string>());
  std::map<std::string, std::vector<size_t>> word_numbers;
  for (const auto& name : dictionaries) {
    const json file = data_of(files, name);
    const json lists = file.value("lists", json::object());
    for (const auto& [number, list] : lists.items()) postings[std::stoul(number)] = decode(list);
    for (const auto& entry : file["words"])
      for (size_t i = 1; i < entry.size(); i += 2) word_numbers[entry[0]].push_back(entry[i].get<size_t>());
  }
  std::map<std::string, std::pair<size_t, json>> counted;  // key → (its file's number, counts)
  for (size_t i = 0; i < meta["postings"].size(); ++i) {
    const json file = data_of(files, "p-" + std::to_string(i));
    for (size_t k = 0; k < file["lists"].size(); ++k) postings[file["first"].get<size_t>() + k] = decode(file["lists"][k]);
    const json counts = file.value("counts", json::object());
    for (const auto& [key, set] : counts.items()) counted[key] = {i, set};
  }

  // The groups of each word of a frequent group (one with counts of its
  // own), finished and being typed, by the numbers of the files.
  size_t sets = 0;
  for (const auto& [word, groups] : indexed.index.words) {
    const auto& own = word_numbers[word];
    if (search::is_number(word) ||
        std::none_of(own.begin(), own.end(), [&](size_t n) { return counted.count(std::to_string(n)) > 0; }))
      continue;
    for (bool prefix : {false, true}) {
      std::set<size_t> numbers;
      for (const auto& match : search::match_word(indexed.index, {word, prefix}))
        numbers.insert(word_numbers[match.word].begin(), word_numbers[match.word].end());
      if (numbers.size() < 2 || *numbers.begin() >= inline_from) continue;
      std::string key;
      for (size_t n : numbers) key += (key.empty() ? "" : ",") + std::to_string(n);
      INFO(word << (prefix ? " (typed)" : "") << ": " << key);
      REQUIRE(counted.count(key) == 1);
      ++sets;
      // In the postings file of its first group, which the query loads.
      CHECK(meta["postings"][counted[key].first].get<size_t>() <= *numbers.begin());
      if (counted[key].first + 1 < meta["postings"].size())
        CHECK(*numbers.begin() < meta["postings"][counted[key].first + 1].get<size_t>());
      // Counts: the records holding any of the groups, with each facet value.
      std::set<uint32_t> docs;
      for (size_t n : numbers)
        for (const auto& p : postings[n]) docs.insert(p.doc);
      const json& counts = counted[key].second;
      REQUIRE(counts.size() == facets.size());
      for (size_t f = 0; f < facets.size(); ++f)
        for (size_t v = 0; v < facets[f].values.size(); ++v) {
          const auto& with = facets[f].values[v].docs;
          CHECK(counts[f][v] == std::count_if(with.begin(), with.end(), [&](uint32_t d) { return docs.count(d) > 0; }));
        }
    }
  }
  CHECK(sets > 0);
}

TEST_CASE("search: the tail index lists long words by all but their first letter", "[search]") {
  const BuiltSite site = build_in_memory(fixture());
  const json meta = data_of(site.files, "meta");
  REQUIRE(meta["tails"].is_object());
  REQUIRE_FALSE(meta["tails"].empty());
  std::set<std::string> listed;
  for (const auto& [key, name] : meta["tails"].items()) {
    const json file = data_of(site.files, name.get<std::string>());
    for (const auto& word : file["words"]) {
      const std::string w = word.get<std::string>();
      CHECK(search::code_point_count(w) >= 5);
      CHECK(w.find(key, 1) != std::string::npos);
      CHECK_FALSE(search::is_number(w));
      listed.insert(w);
    }
  }
  // Every long word of the dictionary is there, once.
  std::set<std::string> long_words;
  for (const auto& [key, name] : meta["terms"].items()) {
    const json file = data_of(site.files, name.get<std::string>());
    for (const auto& entry : file["words"])
      if (search::code_point_count(entry[0].get<std::string>()) >= 5)
        long_words.insert(entry[0].get<std::string>());
  }
  CHECK(listed == long_words);
  CHECK(listed.count("discrimination") == 1);
}

TEST_CASE("search: country codes are indexed as they are, stop words included", "[search]") {
  const IndexedFixture indexed;
  REQUIRE_FALSE(indexed.diagnostics.has_errors());
  const search::InvertedIndex& index = indexed.index;
  const auto& facets = indexed.facets;
  const auto& countries = facets[1];
  REQUIRE(countries.id == "country");
  for (const auto& value : countries.values) {
    INFO(value.id);
    std::vector<uint32_t> found;
    for (const auto& hit : search::search(index, value.id + " ")) found.push_back(hit.doc);
    std::sort(found.begin(), found.end());
    CHECK(std::includes(found.begin(), found.end(), value.docs.begin(), value.docs.end()));
  }
}
