// libFuzzer entry point; see fuzz_targets.h.
#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  passerelle::fuzz::schema_loader(data, size);
  return 0;
}
