// libFuzzer entry point; see fuzz_targets.h.
#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  passerelle::fuzz::search_analyses(data, size);
  return 0;
}
