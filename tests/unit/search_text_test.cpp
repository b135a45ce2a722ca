// Search: words, folding, stemming and languages (generator/search/
// text_folding.h, stemming.h, term_analyser.h). theme/search-core.js repeats the
// folding; tests/browser checks the two agree on the shipped catalogue.
#include <catch2/catch.hpp>

#include <set>

#include "search/stemming.h"
#include "search/term_analyser.h"
#include "search/text_folding.h"

using namespace passerelle::search;
using Words = std::vector<std::string>;

namespace {

Words strings(const std::vector<std::string_view>& views) { return {views.begin(), views.end()}; }

}  // namespace

TEST_CASE("search: words are runs of letters and digits", "[search]") {
  CHECK(strings(split_words("l'emploi, PT-2001-060!")) == Words{"l", "emploi", "PT", "2001", "060"});
  CHECK(strings(split_words("  ")).empty());
  // Combining marks stay inside their word, even written apart (NFD).
  CHECK(strings(split_words("Migrac\u0327o\u0303es e")) == Words{"Migrac\u0327o\u0303es", "e"});
  CHECK(strings(split_words("Σοφία · Łódź")) == Words{"Σοφία", "Łódź"});
  // A mark with no letter before it is not a word.
  CHECK(strings(split_words("\u0301x")) == Words{"x"});
}

TEST_CASE("search: folding ignores case and accents", "[search]") {
  CHECK(fold("Migrações") == "migracoes");
  CHECK(fold("Migrac\u0327o\u0303es") == "migracoes");  // the same, decomposed
  CHECK(fold("Lutte") == "lutte");
  CHECK(fold("MÉDIATION") == "mediation");
  CHECK(fold("Straße") == "strasse");
  CHECK(fold("Œuvre Æsop Øresund Łódź") == "oeuvre aesop oresund lodz");
  CHECK(fold("ﬁnance") == "finance");  // compatibility decomposition
  CHECK(fold("İstanbul") == "istanbul");
  CHECK(fold("ΣΟΦΊΑ σοφίας") == "σοφια σοφιασ");  // final sigma folds like sigma
  CHECK(fold("x\xff"
             "y") == "xy");  // invalid UTF-8 is dropped
}

TEST_CASE("search: folded words drop one-letter words and split what folding splits", "[search]") {
  CHECK(folded_words("L'accès à l'emploi") == Words{"acces", "emploi"});
  // "1½" folds to "11⁄2": words "11" and "2", which is too short.
  CHECK(folded_words("1½ PT-2001-060") == Words{"11", "pt", "2001", "060"});
  CHECK(folded_words(std::string(41, 'a') + " ok") == Words{"ok"});
  CHECK(code_point_count("ação") == 4);
}

TEST_CASE("util: code points are stepped by utf8proc, a bad byte counting as one", "[util]") {
  CHECK(passerelle::code_point_starts("aé…z") == std::vector<size_t>{0, 1, 3, 6});
  CHECK(passerelle::code_point_count("aé…z") == 4);
  // A lone continuation byte and a truncated sequence are one code point each.
  CHECK(passerelle::code_point_starts("a\x80"
                                      "b\xe2\x80") == std::vector<size_t>{0, 1, 2, 3, 4});
  CHECK(passerelle::code_point_count("") == 0);
}

TEST_CASE("search: stemmers group inflections, English after folding", "[search]") {
  Stemmer english("en"), french("fr"), none("xx");
  CHECK(english.stems());
  CHECK_FALSE(none.stems());
  CHECK(english.stem("mediations", "mediations") == "mediat");
  CHECK(english.stem("mediator", "mediator") == "mediat");
  CHECK(english.stem("médiation", "mediation") == english.stem("mediation", "mediation"));
  CHECK(french.stem("luttes", "luttes") == "lutt");
  CHECK(french.stem("lutte", "lutte") == "lutt");
  CHECK(french.stem("médiatrices", "mediatrices") == "mediatric");  // stemmed with accents, then folded
  CHECK(none.stem("Wörter", "worter") == "worter");
}

