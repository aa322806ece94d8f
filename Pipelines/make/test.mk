# Tests: unit tests per library, end-to-end tests that run the executables on Samples/, and the
# Makefile's own promises (Tests/Makefile/incremental.sh) and interrupted runs (interrupt.sh), on debug
# executables.
.PHONY: test
test: ## Build and run every test
	@bash Pipelines/make/prerequisites.sh
	swift build --build-tests
	swift test --skip-build
	bash Tests/Makefile/incremental.sh
	bash Tests/Makefile/interrupt.sh
