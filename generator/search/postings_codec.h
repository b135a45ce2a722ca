// Compact lists of record numbers, as text a script file can carry.
//
// A list is a bit stream: each gap between successive record numbers
// (minus one) Rice-coded with the parameter k that makes the list shortest,
// then, for postings, the impact in 4 bits. The stream is written six bits to
// a character in the base64 alphabet, most significant bit first, padded with
// zero bits. A list every record holds costs 5 bits a record; one in a
// thousand costs about 15. theme/search.js decodes it (decodeList); the
// decoder here serves the tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "search/inverted_index.h"

namespace passerelle::search {

struct EncodedList {
  uint32_t count = 0;
  unsigned k = 0;    // the Rice parameter
  std::string bits;  // base64 characters
};

EncodedList encode_postings(const std::vector<Posting>& postings);
EncodedList encode_doc_list(const std::vector<uint32_t>& docs);

std::vector<Posting> decode_postings(const EncodedList& list);
std::vector<uint32_t> decode_doc_list(const EncodedList& list);

static_assert(kImpactLevels == 16, "impacts are written in 4 bits");

}  // namespace passerelle::search
