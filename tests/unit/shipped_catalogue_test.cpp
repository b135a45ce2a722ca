// The shipped catalogue, checked against the source documents it is written
// from (../shared/sources): it builds cleanly, every link resolves, its shape
// matches what the sources hold, and no record copies the sources' sentences.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <utf8proc.h>

#include "catalogue/schema.h"
#include "catalogue/vocabulary.h"
#include "test_support.h"
#include "validation/record_loader.h"

using namespace passerelle;
using namespace passerelle::testing;
namespace fs = std::filesystem;

namespace {

const fs::path sources_dir = fs::path(source_dir) / ".." / "shared" / "sources";

struct Shipped {
  DiskFileSystem disk;
  Diagnostics diagnostics;
  Schema schema = load_schema(disk, source_dir + "/content", diagnostics);
  Vocabularies vocabularies = load_vocabularies(disk, source_dir + "/content", schema.taxonomies, diagnostics);
  std::vector<Record> records = load_records(disk, source_dir + "/content", schema, vocabularies, diagnostics);

  std::vector<const Record*> in(const std::string& collection, const std::string& id_prefix = "") const {
    std::vector<const Record*> out;
    for (const auto& r : records)
      if (r.collection == collection && r.id.rfind(id_prefix, 0) == 0) out.push_back(&r);
    return out;
  }
};

const Shipped& shipped() {
  static const Shipped instance;
  return instance;
}

const Record& record(const std::string& key) {
  for (const auto& r : shipped().records)
    if (r.key() == key) return r;
  FAIL("no record " << key);
  return shipped().records.front();
}

std::string source_text(const std::string& prefix) {
  for (const auto& entry : fs::directory_iterator(sources_dir))
    if (entry.path().filename().string().rfind(prefix, 0) == 0) return read_file(entry.path());
  FAIL("source document " << prefix << " not found in " << sources_dir);
  return {};
}

// Lower-case words (runs of letters and digits), URLs left out: an address
// is a fact, not a sentence.
std::vector<std::string> words(const std::string& text) {
  static const std::regex url(R"((https?://|www\.)\S+)");
  const std::string plain = std::regex_replace(text, url, " ");
  std::vector<std::string> out;
  std::string word;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(plain.data());
  const auto size = static_cast<utf8proc_ssize_t>(plain.size());
  for (utf8proc_ssize_t i = 0; i <= size;) {
    utf8proc_int32_t c = ' ';
    utf8proc_ssize_t length = 1;
    if (i < size) {
      length = utf8proc_iterate(bytes + i, size - i, &c);
      if (length < 1) length = 1, c = ' ';
    }
    auto category = utf8proc_category(c);
    bool letter = category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_NO;
    if (letter) {
      utf8proc_uint8_t buffer[4];
      auto n = utf8proc_encode_char(utf8proc_tolower(c), buffer);
      word.append(reinterpret_cast<char*>(buffer), static_cast<size_t>(n));
    } else if (!word.empty()) {
      out.push_back(word);
      word.clear();
    }
    i += length;
  }
  return out;
}

}  // namespace

TEST_CASE("the source documents are beside the repository", "[catalogue]") {
  REQUIRE(fs::is_directory(sources_dir));
  size_t documents = 0;
  for (const auto& entry : fs::directory_iterator(sources_dir)) documents += entry.path().extension() == ".txt";
  CHECK(documents == 5);
}

TEST_CASE("the shipped content builds with no diagnostic and every link resolves on disk", "[catalogue]") {
  TempDir dir;
  const fs::path out = dir.path() / "site";
  CommandResult result = run("cd " + source_dir + " && " + binary + " build --out " + out.string());
  INFO(result.output);
  REQUIRE(result.status == 0);
  CHECK(result.output.find("warning") == std::string::npos);
  CHECK(result.output.find("error") == std::string::npos);

  // An independent check of what was written: every href, src and CSS url()
  // that is not external names a file in the site.
  static const std::regex link(R"re((?:href|src)="([^"]*)"|url\(([^)]*)\))re");
  size_t checked = 0;
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    const auto ext = entry.path().extension();
    if (ext != ".html" && ext != ".css") continue;
    const std::string text = read_file(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), link), end; it != end; ++it) {
      std::string target = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
      if (target.empty() || target[0] == '#' || target.rfind("http", 0) == 0 ||
          target.rfind("mailto:", 0) == 0 || target.rfind("data:", 0) == 0)
        continue;
      target = target.substr(0, target.find_first_of("#?"));
      INFO(entry.path().string() << " -> " << target);
      CHECK(target[0] != '/');
      CHECK(fs::exists(entry.path().parent_path() / target));
      ++checked;
    }
  }
  CHECK(checked > 1000);
}

