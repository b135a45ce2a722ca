// Search: the inverted index, its impacts, and how queries match and rank
// (generator/search/inverted_index.h, query_matcher.h, postings_codec.h).
#include <catch2/catch.hpp>

#include "search/inverted_index.h"
#include "search/postings_codec.h"
#include "search/query_matcher.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include "catalogue/catalogue_index.h"
#include "pipeline/stages.h"
#include "test_support.h"

using namespace passerelle::search;

namespace {

SearchDocument doc(const std::string& title, const std::string& summary = "", const std::string& body = "",
                   const std::string& language = "en") {
  SearchDocument d;
  d.language = language;
  d.parts = {{Field::title, title, {}}, {Field::summary, summary, {}}};
  d.body_text = body;
  return d;
}

std::vector<uint32_t> docs_of(const std::vector<Hit>& hits) {
  std::vector<uint32_t> out;
  for (const Hit& h : hits) out.push_back(h.doc);
  return out;
}

std::vector<uint32_t> ranked(const InvertedIndex& index, const std::string& query) {
  return docs_of(search(index, query));
}

const std::string filler =
    "Cities and regions worked with unions, employers and schools on many projects over years. ";

}  // namespace

TEST_CASE("search: the index maps words to stem groups and groups to sorted postings", "[search]") {
  const InvertedIndex index = build_inverted_index({
      doc("Mediation", "", "Mediators at work."),
      doc("Training", "", "Mediations and training."),
      doc("La médiation", "", "Les médiatrices.", "fr"),
  });
  CHECK(index.doc_count == 3);
  REQUIRE(index.words.count("mediation") == 1);
  REQUIRE(index.words.at("mediation").size() == 2);  // en:mediat and fr:mediat
  const TermGroup& english = index.groups[index.words.at("mediation")[0]];
  const TermGroup& french = index.groups[index.words.at("mediation")[1]];
  CHECK(english.language == "en");
  CHECK(english.stem == "mediat");
  CHECK(french.language == "fr");
  CHECK(english.postings.size() == 2);
  CHECK(english.postings[0].doc == 0);
  CHECK(english.postings[1].doc == 1);
  CHECK(french.postings.size() == 1);
  CHECK(index.words.at("mediators") == std::vector<uint32_t>{index.words.at("mediation")[0]});
  CHECK(index.words.count("la") == 0);  // a stop word
  for (size_t g = 1; g < index.groups.size(); ++g)
    CHECK(std::tie(index.groups[g - 1].stem, index.groups[g - 1].language) <
          std::tie(index.groups[g].stem, index.groups[g].language));
}

TEST_CASE("search: building twice gives the same index", "[search]") {
  std::vector<SearchDocument> docs;
  for (int i = 0; i < 300; ++i)
    docs.push_back(
        doc("Record " + std::to_string(i), "Training " + std::to_string(i % 7), filler + "mediation"));
  const InvertedIndex a = build_inverted_index(docs), b = build_inverted_index(docs);
  CHECK(a.words == b.words);
  REQUIRE(a.groups.size() == b.groups.size());
  for (size_t g = 0; g < a.groups.size(); ++g) CHECK(a.groups[g].postings == b.groups[g].postings);
}