TEST_CASE("search: a record's language comes from a name, a code or its stop words", "[search]") {
  CHECK(language_code("French") == "fr");
  CHECK(language_code("en") == "en");
  CHECK(language_code("English, with passages in French") == "en");
  CHECK(language_code("Portuguese") == "pt");
  CHECK(language_code("Klingon").empty());
  CHECK(language_code("").empty());

  CHECK(guess_language({"La lutte contre les discriminations dans les entreprises et pour l'égalité de tous"},
                       "en") == "fr");
  CHECK(guess_language({"The fight against discrimination in the firms of the region, and for the many"},
                       "fr") == "en");
  // A French title quoted in English does not make the text French.
  CHECK(guess_language({"The report on", "La lutte contre la discrimination dans les services"}, "en") == "en");
  CHECK(guess_language({"SUNRISE Porto"}, "pt") == "pt");
}

TEST_CASE("search: stop words of English and French are neither indexed nor searched", "[search]") {
  CHECK(is_stop_word("the"));
  CHECK(is_stop_word("les"));
  CHECK(is_stop_word("meme"));  // folded "même"
  CHECK(is_stop_word("it"));
  CHECK_FALSE(is_stop_word("son"));  // an English word
  CHECK_FALSE(is_stop_word("lutte"));
  const Words all = stop_words();
  CHECK(std::is_sorted(all.begin(), all.end()));
  CHECK(std::set<std::string>(all.begin(), all.end()).size() == all.size());
}

TEST_CASE("search: the analyser pairs each word with its stem group", "[search]") {
  TermAnalyser analyser;
  const auto terms = analyser.analyse("The Mediation of mediators, MÉDIATIONS", "en");
  REQUIRE(terms.size() == 3);
  CHECK(terms[0].word == "mediation");
  CHECK(terms[1].word == "mediators");
  CHECK(terms[2].word == "mediations");
  CHECK(terms[0].group == terms[1].group);
  CHECK(terms[1].group == terms[2].group);
  CHECK(analyser.group_key(terms[0].group) == "en:mediat");

  // The same word in another language is another group.
  const auto french = analyser.analyse("médiation", "fr");
  REQUIRE(french.size() == 1);
  CHECK(french[0].word == "mediation");
  CHECK(analyser.group_key(french[0].group) == "fr:mediat");
  CHECK(french[0].group != terms[0].group);

  // Without a stemmer, a word is its own group.
  const auto klingon = analyser.analyse("Qapla'", "tlh");
  REQUIRE(klingon.size() == 1);
  CHECK(analyser.group_key(klingon[0].group) == ":qapla");

  CHECK(analyser.term_count() == 5);            // mediation, mediators, mediations; mediation (fr); qapla
  CHECK(analyser.term(3).word == "mediation");  // numbered as they came
  CHECK(analyser.group_key(analyser.term(3).group) == "fr:mediat");
}

TEST_CASE("search: next_word reads the words split_words returns", "[search]") {
  const std::string text =
      "L'accès, PT-2001-060! Migrac\u0327o\u0303es \u0301x \xff"
      "end";
  std::vector<std::string_view> read;
  for (size_t from = 0;;) {
    const auto [begin, end] = next_word(text, from);
    if (begin == end) {
      CHECK(begin == text.size());
      break;
    }
    read.push_back(std::string_view(text).substr(begin, end - begin));
    from = end;
  }
  CHECK(strings(read) == Words{"L", "accès", "PT", "2001", "060", "Migrac\u0327o\u0303es", "x", "end"});
  CHECK(next_word("  ", 0) == std::pair<size_t, size_t>{2, 2});
}

TEST_CASE("search: stemmers leave numbers as they are", "[search]") {
  // The analyser skips the stemmer for numbers (codes and years are many).
  for (const char* language : {"en", "fr", "pt", "es", "it", "de", "nl"}) {
    Stemmer stemmer(language);
    INFO(language);
    REQUIRE(stemmer.stems());
    for (const char* number : {"2001", "060", "000128", "19"}) CHECK(stemmer.stem(number, number) == number);
  }
}
