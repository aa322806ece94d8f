# Tests: unit tests per library, end-to-end tests that run the executables on Samples/, the
# Makefile's own promises (Tests/Makefile/incremental.sh) and interrupted runs (interrupt.sh), on debug
# executables; then the corpus report in headless Chromium (test-report) and the Spark job in local
# mode (Pipelines/make/spark.mk), where Chromium and a Java runtime are installed (a line says so when
# one is not).
.PHONY: test
test: ## Build and run every test
	@bash Pipelines/make/prerequisites.sh
	swift build --build-tests
	swift test --skip-build
	bash Tests/Makefile/incremental.sh
	bash Tests/Makefile/interrupt.sh
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
