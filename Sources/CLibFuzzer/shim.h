// libFuzzer's driver (compiler-rt), linked in by -sanitize=fuzzer: newsmill-fuzz calls it from its own
// main when built for fuzzing (make fuzz). Nothing here is linked into the pipeline's executables.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