namespace {

void require_same_index(const InvertedIndex& actual, const InvertedIndex& expected) {
  REQUIRE(actual.doc_count == expected.doc_count);
  REQUIRE(actual.groups.size() == expected.groups.size());
  for (size_t g = 0; g < expected.groups.size(); ++g) {
    INFO("group " << expected.groups[g].language << ":" << expected.groups[g].stem);
    REQUIRE(actual.groups[g].language == expected.groups[g].language);
    REQUIRE(actual.groups[g].stem == expected.groups[g].stem);
    REQUIRE(actual.groups[g].postings == expected.groups[g].postings);
  }
  REQUIRE(actual.words == expected.words);
}

// A document of words drawn from a small vocabulary in English and French,
// so that documents share words and groups, and an edit can drop the last
// document holding one.
SearchDocument random_doc(std::mt19937& random) {
  static const std::vector<std::string> words = {
      "mediation", "mediators",      "training",        "trains", "employers", "union", "unions", "cities",
      "médiation", "médiatrices",    "formation",       "emploi", "2004",      "IT",    "the",    "Roma",
      "zebra",     "discrimination", "discriminations", "hiring", "hired",     "école", "écoles", "café"};
  auto text = [&](size_t count) {
    std::string out;
    for (size_t i = 0; i < count; ++i) out += words[random() % words.size()] + (random() % 4 ? " " : ". ");
    return out;
  };
  SearchDocument d =
      doc(text(1 + random() % 3), text(random() % 6), text(random() % 12), random() % 3 ? "en" : "fr");
  if (random() % 2) d.parts.push_back({Field::names, text(1), {}});
  if (random() % 2) d.parts.push_back({Field::tags, text(2), random() % 2 ? "fr" : ""});
  if (random() % 3 == 0) d.codes.push_back(random() % 2 ? "IT" : "PT");
  return d;
}

}  // namespace

TEST_CASE("search: an index kept by document equals the index built again, after any edits", "[search]") {
  for (const size_t workers : {1, 2, 3}) {
    passerelle::testing::Workers threads(workers);
    std::mt19937 random(static_cast<unsigned>(workers));
    std::vector<SearchDocument> docs;
    for (int i = 0; i < 12; ++i) docs.push_back(random_doc(random));
    AnalysedDocuments analysed(docs);
    require_same_index(analysed.index(), build_inverted_index(docs));
    for (int round = 0; round < 60; ++round) {
      INFO("workers " << workers << ", round " << round);
      // An edit, as the dev server makes it: out at one place, in at another.
      const size_t from = random() % docs.size();
      docs.erase(docs.begin() + static_cast<std::ptrdiff_t>(from));
      analysed.erase(from);
      const size_t to = random() % (docs.size() + 1);
      docs.insert(docs.begin() + static_cast<std::ptrdiff_t>(to), random_doc(random));
      analysed.insert(to, docs[to]);
      REQUIRE(analysed.size() == docs.size());
      require_same_index(analysed.index(), build_inverted_index(docs));
    }
  }
}

TEST_CASE("search: analyses saved and restored, then edited, index as if built again", "[search]") {
  for (const size_t workers : {1, 3}) {
    passerelle::testing::Workers threads(workers);
    std::mt19937 random(static_cast<unsigned>(40 + workers));
    std::vector<SearchDocument> docs;
    for (int i = 0; i < 20; ++i) docs.push_back(random_doc(random));
    AnalysedDocuments::Saved saved = AnalysedDocuments(docs).take_saved();
    REQUIRE(saved.documents.size() == docs.size());
    // The table does not depend on how many threads analysed.
    {
      passerelle::testing::Workers one(1);
      CHECK(AnalysedDocuments(docs).take_saved().terms == saved.terms);
    }
    for (int round = 0; round < 30; ++round) {
      INFO("workers " << workers << ", round " << round);
      // Some documents edited since: their analyses are not restored, and replaced.
      std::vector<std::string> kept = saved.documents;
      std::vector<size_t> edited;
      for (size_t i = 0; i < docs.size(); ++i)
        if (random() % 5 == 0) {
          docs[i] = random_doc(random);
          kept[i].clear();
          edited.push_back(i);
        }
      std::optional<AnalysedDocuments> restored = AnalysedDocuments::restored(saved.terms, std::move(kept));
      REQUIRE(restored);
      for (size_t i : edited) restored->replace(i, docs[i]);
      require_same_index(restored->index(), build_inverted_index(docs));
      AnalysedDocuments::Saved next = restored->take_saved();  // as the next build's cache
      // The table keeps its numbers, so that the documents not edited are
      // saved as they were restored, byte for byte.
      REQUIRE(next.kept.size() == docs.size());
      for (size_t i = 0; i < docs.size(); ++i) {
        const bool was_edited = std::find(edited.begin(), edited.end(), i) != edited.end();
        CHECK(next.kept[i] == !was_edited);
        if (!was_edited) CHECK(next.documents[i] == saved.documents[i]);
      }
      CHECK(next.terms.starts_with(saved.terms));
      saved = std::move(next);
    }
  }
}

