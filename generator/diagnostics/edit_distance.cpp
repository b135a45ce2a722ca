#include "diagnostics/edit_distance.h"

#include <algorithm>
#include <cstdlib>
#include <cctype>
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
  std::vector<size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), size_t{0});
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t substitution = diagonal + (fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
  // Allow one edit in short words, about a third of the letters in longer ones.
  const size_t limit = std::max<size_t>(1, word.size() / 3);
  std::optional<std::string> best;
  size_t best_distance = limit + 1;
  int best_closeness = -1;
  for (const auto& candidate : candidates) {
    size_t d = edit_distance(word, candidate);
    if (d > limit || d > best_distance) continue;
    int closeness = keyboard_closeness(word, candidate);
    if (d < best_distance || closeness > best_closeness) {
      best_distance = d;
      best_closeness = closeness;
      best = candidate;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  auto match = closest_match(word, candidates);
  return match ? "did you mean '" + *match + "'?" : std::string{};
}

}  // namespace passerelle
