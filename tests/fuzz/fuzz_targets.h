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

// Any bytes as vocabularies/themes.yaml of the base fixture, the vocabularies
// loaded and the fixture's records checked against them.
void vocabulary_loader(const uint8_t* data, size_t size);

// Any bytes as the base fixture's schema.yaml, the schema loaded and the
// fixture's records checked against it.
void schema_loader(const uint8_t* data, size_t size);

// Any bytes as the base fixture's catalogue.yaml.
void catalogue_config_loader(const uint8_t* data, size_t size);

// Any bytes as the Markdown body of a record of the base fixture, rendered
// with its links rewritten and checked against the fixture's records.
void markdown_links(const uint8_t* data, size_t size);

// Any bytes as search analyses a build kept in its cache: a term table (its
// size in the first two bytes, little-endian), then documents (each its size
// in one byte, then its bytes), restored; when they restore, one is
// replaced, the index made and the analyses saved again.
void search_analyses(const uint8_t* data, size_t size);

}  // namespace passerelle::fuzz
