# Tests: unit tests per library (with every saved fuzz input replayed), end-to-end tests that run the
# executables on Samples/, the Makefile's own promises (Tests/Makefile/incremental.sh), interrupted runs
# (interrupt.sh) and the torture corpus (Tests/Torture/check.py), on debug executables; a short round of
# each fuzz target (Pipelines/make/fuzz.mk); the Swift tests again under AddressSanitizer and
# ThreadSanitizer (test-sanitize); then the corpus report in headless Chromium (test-report) and the Spark job in local
# mode (Pipelines/make/spark.mk), where Chromium and a Java runtime are installed (a line says so when
# one is not).
.PHONY: test
test: ## Build and run every test
	@bash Pipelines/make/prerequisites.sh
	swift build --build-tests
	swift test --skip-build
	bash Tests/Makefile/incremental.sh
	bash Tests/Makefile/interrupt.sh
	python3 Tests/Torture/check.py --bin "$$(swift build --show-bin-path)"
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_SECONDS_IN_TEST)
	$(MAKE) --no-print-directory test-sanitize
	@if command -v chromium >/dev/null 2>&1; then $(MAKE) --no-print-directory CONFIGURATION=debug test-report; \
	else echo "newsmill: report not checked in a browser: no chromium (apt-get install chromium, then make test-report)"; fi
	@if command -v java >/dev/null 2>&1; then $(MAKE) --no-print-directory CONFIGURATION=debug test-spark; \
	else echo "newsmill: Spark job not checked: no Java runtime (apt-get install default-jre-headless, then make test-spark)"; fi

# The report of Samples/ rendered by headless Chromium, its DOM checked (Tests/Report/check.py).
REPORT_CHECK_OUT := build/test-report
.PHONY: test-report
test-report: $(addprefix $(BIN)/,$(EXECUTABLES)) ## Check the corpus report of Samples/ in headless Chromium
	@command -v chromium >/dev/null 2>&1 || { echo "newsmill: the report test needs chromium (apt-get install chromium)" >&2; exit 2; }
	rm -rf '$(REPORT_CHECK_OUT)'
	$(MAKE) --no-print-directory CONFIGURATION=$(CONFIGURATION) CORPUS=Samples OUT='$(REPORT_CHECK_OUT)' report >/dev/null
	python3 Tests/Report/check.py --chromium chromium --out '$(REPORT_CHECK_OUT)'

# A short round of fuzzing in `make test` (make fuzz runs longer).
FUZZ_SECONDS_IN_TEST ?= 10

# The unit and end-to-end tests under AddressSanitizer, then ThreadSanitizer, each in its own build
# folder (a first run builds everything twice more, some minutes each).
.PHONY: test-sanitize
test-sanitize: ## Run the Swift tests under AddressSanitizer and ThreadSanitizer
	@bash Pipelines/make/prerequisites.sh
	swift build --build-tests --scratch-path .build-asan --sanitize=address
	NEWSMILL_BIN="$$PWD/.build-asan/debug" ASAN_OPTIONS=detect_leaks=0 swift test --skip-build --scratch-path .build-asan --sanitize=address
	swift build --build-tests --scratch-path .build-tsan --sanitize=thread
	NEWSMILL_BIN="$$PWD/.build-tsan/debug" TSAN_OPTIONS=halt_on_error=1 swift test --skip-build --scratch-path .build-tsan --sanitize=thread