TEST_CASE("search: saved analyses that are not what a build wrote are not restored", "[search]") {
  passerelle::testing::Workers one(1);
  const std::vector<SearchDocument> docs = {doc("Mediation in Lisbon", "Hiring", filler),
                                            doc("Zebra", "", filler)};
  const AnalysedDocuments::Saved saved = AnalysedDocuments(docs).take_saved();
  REQUIRE(AnalysedDocuments::restored(saved.terms, saved.documents));
  auto restores = [&](const std::string& terms, std::vector<std::string> documents) {
    return AnalysedDocuments::restored(terms, std::move(documents)).has_value();
  };
  CHECK_FALSE(restores(saved.terms.substr(0, saved.terms.size() - 1), saved.documents));  // table cut short
  CHECK_FALSE(restores(saved.terms, {saved.documents[0], saved.documents[1].substr(0, 3)}));
  CHECK_FALSE(restores(saved.terms, {saved.documents[0], saved.documents[1] + "\x01"}));  // a term cut short
  // A term number past the table's end: the table of the first document alone.
  const AnalysedDocuments::Saved zebra = AnalysedDocuments(std::vector<SearchDocument>{docs[1]}).take_saved();
  CHECK_FALSE(restores(zebra.terms, saved.documents));
}

TEST_CASE("search: a word edited out of every document leaves the kept index", "[search]") {
  passerelle::testing::Workers one(1);  // one analyser knows every word
  std::vector<SearchDocument> docs = {doc("Zebra crossings", "", filler), doc("Mediation", "", filler),
                                      doc("Mediators", "", filler)};
  AnalysedDocuments analysed(docs);
  REQUIRE(analysed.index().words.count("zebra") == 1);
  REQUIRE(analysed.index().words.count("mediators") == 1);
  analysed.erase(0);
  analysed.insert(0, doc("Crossings", "", filler));
  analysed.erase(2);
  analysed.insert(2, doc("Mediation again", "", filler));
  const InvertedIndex index = analysed.index();
  CHECK(index.doc_count == 3);
  // The last word of its group: both go.
  CHECK(index.words.count("zebra") == 0);
  for (const TermGroup& group : index.groups) CHECK(group.stem != "zebra");
  // A word whose group other words still hold ("mediation"): the word goes, the group stays.
  CHECK(index.words.count("mediators") == 0);
  CHECK(index.words.count("mediation") == 1);
  CHECK(index.words.count("crossings") == 1);
}

TEST_CASE("search: impacts weigh title above summary above body, and saturate; title and tags are strong",
          "[search]") {
  const std::array<double, kFieldCount> averages = {3, 20, 2, 100, 10};
  const FieldCounts lengths = {3, 20, 2, 100, 10};
  auto in = [](Field f, uint32_t n = 1) {
    FieldCounts counts{};
    counts[static_cast<size_t>(f)] = n;
    return counts;
  };
  const uint8_t title = impact(in(Field::title), lengths, averages);
  const uint8_t summary = impact(in(Field::summary), lengths, averages);
  const uint8_t body = impact(in(Field::body), lengths, averages);
  const uint8_t tags = impact(in(Field::tags), lengths, averages);
  CHECK(title > summary);
  CHECK(summary > body);
  CHECK(title >= kStrongImpact);  // the title and the vocabulary terms say what a record is about
  CHECK(tags >= kStrongImpact);
  CHECK(summary < kStrongImpact);
  CHECK(tags < title);
  CHECK(impact(in(Field::body, 2), lengths, averages) > body);
  CHECK(impact(in(Field::body, 1000), lengths, averages) == kStrongImpact - 1);  // the most a body reaches
  CHECK(impact(in(Field::title, 1000), lengths, averages) == kImpactLevels);
  // A word in a long body weighs less than in a short one.
  FieldCounts long_body = lengths;
  long_body[static_cast<size_t>(Field::body)] = 400;
  CHECK(impact(in(Field::body), long_body, averages) < body);
}