TEST_CASE("recommendations: 60 from the Fondation pour la Solidarité, split by audience", "[catalogue]") {
  auto fds = shipped().in("recommendations", "fds-");
  REQUIRE(fds.size() == 60);
  std::map<std::string, std::pair<int, int>> expected = {
      {"general", {1, 16}}, {"public-authorities", {17, 39}}, {"enterprises", {40, 46}},
      {"ngos", {47, 51}},   {"trade-unions", {52, 57}},       {"target-public", {58, 60}}};
  std::set<int> numbers;
  for (const Record* r : fds) {
    INFO(r->id);
    int number = r->fields.at("number").get<int>();
    numbers.insert(number);
    auto [first, last] = expected.at(r->fields.at("audience").get<std::string>());
    CHECK(number >= first);
    CHECK(number <= last);
  }
  CHECK(numbers.size() == 60);
  CHECK(*numbers.begin() == 1);
  CHECK(*numbers.rbegin() == 60);
  // The guide's recommendations to municipalities, trade unions and migrant workers.
  for (const char* audience : {"municipalities", "trade-unions", "migrant-workers"}) {
    size_t n = 0;
    for (const Record* r : shipped().in("recommendations", "umn-")) n += r->fields.at("audience") == audience;
    INFO(audience);
    CHECK(n > 0);
  }
  CHECK(shipped().in("recommendations", "pt-ntn-").size() > 0);
}

TEST_CASE("benchmarks: EUROCITIES 11 key and 7 contextual, IMPART 8, Portuguese grid 6 + 5", "[catalogue]") {
  std::map<std::pair<std::string, std::string>, std::set<int>> factors;
  for (const Record* r : shipped().in("factors"))
    factors[{r->fields.at("benchmark").get<std::string>(), r->fields.at("kind").get<std::string>()}].insert(
        r->fields.at("number").get<int>());
  auto numbers = [](int n) {
    std::set<int> s;
    for (int i = 1; i <= n; ++i) s.insert(i);
    return s;
  };
  CHECK(factors[{"benchmarks/eurocities-anti-discrimination", "key"}] == numbers(11));
  CHECK(factors[{"benchmarks/eurocities-anti-discrimination", "contextual"}] == numbers(7));
  CHECK(factors[{"benchmarks/impart-core", "core"}] == numbers(8));
  CHECK(factors[{"benchmarks/pt-validation-grid", "mandatory"}] == numbers(6));
  CHECK(factors[{"benchmarks/pt-validation-grid", "discretionary"}] == numbers(5));
  for (const Record* r : shipped().in("factors", "eurocities-key-")) {
    INFO(r->id);
    CHECK(r->fields.contains("original_title"));
    CHECK(!r->fields.value("guiding_questions", nlohmann::json::array()).empty());
  }
}

TEST_CASE("the 14 Development Partnerships with the codes the EQUAL report gives", "[catalogue]") {
  // The report writes codes with spaced dashes: "PT – 2001 – 060".
  std::string report = std::regex_replace(source_text("000_"), std::regex(" – "), "-");
  auto dps = shipped().in("dps");
  REQUIRE(dps.size() == 14);
  size_t portuguese = 0, french = 0;
  for (const Record* r : dps) {
    const std::string code = r->fields.at("code").get<std::string>();
    INFO(r->id << " " << code);
    CHECK(report.find(code) != std::string::npos);
    portuguese += code.rfind("PT-2001-", 0) == 0;
    french += code.rfind("FR-", 0) == 0;
    CHECK(r->fields.contains("network"));
  }
  CHECK(portuguese == 7);
  CHECK(french == 7);
  // Twelve products were validated by the Portuguese network.
  size_t validated = 0;
  for (const Record* r : dps)
    for (const auto& p : r->fields.value("products", nlohmann::json::array()))
      validated += p.value("validated", false);
  CHECK(validated == 12);
}

