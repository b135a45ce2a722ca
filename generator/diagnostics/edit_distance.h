// "Did you mean …?": the closest candidate to a misspelt name.
//
// Edit distance (insertions, deletions, substitutions and swaps of two
// neighbouring letters) compared
// case-insensitively, as ninja's edit_distance does for target names. A
// suggestion is offered only when it is close relative to the word's length,
// so "PR" suggests "PT" but "xyz" suggests nothing. A singular and its plural
// are as close as can be ("country" → "countries"). When several candidates
// are equally close, all are offered (those that share the word's first
// letter, if any do), so a hint never hides an equally likely answer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle {

size_t edit_distance(std::string_view a, std::string_view b);

// The candidates closest to `word`, equally close, the likeliest first (a
// letter next to the typed one on the keyboard); empty when none is close enough.
std::vector<std::string> closest_matches(std::string_view word, const std::vector<std::string>& candidates);

// The likeliest of closest_matches(), or nothing.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

// "did you mean 'X'?", "did you mean 'X' or 'Y'?", or empty.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// The same sentence for matches already found (closest_matches()), as the
// user would write them: a record's key "dps/espere" offered as "../dps/espere.md".
std::string did_you_mean(std::vector<std::string> matches);

}  // namespace passerelle
