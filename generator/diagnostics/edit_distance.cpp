#include "diagnostics/edit_distance.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <numeric>

namespace passerelle {

namespace {

char fold(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Among equally close candidates, prefer the one whose differing letters sit
// next to the typed ones on a QWERTY keyboard: "PR" means "PT" more often
// than "HR".
int keyboard_closeness(std::string_view typed, std::string_view candidate) {
  static const char* rows[] = {"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"};
  auto where = [](char c) -> std::pair<int, int> {
    for (int r = 0; r < 4; ++r)
      for (int col = 0; rows[r][col]; ++col)
        if (rows[r][col] == c) return {r, col};
    return {-9, -9};
  };
  if (typed.size() != candidate.size()) return 0;
  int score = 0;
  for (size_t i = 0; i < typed.size(); ++i) {
    char a = fold(typed[i]), b = fold(candidate[i]);
    if (a == b) continue;
    auto [ra, ca] = where(a);
    auto [rb, cb] = where(b);
    if (std::abs(ra - rb) <= 1 && std::abs(ca - cb) <= 1) ++score;
  }
  return score;
}

}  // namespace

size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows: a swap of two neighbouring letters ("lable" for "label") is
  // one edit, as people make it (the optimal string alignment distance).
  std::vector<size_t> before(b.size() + 1), previous(b.size() + 1), row(b.size() + 1);
  std::iota(row.begin(), row.end(), size_t{0});
  for (size_t i = 1; i <= a.size(); ++i) {
    before.swap(previous);
    previous.swap(row);
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const bool same = fold(a[i - 1]) == fold(b[j - 1]);
      row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1]))
        row[j] = std::min(row[j], before[j - 2] + 1);
    }
  }
  return row[b.size()];
}

namespace {

// "countries" → "country", "actors" → "actor": what a singular and its plural share.
std::string singular(std::string_view word) {
  std::string out;
  for (char c : word) out += fold(c);
  if (out.size() > 3 && out.ends_with("ies")) return out.substr(0, out.size() - 3) + "y";
  if (out.size() > 2 && out.back() == 's' && out[out.size() - 2] != 's') out.pop_back();
  return out;
}

}  // namespace

std::vector<std::string> closest_matches(std::string_view word, const std::vector<std::string>& candidates) {
  // Allow one edit in short words, about a third of the letters in longer ones.
  const size_t limit = std::max<size_t>(1, word.size() / 3);
  const std::string word_singular = singular(word);
  std::vector<std::string> best;
  size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    if (candidate == word) continue;
    const size_t d = singular(candidate) == word_singular ? 0 : edit_distance(word, candidate);
    if (d > best_distance || (d > limit && d != 0)) continue;
    if (d < best_distance) best.clear();
    best_distance = d;
    if (std::find(best.begin(), best.end(), candidate) == best.end()) best.push_back(candidate);
  }
  if (best.size() > 1 && !word.empty()) {
    std::vector<std::string> same_start;
    for (const auto& b : best)
      if (!b.empty() && fold(b[0]) == fold(word[0])) same_start.push_back(b);
    if (!same_start.empty()) best = std::move(same_start);
  }
  std::stable_sort(best.begin(), best.end(), [&](const std::string& a, const std::string& b) {
    return keyboard_closeness(word, a) > keyboard_closeness(word, b);
  });
  return best;
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  auto matches = closest_matches(word, candidates);
  if (matches.empty()) return std::nullopt;
  return matches.front();
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  return did_you_mean(closest_matches(word, candidates));
}

std::string did_you_mean(std::vector<std::string> matches) {
  if (matches.empty()) return {};
  if (matches.size() > 4) matches.resize(4);
  std::string out = "did you mean ";
  for (size_t i = 0; i < matches.size(); ++i) {
    if (i > 0) out += i + 1 == matches.size() ? " or " : ", ";
    out += "'" + matches[i] + "'";
  }
  return out + "?";
}

}  // namespace passerelle