TEST_CASE("search: postings survive encoding, from dense lists to large gaps", "[search]") {
  std::vector<Posting> dense, sparse;
  for (uint32_t d = 0; d < 1000; ++d) dense.push_back({d, static_cast<uint8_t>(1 + d % 16)});
  for (uint32_t d : {0u, 7u, 70000u, 70001u, 4000000u}) sparse.push_back({d, 16});
  for (const auto& list : {dense, sparse, std::vector<Posting>{}}) {
    const EncodedList encoded = encode_postings(list);
    CHECK(encoded.count == list.size());
    CHECK(encoded.bits.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") ==
          std::string::npos);
    CHECK(decode_postings(encoded) == list);
  }
  // Every record holding a word costs five bits a record: one for the gap, four for the impact.
  CHECK(encode_postings(dense).bits.size() == (1000 * 5 + 5) / 6);
  CHECK(encode_postings(dense).k == 0);

  const std::vector<uint32_t> docs = {3, 4, 5, 900, 100000};
  CHECK(decode_doc_list(encode_doc_list(docs)) == docs);
  CHECK(encode_doc_list({0, 1, 2}).bits == "A");  // three zero gaps, k = 0: "000" padded
}

TEST_CASE("search: queries fold, drop stop words and know the word being typed", "[search]") {
  CHECK(parse_query("Migrações") == std::vector<QueryWord>{{"migracoes", true}});
  CHECK(parse_query("the mediation ") == std::vector<QueryWord>{{"mediation", false}});
  CHECK(parse_query("mediation the") == std::vector<QueryWord>{{"mediation", false}, {"the", true}});
  CHECK(parse_query("lutte lutte") == std::vector<QueryWord>{{"lutte", true}});
  CHECK(parse_query("PT-2001-060") == std::vector<QueryWord>{{"pt", false}, {"2001", false}, {"060", true}});
  CHECK(parse_query("« l'emploi »").size() == 1);
  CHECK(parse_query("  ").empty());
  CHECK(is_number("060"));
  CHECK_FALSE(is_number("h2020"));
}

TEST_CASE("search: one typo is an insertion, deletion, substitution or swap", "[search]") {
  CHECK(within_one_typo("mediaton", "mediation"));    // a letter left out
  CHECK(within_one_typo("mediatiion", "mediation"));  // one too many
  CHECK(within_one_typo("mediatoin", "mediation"));   // neighbours swapped
  CHECK(within_one_typo("medjation", "mediation"));   // one replaced
  CHECK(within_one_typo("migracao", "migraçao"));     // counted in code points
  CHECK_FALSE(within_one_typo("mediation", "mediation"));
  CHECK_FALSE(within_one_typo("madiaton", "mediation"));
  CHECK_FALSE(within_one_typo("mediat", "mediation"));
  CHECK_FALSE(within_one_typo("meditaoin", "mediation"));
}

