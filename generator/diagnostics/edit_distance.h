// "Did you mean …?": the closest candidate to a misspelt name.
//
// Levenshtein distance (insertions, deletions, substitutions) compared
// case-insensitively, as ninja's edit_distance does for target names. A
// suggestion is offered only when it is close relative to the word's length,
// so "PR" suggests "PT" but "xyz" suggests nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle {

size_t edit_distance(std::string_view a, std::string_view b);

// The closest of `candidates` to `word`, or nothing when none is close enough.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

// "did you mean 'X'?" or empty.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace passerelle
