// The code paths the fuzzers drive, shared by the libFuzzer targets and by the
// unit test that replays every saved crash (tests/fuzz/regressions/) in the
// ordinary build.
#pragma once

#include <cstddef>
#include <cstdint>

namespace passerelle::fuzz {

// One record file (any bytes) loaded, validated and rendered against the base
// fixture catalogue (tests/fixtures/base).
void record_loader(const uint8_t* data, size_t size);

// Any bytes through the search tokenizer: folding, word splitting, stemming.
void search_tokenizer(const uint8_t* data, size_t size);

}  // namespace passerelle::fuzz
