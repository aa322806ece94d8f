# Building the executables. `swift build` compiles; each executable is then copied to $(BIN) only when
# its bytes changed, so a rebuild that leaves a stage's code alone does not rerun that stage.

EXECUTABLES := newsmill-fetch newsmill-clean newsmill-segment newsmill-extract newsmill-summarize newsmill-inspect
BIN := build/$(CONFIGURATION)/bin
SWIFT_SOURCES := Package.swift $(shell find Sources -type f -name '*.swift' -o -type f -name '*.h' -o -type f -name '*.modulemap')

.PHONY: build prerequisites
build: $(addprefix $(BIN)/,$(EXECUTABLES)) ## Build the executables (CONFIGURATION=release)

prerequisites: ## Check (and where possible install) what the build needs
	@bash Pipelines/make/prerequisites.sh

$(BIN)/.built: $(SWIFT_SOURCES) Pipelines/make/prerequisites.sh
	@bash Pipelines/make/prerequisites.sh
	swift build -c $(CONFIGURATION) $(if $(filter release,$(CONFIGURATION)),-Xswiftc -gnone,)
	@mkdir -p $(BIN)
	@products=$$(swift build -c $(CONFIGURATION) --show-bin-path); \
	for exe in $(EXECUTABLES); do \
	  if ! cmp -s "$$products/$$exe" "$(BIN)/$$exe"; then cp "$$products/$$exe" "$(BIN)/.$$exe.tmp" && mv "$(BIN)/.$$exe.tmp" "$(BIN)/$$exe"; fi; \
	done
	@touch $@

# Each executable is up to date once the build ran; its time changes only when its bytes did.
$(addprefix $(BIN)/,$(EXECUTABLES)): $(BIN)/.built ;

.PHONY: settings
settings: build ## Rewrite Pipelines/<stage>.json from the stages' defaults in code (after changing one there)
	python3 Pipelines/make/settings.py --bin $(BIN)
