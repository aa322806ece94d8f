# Tests: unit tests per library, end-to-end tests that run the executables on Samples/, the
# Makefile's own promises (Tests/Makefile/incremental.sh) and interrupted runs (interrupt.sh), on debug
# executables; then the Spark job in local mode (Pipelines/make/spark.mk), where a Java runtime is
# installed (the line says so when it is not).
.PHONY: test
test: ## Build and run every test
	@bash Pipelines/make/prerequisites.sh
	swift build --build-tests
	swift test --skip-build
	bash Tests/Makefile/incremental.sh
	bash Tests/Makefile/interrupt.sh
	@if command -v java >/dev/null 2>&1; then $(MAKE) --no-print-directory CONFIGURATION=debug test-spark; \
	else echo "newsmill: Spark job not checked: no Java runtime (apt-get install default-jre-headless, then make test-spark)"; fi
