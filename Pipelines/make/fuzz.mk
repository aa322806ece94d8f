# Fuzzing: libFuzzer targets (Sources/NewsmillFuzz) for charset detection and decoding, the HTML and
# plain-text cleaner, the WARC reader, the segmenter, the extractors and hand-edited stage JSON, built with
# AddressSanitizer in their own build folder. `make fuzz` runs each for FUZZ_SECONDS; `make test` runs a
# short round. Tests/Fuzz/run.sh says what to do with a crash.

FUZZ_SECONDS ?= 60
FUZZ_TARGETS := charset html text warc segment extract stage-json
FUZZ_BUILD := .build-fuzz
FUZZ_BIN := $(FUZZ_BUILD)/release/newsmill-fuzz
# lld, which the Swift toolchain ships: the system's gold fails on libFuzzer's objects with an internal error.
FUZZ_LINKER := -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld

.PHONY: fuzz fuzz-build
fuzz: fuzz-build ## Fuzz every parser under libFuzzer and AddressSanitizer (FUZZ_SECONDS each, default 60)
	@bash Tests/Fuzz/run.sh '$(FUZZ_BIN)' $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-build:
	@bash Pipelines/make/prerequisites.sh
	swift build -c release --scratch-path $(FUZZ_BUILD) --product newsmill-fuzz \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -gnone $(FUZZ_LINKER)
