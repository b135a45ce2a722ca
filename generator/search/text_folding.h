// Words and folding: the one definition of "the same word" that the index and
// the browser share.
//
// A word is a run of letters and digits (combining marks kept inside it).
// Folding lower-cases it, decomposes it (Unicode NFKD, through utf8proc),
// drops the marks, and maps the few Latin letters that have no decomposition
// (ß→ss, æ→ae, œ→oe, ø→o, ł→l, đ/ð→d, ı→i, þ→th, final ς→σ), so "Migrações"
// and "migracoes" fold alike, as do "Lutte" and "lutte". theme/search-core.js
// repeats these steps with toLowerCase(), normalize('NFKD'), /\p{M}/ and the
// same table; a change here must be made there too. Stemming is not here
// (search/term_analyser.h), nor is ranking.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/text.h"

namespace passerelle::search {

// The words of `text` as written (not folded), in order.
std::vector<std::string_view> split_words(std::string_view text);

// The first word of `text` at or after byte `from`, as [begin, end) byte
// offsets; {size, size} when there is none. split_words() without the vector,
// for the index's hot loop: ASCII letters and digits are read by table.
std::pair<size_t, size_t> next_word(std::string_view text, size_t from);

// Lower case, NFKD, marks stripped, the table above. Non-word characters that
// a decomposition produces (the fraction slash of "½") are kept; callers that
// need words use folded_words().
std::string fold(std::string_view text);

// Lower case, composed (NFC): what a stemmer reads.
std::string lower(std::string_view text);

// The folded words of `text`, as the index and the browser see them: words
// split, each folded and split again, then kept only when they are between
// kMinWordLength and kMaxWordLength code points long.
std::vector<std::string> folded_words(std::string_view text);

inline constexpr size_t kMinWordLength = 2;
inline constexpr size_t kMaxWordLength = 40;

// Word lengths are counted in code points: code_point_count() (util/text.h).
using passerelle::code_point_count;

}  // namespace passerelle::search
