#include "search/query_matcher.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "search/stemming.h"
#include "search/text_folding.h"

namespace passerelle::search {

namespace {

// Bytes in the UTF-8 sequence that `lead` starts.
size_t utf8_length(char lead) {
  const auto byte = static_cast<unsigned char>(lead);
  return byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
}

std::u32string code_points(std::string_view text) {
  std::u32string out;
  for (size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const size_t length = utf8_length(text[i]);
    char32_t cp = length == 1 ? byte : byte & (0x3F >> (length - 1));
    for (size_t k = 1; k < length && i + k < text.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    out += cp;
    i += length;
  }
  return out;
}

bool ends_in_word(std::string_view query) {
  const std::vector<std::string_view> words = split_words(query);
  return !words.empty() && words.back().data() + words.back().size() == query.data() + query.size();
}

uint32_t doc_frequency(const InvertedIndex& index, const std::string& word) {
  uint32_t total = 0;
  for (uint32_t g : index.words.at(word)) total += static_cast<uint32_t>(index.groups[g].postings.size());
  return total;
}

}  // namespace

std::vector<QueryWord> parse_query(std::string_view query) {
  std::vector<QueryWord> out;
  std::vector<std::string> words = folded_words(query);
  const bool typing = ends_in_word(query);
  // A query of stop words only is searched as it is: "it" may be Italy's code.
  const bool only_stop_words =
      std::all_of(words.begin(), words.end(), [](const std::string& w) { return is_stop_word(w); });
  for (size_t i = 0; i < words.size(); ++i) {
    const bool prefix = typing && i + 1 == words.size();
    // A stop word being typed may be the start of another word ("the" → "theme").
    if (is_stop_word(words[i]) && !prefix && !only_stop_words) continue;
    auto same = std::find_if(out.begin(), out.end(), [&](const QueryWord& q) { return q.word == words[i]; });
    if (same != out.end()) same->prefix = same->prefix || prefix;
    else out.push_back({std::move(words[i]), prefix});
  }
  return out;
}

bool within_one_typo(std::string_view typed_text, std::string_view word_text) {
  const std::u32string a = code_points(typed_text), b = code_points(word_text);
  if (a == b) return false;
  const size_t m = a.size(), n = b.size();
  if (m > n + 1 || n > m + 1) return false;
  size_t i = 0;
  while (i < m && i < n && a[i] == b[i]) ++i;  // the common start
  if (m == n) {
    if (a.substr(i + 1) == b.substr(i + 1)) return true;  // one replaced
    return i + 1 < m && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
  }
  return m > n ? a.substr(i + 1) == b.substr(i) : a.substr(i) == b.substr(i + 1);
}

size_t completions_for(size_t length) {
  return std::min(kMatchRules.completions, kMatchRules.completions_per_letter * (length > 0 ? length - 1 : 0));
}

bool is_number(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<WordMatch> match_word(const InvertedIndex& index, const QueryWord& query) {
  std::vector<WordMatch> out;
  const bool exact = index.words.count(query.word) > 0;
  if (exact) out.push_back({query.word, MatchKind::exact});
  if (is_number(query.word)) return out;

  const size_t length = code_point_count(query.word);
  if (query.prefix && length >= kMatchRules.prefix_min_length) {
    std::vector<std::pair<uint32_t, std::string>> completions;  // (frequency, word)
    for (auto it = index.words.upper_bound(query.word);
         it != index.words.end() && it->first.compare(0, query.word.size(), query.word) == 0; ++it)
      if (!is_number(it->first)) completions.emplace_back(doc_frequency(index, it->first), it->first);
    std::stable_sort(completions.begin(), completions.end(),
                     [](const auto& x, const auto& y) { return x.first > y.first; });
    completions.resize(std::min(completions.size(), completions_for(length)));
    for (auto& [frequency, word] : completions) out.push_back({std::move(word), MatchKind::prefix});
  }

  if (!exact && length >= kMatchRules.typo_min_length) {
    for (const auto& entry : index.words) {
      const std::string& word = entry.first;
      const bool already =
          std::any_of(out.begin(), out.end(), [&](const WordMatch& m) { return m.word == word; });
      if (!already && !is_number(word) && within_one_typo(query.word, word))
        out.push_back({word, MatchKind::typo});
    }
  }
  return out;
}

double idf(uint32_t doc_count, uint32_t doc_frequency) {
  return std::log(1.0 + (doc_count - doc_frequency + 0.5) / (doc_frequency + 0.5));
}

bool ranks_before(const Hit& a, const Hit& b) {
  if (a.words != b.words) return a.words > b.words;
  if (a.strong != b.strong) return a.strong > b.strong;
  if (a.rank != b.rank) return a.rank < b.rank;
  if (a.score != b.score) return a.score > b.score;
  return a.doc < b.doc;
}

std::map<uint32_t, double> group_weights(const InvertedIndex& index, const QueryWord& word) {
  std::map<uint32_t, double> weights;
  for (const WordMatch& match : match_word(index, word)) {
    const double weight = match.kind == MatchKind::exact    ? kMatchRules.exact_weight
                          : match.kind == MatchKind::prefix ? kMatchRules.prefix_weight
                                                            : kMatchRules.typo_weight;
    for (uint32_t g : index.words.at(match.word)) weights[g] = std::max(weights[g], weight);
  }
  return weights;
}

std::vector<Hit> matching(const InvertedIndex& index, const std::vector<std::map<uint32_t, double>>& words,
                          const std::vector<unsigned>& ranks) {
  std::vector<double> score(index.doc_count, 0.0);
  std::vector<unsigned> held(index.doc_count, 0), strong(index.doc_count, 0);
  for (const auto& weights : words) {
    std::vector<double> best(index.doc_count, 0.0);
    std::vector<bool> in_title(index.doc_count, false);
    for (const auto& [g, weight] : weights) {
      const TermGroup& group = index.groups[g];
      const double w = weight * idf(index.doc_count, static_cast<uint32_t>(group.postings.size()));
      for (const Posting& p : group.postings) {
        best[p.doc] = std::max(best[p.doc], w * p.impact);
        // A typo is a guess: it finds records, but does not say what they are about.
        if (p.impact >= kStrongImpact && weight > kMatchRules.typo_weight) in_title[p.doc] = true;
      }
    }
    for (uint32_t d = 0; d < index.doc_count; ++d)
      if (best[d] > 0) {
        score[d] += best[d];
        ++held[d];
        if (in_title[d]) ++strong[d];
      }
  }
  std::vector<Hit> hits;
  const auto all = static_cast<unsigned>(words.size());
  auto rank = [&](uint32_t d) { return d < ranks.size() ? ranks[d] : 0u; };
  for (uint32_t d = 0; d < index.doc_count; ++d)
    if (held[d] == all && all > 0) hits.push_back({d, score[d], held[d], strong[d], rank(d)});
  if (hits.empty())
    for (uint32_t d = 0; d < index.doc_count; ++d)
      if (held[d] > 0) hits.push_back({d, score[d], held[d], strong[d], rank(d)});
  return hits;
}

std::vector<Hit> search(const InvertedIndex& index, std::string_view query,
                        const std::vector<unsigned>& ranks) {
  std::vector<std::map<uint32_t, double>> words;
  for (const QueryWord& word : parse_query(query)) words.push_back(group_weights(index, word));
  std::vector<Hit> hits = matching(index, words, ranks);
  std::sort(hits.begin(), hits.end(), ranks_before);
  return hits;
}

}  // namespace passerelle::search