TEST_CASE("EQUAL rounds: 2001 codes in round 1 (2002-2005), 2004 codes in round 2", "[catalogue]") {
  // "During the first round of EQUAL (2002-2005)" (report, section 1).
  CHECK(source_text("000_").find("first round of EQUAL (2002-2005)") != std::string::npos);
  size_t second = 0;
  for (const Record* r : shipped().in("dps")) {
    const std::string code = r->fields.at("code").get<std::string>();
    INFO(r->id << " " << code);
    REQUIRE(r->fields.contains("round"));
    if (code.find("-2004-") != std::string::npos) {
      ++second;
      CHECK(r->fields.at("round").get<int>() == 2);
      CHECK_FALSE(r->fields.contains("period"));  // the report gives no dates for round 2
    } else {
      CHECK(code.find("-2001-") != std::string::npos);
      CHECK(r->fields.at("round").get<int>() == 1);
      REQUIRE(r->fields.contains("period"));
      CHECK(r->fields.at("period").value("start", 0) == 2002);
      CHECK(r->fields.at("period").value("end", 0) == 2005);
    }
  }
  CHECK(second == 3);  // AVERROES, ELMER, Pluriel Media
}

TEST_CASE("fact-check: the Portuguese network's roles and recommendations", "[catalogue]") {
  const std::string report = source_text("000_");
  // Ana Vale is only quoted, as being "from the Managing Authority".
  CHECK(report.find("Ana Vale from the Managing Authority") != std::string::npos);
  bool found = false;
  for (const auto& role : record("networks/pt-ntn-immigrants").fields.at("roles")) {
    if (role.value("name", "") != "Ana Vale") continue;
    found = true;
    const std::string what = role.value("role", "");
    CHECK(what.find("Managing Authority") != std::string::npos);
    CHECK(what.find("esign") == std::string::npos);
  }
  CHECK(found);
  // The policy document as a whole went to the High Commission and the
  // drafters of the National Action Plans: one audience for all 14 messages,
  // and no two of them end with the same paragraph.
  auto pt = shipped().in("recommendations", "pt-ntn-");
  CHECK(pt.size() == 14);
  std::set<std::string> last_paragraphs;
  for (const Record* r : pt) {
    INFO(r->id);
    CHECK(r->fields.at("audience") == "policy-makers");
    std::string body(r->body);
    while (!body.empty() && body.back() == '\n') body.pop_back();
    const size_t cut = body.rfind("\n\n");
    last_paragraphs.insert(cut == std::string::npos ? body : body.substr(cut + 2));
  }
  CHECK(last_paragraphs.size() == pt.size());
}

TEST_CASE("fact-check: the French network and ESPERE", "[catalogue]") {
  const std::string report = source_text("000_");
  // Meetings in 2003/2004, a limited formal life and no end date; 2005 is
  // when the charters were signed.
  CHECK(report.find("in the period 2003/2004") != std::string::npos);
  const auto& period = record("networks/fr-ntn-racial-discrimination").fields.at("period");
  CHECK(period.value("start", 0) == 2003);
  CHECK_FALSE(period.contains("end"));
  // ESPERE addressed the principal agents of the PES and their hierarchies.
  CHECK(report.find("principle agents of the Public Employment Service (PES) and their hierarchies") !=
        std::string::npos);
  const Record& espere = record("dps/espere");
  const std::string description = espere.fields.at("products").at(0).value("description", "");
  for (const std::string& text : {description, std::string(espere.body)}) {
    CHECK(text.find("principal agents") != std::string::npos);
    CHECK(text.find("front-line") == std::string::npos);
    CHECK(text.find("frontline") == std::string::npos);
  }
}