TEST_CASE("search: query words match exactly, by prefix while typed, and with a typo", "[search]") {
  const InvertedIndex index = build_inverted_index({
      doc("Mediation", "", "mediator media medical medicine"),
      doc("Medical", "", "medicine medicine"),
      doc("Discrimination", "", "2001 20011"),
  });
  auto words = [&](const std::string& word, bool prefix) {
    std::vector<std::pair<std::string, MatchKind>> out;
    for (const auto& m : match_word(index, {word, prefix})) out.emplace_back(m.word, m.kind);
    return out;
  };
  using P = std::vector<std::pair<std::string, MatchKind>>;
  CHECK(words("mediation", false) == P{{"mediation", MatchKind::exact}});
  // Completions: most frequent first, then alphabetical.
  CHECK(words("medi", true) == P{{"medical", MatchKind::prefix},
                                 {"medicine", MatchKind::prefix},
                                 {"media", MatchKind::prefix},
                                 {"mediation", MatchKind::prefix},
                                 {"mediator", MatchKind::prefix}});
  CHECK(words("medi", false).empty());
  // Short prefixes bring fewer words: two per letter after the first.
  CHECK(words("me", true) == P{{"medical", MatchKind::prefix}, {"medicine", MatchKind::prefix}});
  CHECK(completions_for(2) == 2);
  CHECK(completions_for(3) == 4);
  CHECK(completions_for(5) == 8);
  CHECK(completions_for(12) == 8);
  CHECK(words("m", true).empty());  // too short to complete
  CHECK(words("mediaton", false) == P{{"mediation", MatchKind::typo}, {"mediator", MatchKind::typo}});
  CHECK(words("meda", false).empty());  // "media" is a typo away, but "meda" is short
  // A typo in the first letter too: replaced, left out, one added, swapped.
  CHECK(words("nediation", false) == P{{"mediation", MatchKind::typo}});
  CHECK(words("ediation", false) == P{{"mediation", MatchKind::typo}});
  CHECK(words("xmediation", false) == P{{"mediation", MatchKind::typo}});
  CHECK(words("emdiation", false) == P{{"mediation", MatchKind::typo}});
  CHECK(words("nedia", false) == P{{"media", MatchKind::typo}});
  CHECK(words("edia", false).empty());  // four letters: no typo forgiven
  CHECK(words("discrimnation", true) == P{{"discrimination", MatchKind::typo}});
  CHECK(words("2001", true) == P{{"2001", MatchKind::exact}});  // numbers: exactly only
  CHECK(words("200", true).empty());
}

TEST_CASE("search: a query of stop words only keeps them: \"it\" may be Italy", "[search]") {
  CHECK(parse_query("it ") == std::vector<QueryWord>{{"it", false}});
  CHECK(parse_query("IT") == std::vector<QueryWord>{{"it", true}});
  CHECK(parse_query("it works ") == std::vector<QueryWord>{{"works", false}});
  CHECK(parse_query("the ") == std::vector<QueryWord>{{"the", false}});
  CHECK(parse_query("  ").empty());

  SearchDocument italian = doc("Cooperative in Turin", "", "It works with migrants.");
  italian.codes = {"IT"};
  SearchDocument belgian = doc("It is a cooperative", "", "In Brussels, it helps.");
  belgian.codes = {"BE"};
  const InvertedIndex index = build_inverted_index({italian, belgian});
  CHECK(ranked(index, "it ") == std::vector<uint32_t>{0});  // the code, not the stop word
  CHECK(ranked(index, "IT") == std::vector<uint32_t>{0});
  CHECK(ranked(index, "be ") == std::vector<uint32_t>{1});
  const std::vector<Hit> both = search(index, "it cooperative ");
  REQUIRE(both.size() == 2);
  CHECK(both[0].words == 1);  // "it" dropped: only "cooperative" counts
  CHECK(both[1].words == 1);
  CHECK(index.groups[index.words.at("it")[0]].language.empty());  // not stemmed
}

TEST_CASE("search: ranking puts title matches first, then summary, then body", "[search]") {
  const InvertedIndex index = build_inverted_index({
      doc("Employment services", "", filler + "Some mediation too."),
      doc("Housing", "Mediation between tenants and landlords.", filler),
      doc("Mediation in the workplace", "", filler),
      doc("Schools", "", filler),
  });
  CHECK(ranked(index, "mediation") == std::vector<uint32_t>{2, 1, 0});
  CHECK(ranked(index, "MÉDIATION ") == std::vector<uint32_t>{2, 1, 0});
  CHECK(ranked(index, "mediaton") == std::vector<uint32_t>{2, 1, 0});
  CHECK(ranked(index, "schools").front() == 3);  // every filler has "schools"; only one title
}

TEST_CASE("search: records must hold every word, else those holding most come first", "[search]") {
  const InvertedIndex index = build_inverted_index({
      doc("Mediation", "", "housing"),
      doc("Mediation and training", "", "training"),
      doc("Training", "", "housing"),
  });
  CHECK(ranked(index, "mediation training") == std::vector<uint32_t>{1});
  const std::vector<Hit> some = search(index, "mediation housing training");
  CHECK(docs_of(some) == std::vector<uint32_t>{1, 0, 2});  // two words each, then by score
  CHECK(some[0].words == 2);
  CHECK(search(index, "nothing here").empty());
}