TEST_CASE("fact-check: the Fondation pour la Solidarité's recommendation 56", "[catalogue]") {
  // PSA Peugeot Citroën was the employer in the agreement the unions signed.
  const Record& r = record("recommendations/fds-56");
  for (const auto& who : r.fields.value("carried_out_by", nlohmann::json::array()))
    CHECK(who != "organisations/psa-peugeot-citroen");
  const auto related = r.fields.value("related", nlohmann::json::array());
  const bool relates_to_employer =
      std::find(related.begin(), related.end(), "organisations/psa-peugeot-citroen") != related.end();
  CHECK(relates_to_employer);
}

TEST_CASE("fact-check: the UnionMigrantNet guide's records", "[catalogue]") {
  const std::string guide = source_text("003_");
  // Consultancy agencies give "professional and sometimes free support".
  CHECK(guide.find("professional and sometimes free support") != std::string::npos);
  const std::string practice(record("practices/good-practice-8").body);
  CHECK(practice.find("often work for free") == std::string::npos);
  CHECK(practice.find("in some\ncases, free of charge") != std::string::npos);
  // Communa occupies buildings "within a short period of time": quickly.
  CHECK(guide.find("within a short period of time") != std::string::npos);
  const std::string communa = record("initiatives/communa").summary();
  CHECK(communa.find("short periods") == std::string::npos);
  CHECK(communa.find("quickly") != std::string::npos);
  // Nemo ENAIP Piemonte: the inventory's working enaip.piemonte.it address.
  const std::string website = record("initiatives/nemo-enaip-piemonte").fields.at("website").get<std::string>();
  CHECK(website.rfind("https://www.enaip.piemonte.it/", 0) == 0);
  CHECK(guide.find(website) != std::string::npos);
  // Long-term residence through work in the SSE is for the national level.
  CHECK(guide.find("At the national level, legislation allowing for the granting of long-term residence") !=
        std::string::npos);
  CHECK(record("recommendations/umn-municipalities-8").fields.at("audience") == "public-authorities");
  // The guide's definition of the SSE and its social impact method are
  // records that every initiative links to.
  CHECK(guide.find("9 criteria under 3 types of indicators") != std::string::npos);
  CHECK(guide.find("There are 4 main families of SI evaluation methods") != std::string::npos);
  for (const Record* r : shipped().in("initiatives")) {
    INFO(r->id);
    const auto related = r->fields.value("related", nlohmann::json::array());
    for (const char* page : {"benchmarks/umn-sse-definition", "benchmarks/umn-social-impact-assessment"}) {
      INFO(page);
      const bool links = std::find(related.begin(), related.end(), page) != related.end();
      CHECK(links);
    }
  }
}

TEST_CASE("source documents carry the year each establishes for itself", "[catalogue]") {
  CHECK(source_text("001_").find("December 2004") != std::string::npos);
  CHECK(source_text("002_").find("23 May 2012") != std::string::npos);
  CHECK(source_text("003_").find("In 2022, UnionMigrantNet is") != std::string::npos);
  CHECK(source_text("004_").find("Copyright © 2012") != std::string::npos);
  std::map<std::string, int> expected = {{"fds-immigrant-population-labour-market", 2004},
                                         {"impart-input-reutlingen-2012", 2012},
                                         {"unionmigrantnet-sse-guide", 2022},
                                         {"eurocities-anti-discrimination-toolkit", 2012}};
  for (const auto& [id, year] : expected) {
    INFO(id);
    CHECK(record("sources/" + id).fields.value("year", 0) == year);
  }
  // The EQUAL report is undated and its text gives only a range (not before
  // November 2005): no year.
  CHECK_FALSE(record("sources/equal-national-networks").fields.contains("year"));
}