TEST_CASE("search: an exact match outranks a typo or a completion, and ties keep catalogue order", "[search]") {
  const InvertedIndex index = build_inverted_index({
      doc("Station", "", filler),
      doc("Stations", "", filler),  // same stem: an exact match too
      doc("Statistics", "", filler),
      doc("Statin", "", filler),
  });
  // "station " is finished: its stem group (station, stations), equal scores, catalogue order.
  CHECK(ranked(index, "station ") == std::vector<uint32_t>{0, 1});
  // While typed, "stati" completes to all four words; the rarer stems score higher.
  CHECK(ranked(index, "stati") == std::vector<uint32_t>{2, 3, 0, 1});
  // "statins" is no word: "statin" and "stations" are one typo away, "statistics" is not.
  CHECK(ranked(index, "statins ") == std::vector<uint32_t>{3, 0, 1});
  // An exact match beats the same word reached by a typo.
  const InvertedIndex two = build_inverted_index({doc("Mediator", "", filler), doc("Mediation", "", filler)});
  CHECK(ranked(two, "mediator ") == std::vector<uint32_t>{0, 1});  // same stem: both exact
  const InvertedIndex other = build_inverted_index({doc("Cartel", "", filler), doc("Castel", "", filler)});
  CHECK(ranked(other, "cartel ") == std::vector<uint32_t>{0});  // an exact match turns typos off
  CHECK(ranked(other, "carte") == std::vector<uint32_t>{0});    // a completion
  CHECK(search(other, "carte")[0].score < search(other, "cartel")[0].score);
}

TEST_CASE("search: IDF favours the rarer word", "[search]") {
  CHECK(idf(1000, 1) > idf(1000, 10));
  CHECK(idf(1000, 10) > idf(1000, 999));
  CHECK(idf(1000, 1000) > 0);
}

TEST_CASE("search: strong matches come first, then the collection's search rank, then the score", "[search]") {
  SearchDocument tagged = doc("ESPERE", "Trained staff to prevent discrimination.", filler);
  tagged.parts.push_back({Field::tags, "Fighting discrimination", "en"});
  const InvertedIndex index = build_inverted_index({
      doc("Discrimination office", "", filler),                    // an organisation, rank 4
      tagged,                                                      // a practice, rank 1
      doc("Training", "Against discrimination at work.", filler),  // a practice, not tagged
  });
  const std::vector<unsigned> ranks = {4, 1, 1};
  CHECK(docs_of(search(index, "discrimination ", ranks)) == std::vector<uint32_t>{1, 0, 2});
  CHECK(docs_of(search(index, "discrimination ")) == std::vector<uint32_t>{0, 1, 2});  // no ranks: by score
  CHECK(search(index, "office ", ranks)[0].strong == 1);
  CHECK(search(index, "staff ", ranks)[0].strong == 0);  // in the summary only
}

// The cases theme/search-core.js is tested with too (tests/search/core.test.mjs).
namespace {

const nlohmann::json& shared_cases() {
  static const nlohmann::json cases = [] {
    std::ifstream in(passerelle::testing::source_dir + "/tests/search/cases.json");
    return nlohmann::json::parse(in);
  }();
  return cases;
}

}  // namespace

TEST_CASE("search: shared cases: the order of results, queries and typos", "[search]") {
  for (const auto& c : shared_cases()["order"]) {
    INFO(c["name"].get<std::string>());
    std::vector<Hit> hits;
    for (const auto& h : c["hits"])
      hits.push_back({h[0].get<uint32_t>(), h[4].get<double>(), h[1].get<unsigned>(), h[2].get<unsigned>(),
                      h[3].get<unsigned>()});
    std::sort(hits.begin(), hits.end(), ranks_before);
    CHECK(docs_of(hits) == c["expected"].get<std::vector<uint32_t>>());
  }
  for (const auto& c : shared_cases()["parse"]) {
    INFO(c["query"].get<std::string>());
    std::vector<QueryWord> expected;
    for (const auto& w : c["words"]) expected.push_back({w[0].get<std::string>(), w[1].get<bool>()});
    CHECK(parse_query(c["query"].get<std::string>()) == expected);
  }
  for (const auto& t : shared_cases()["typos"]) {
    INFO(t[0].get<std::string>() << " / " << t[1].get<std::string>());
    CHECK(within_one_typo(t[0].get<std::string>(), t[1].get<std::string>()) == t[2].get<bool>());
  }
}

// On the browser tests' catalogue, not the shipped one: editing content/ must not
// fail a test (issue 17).
TEST_CASE("search: shared cases: queries on the browser tests' catalogue", "[search]") {
  using passerelle::CatalogueIndex, passerelle::DiskFileSystem, passerelle::Diagnostics, passerelle::Inputs,
      passerelle::LoadedCatalogue, passerelle::Record, passerelle::SiteModel, passerelle::testing::source_dir;
  DiskFileSystem disk;
  Diagnostics diagnostics;
  const Inputs inputs{source_dir + "/tests/fixtures/browser", source_dir + "/templates", source_dir + "/theme"};
  const LoadedCatalogue loaded = passerelle::load_catalogue(disk, inputs, diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  const CatalogueIndex catalogue = passerelle::build_index(loaded.records, loaded.schema);
  const SiteModel site{loaded.config, loaded.schema, loaded.vocabularies, loaded.records, catalogue};
  std::vector<std::string> texts;
  passerelle::render_bodies(loaded.records, diagnostics, &texts);
  const InvertedIndex index = build_inverted_index(make_search_documents(site, texts));
  std::vector<unsigned> ranks;
  for (const Record& r : loaded.records) ranks.push_back(loaded.schema.collection(r.collection)->search_rank);
  auto key = [&](uint32_t d) { return loaded.records[d].collection + "/" + loaded.records[d].id; };
  auto tagged = [&](uint32_t d, const std::string& theme) {
    const auto themes = loaded.records[d].fields.find("themes");
    return themes != loaded.records[d].fields.end() && themes->is_array() &&
           std::find(themes->begin(), themes->end(), theme) != themes->end();
  };

  for (const auto& c : shared_cases()["browser"]) {
    const std::string query = c["query"];
    INFO("query: " << query);
    const std::vector<Hit> hits = passerelle::search::search(index, query, ranks);
    std::vector<std::string> found;
    for (const Hit& h : hits) found.push_back(key(h.doc));
    if (c.contains("first")) {
      const auto first = c["first"].get<std::vector<std::string>>();
      REQUIRE(found.size() >= first.size());
      CHECK(std::vector<std::string>(found.begin(), found.begin() + static_cast<long>(first.size())) == first);
    }
    if (c.contains("top")) {
      const size_t top = c["top"];
      REQUIRE(found.size() >= top);
      const auto among = c["among"].get<std::set<std::string>>();
      for (size_t i = 0; i < top; ++i) {
        INFO("result " << i + 1 << ": " << found[i]);
        CHECK(among.count(loaded.records[hits[i].doc].collection) == 1);
        if (c.contains("theme_of_top")) CHECK(tagged(hits[i].doc, c["theme_of_top"]));
      }
      for (const std::string& k : c["include"].get<std::vector<std::string>>()) {
        INFO("expected among the first " << top << ": " << k);
        CHECK(std::find(found.begin(), found.begin() + static_cast<long>(top), k) !=
              found.begin() + static_cast<long>(top));
      }
    }
    if (c.contains("theme")) {
      const std::set<std::string> results(found.begin(), found.end());
      for (uint32_t d = 0; d < loaded.records.size(); ++d)
        if (tagged(d, c["theme"])) {
          INFO("tagged " << c["theme"].get<std::string>() << ": " << key(d));
          CHECK(results.count(key(d)) == 1);
        }
    }
  }
}