TEST_CASE("initiatives per country match the guide's inventory (section 7)", "[catalogue]") {
  // Count the inventory's entries per country straight from the source.
  const std::string guide = source_text("003_");
  const size_t start = guide.find("7. Non-exhaustive list of projects");
  const size_t end = guide.find("8. BIBLIOGRAPHIC RESOURCES");
  REQUIRE(start != std::string::npos);
  REQUIRE(end != std::string::npos);
  std::map<std::string, size_t> inventory;
  std::string country;
  std::istringstream lines(guide.substr(start, end - start));
  static const std::regex heading(R"(^In (?:the )?(.+):\s*$)");
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_match(line, m, heading)) {
      country = m[1];
      continue;
    }
    std::string s = std::regex_replace(line, std::regex(R"(^\s+|\s+$)"), "");
    if (country.empty() || s.empty()) continue;
    // Continuation lines carry further addresses of the entry above.
    if (std::regex_search(s, std::regex(R"(^(-\s*)?(o\s+)?(<u>)?https?://)"))) continue;
    // ... or the rest of an address broken over two lines.
    if (s.find(' ') == std::string::npos && s.find('/') != std::string::npos) continue;
    ++inventory[country];
  }
  CHECK(inventory.size() == 14);

  std::map<std::string, size_t> records;
  static const std::regex cited(R"(^7, (?:the )?(.+)$)");
  for (const Record* r : shipped().in("initiatives")) {
    for (const auto& s : r->fields.value("sources", nlohmann::json::array())) {
      std::smatch m;
      const std::string section = s.value("section", "");
      if (std::regex_match(section, m, cited)) ++records[m[1]];
    }
  }
  auto show = [](const std::map<std::string, size_t>& m) {
    std::string out;
    for (const auto& [k, v] : m) out += k + "=" + std::to_string(v) + " ";
    return out;
  };
  CHECK(show(records) == show(inventory));
}

TEST_CASE("every record cites a source document, with its section", "[catalogue]") {
  for (const auto& r : shipped().records) {
    if (r.collection == "sources") continue;
    INFO(r.key());
    auto sources = r.fields.value("sources", nlohmann::json::array());
    REQUIRE_FALSE(sources.empty());
    bool cites_document = false;
    for (const auto& s : sources)
      cites_document = cites_document || (s.contains("source") && s.contains("section"));
    CHECK(cites_document);
  }
}

TEST_CASE("no record repeats a run of 12 or more words from the sources", "[catalogue]") {
  constexpr size_t run = 12;
  std::set<std::string> phrases;
  for (const auto& entry : fs::directory_iterator(sources_dir)) {
    if (entry.path().extension() != ".txt") continue;
    auto w = words(read_file(entry.path()));
    for (size_t i = 0; i + run <= w.size(); ++i) {
      std::string phrase;
      for (size_t j = i; j < i + run; ++j) phrase += w[j] + ' ';
      phrases.insert(std::move(phrase));
    }
  }
  REQUIRE(phrases.size() > 10000);
  size_t files = 0;
  std::vector<std::string> copied;  // "file: the words"
  for (const auto& entry : fs::recursive_directory_iterator(source_dir + "/content")) {
    if (entry.path().extension() != ".md") continue;
    ++files;
    auto w = words(read_file(entry.path()));
    for (size_t i = 0; i + run <= w.size(); ++i) {
      std::string phrase;
      for (size_t j = i; j < i + run; ++j) phrase += w[j] + ' ';
      if (phrases.count(phrase)) {
        copied.push_back(fs::relative(entry.path(), source_dir).string() + ": " + phrase);
        break;
      }
    }
  }
  CHECK(files > 300);
  CHECK(copied == std::vector<std::string>{});
}

TEST_CASE("the shipped schema, vocabularies and records load without diagnostics", "[catalogue]") {
  CHECK(formatted(shipped().diagnostics) == "");
  CHECK(shipped().vocabularies.at("themes").terms.size() >= 15);
  CHECK(shipped().vocabularies.at("themes").terms.size() <= 25);
  for (const auto& taxonomy : {"themes", "actors"})
    for (const auto& term : shipped().vocabularies.at(taxonomy).terms) {
      INFO(term.id);
      CHECK(term.labels.count("en"));
      CHECK(term.labels.count("fr"));
      CHECK_FALSE(term.description("en").empty());
    }
}
