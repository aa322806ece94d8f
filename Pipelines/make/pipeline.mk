# The pipeline: five stages, each a folder of <id>.json files with _manifest.json (every input
# accounted for) and _errors.jsonl (the failures). The manifest is the stage's make target: it is
# written last, atomically, so an interrupted stage reruns next time. The stage decides per document
# what to redo (output older than input), so make's rerun of a stage touches only what changed.

NORMALIZED := $(OUT)/1-normalized
CLEANED := $(OUT)/2-cleaned
SEGMENTED := $(OUT)/3-segmented
EXTRACTED := $(OUT)/4-extracted
SUMMARIZED := $(OUT)/5-summarized

# Every file and folder of the corpus (spaces escaped for make), so that adding, changing or removing
# one reruns fetch. File names with ':' or '$' are not supported by make.
CORPUS_FILES := $(shell find '$(CORPUS)' \( -type f -o -type d \) ! -name '.*' 2>/dev/null | LC_ALL=C sort | sed 's/ /\\ /g')

# Settings and word lists each stage reads: a change forces the stage to redo every document.
FETCH_DATA := $(wildcard Pipelines/fetch.json)
CLEAN_DATA := $(wildcard Pipelines/clean.json Pipelines/clean/*)
SEGMENT_DATA := $(wildcard Pipelines/segment.json Pipelines/segment/*)
EXTRACT_DATA := $(wildcard Pipelines/extract.json Pipelines/extract/*.t* Pipelines/extract/gazetteer/* Pipelines/extract/ner/*.model)
SUMMARIZE_DATA := $(wildcard Pipelines/summarize.json)

# $(call run-stage,NAME,EXECUTABLE,DATA): the command line that runs a stage. It passes --force when
# the executable or its data changed ($? lists what changed) or FORCE names the stage, and --settings
# when Pipelines/NAME.json exists. Exit status 1 means some documents failed (recorded in
# _errors.jsonl): the pipeline goes on with the others, and `make` reports them at the end.
run-stage = $(2) --jobs $(JOBS) --pipelines Pipelines \
	$(if $(wildcard Pipelines/$(1).json),--settings Pipelines/$(1).json,) \
	$(if $(or $(filter $(2) $(3),$?),$(filter $(1),$(FORCE))),--force,)

tolerate-failed-documents = || [ $$? -eq 1 ]

# $(call forced,NAME): a prerequisite that is always out of date when FORCE names the stage.
forced = $(if $(filter $(1),$(FORCE)),force-stage,)
.PHONY: force-stage
force-stage: ;

.PHONY: all normalized cleaned segmented extracted summarized failures clean
all: summarized failures ## Build and run the whole pipeline on CORPUS into OUT

normalized: $(NORMALIZED)/_manifest.json ## Stage 1: decode every document of CORPUS (fetch-normalize)
cleaned: $(CLEANED)/_manifest.json ## Stages 1-2: ... and keep only the article and its metadata
segmented: $(SEGMENTED)/_manifest.json ## Stages 1-3: ... and find paragraphs, sentences, tokens
extracted: $(EXTRACTED)/_manifest.json ## Stages 1-4: ... and find entities, quotes, dates, quantities
summarized: $(SUMMARIZED)/_manifest.json ## Stages 1-5: ... and write summaries and digests

$(NORMALIZED)/_manifest.json: $(CORPUS_FILES) $(call forced,fetch) $(BIN)/newsmill-fetch $(FETCH_DATA)
	@test -d '$(CORPUS)' || { echo "newsmill: CORPUS=$(CORPUS) is not a folder" >&2; exit 2; }
	$(call run-stage,fetch,$(BIN)/newsmill-fetch,$(FETCH_DATA)) --out '$(NORMALIZED)' '$(CORPUS)' $(tolerate-failed-documents)

$(CLEANED)/_manifest.json: $(NORMALIZED)/_manifest.json $(call forced,clean) $(BIN)/newsmill-clean $(CLEAN_DATA)
	$(call run-stage,clean,$(BIN)/newsmill-clean,$(CLEAN_DATA)) --prune --out '$(CLEANED)' '$(NORMALIZED)' $(tolerate-failed-documents)

$(SEGMENTED)/_manifest.json: $(CLEANED)/_manifest.json $(call forced,segment) $(BIN)/newsmill-segment $(SEGMENT_DATA)
	$(call run-stage,segment,$(BIN)/newsmill-segment,$(SEGMENT_DATA)) --prune --out '$(SEGMENTED)' '$(CLEANED)' $(tolerate-failed-documents)

$(EXTRACTED)/_manifest.json: $(SEGMENTED)/_manifest.json $(call forced,extract) $(BIN)/newsmill-extract $(EXTRACT_DATA)
	$(call run-stage,extract,$(BIN)/newsmill-extract,$(EXTRACT_DATA)) --prune --out '$(EXTRACTED)' '$(SEGMENTED)' $(tolerate-failed-documents)

$(SUMMARIZED)/_manifest.json: $(EXTRACTED)/_manifest.json $(call forced,summarize) $(BIN)/newsmill-summarize $(SUMMARIZE_DATA)
	$(call run-stage,summarize,$(BIN)/newsmill-summarize,$(SUMMARIZE_DATA)) --prune --out '$(SUMMARIZED)' '$(EXTRACTED)' $(tolerate-failed-documents)

# The corpus's entity index: every entity of the extract stage merged across documents (JSON Lines).
.PHONY: entities
entities: $(OUT)/entities.jsonl ## The corpus's entity index, OUT/entities.jsonl (runs the pipeline up to extract)

$(OUT)/entities.jsonl: $(EXTRACTED)/_manifest.json $(BIN)/newsmill-inspect
	$(BIN)/newsmill-inspect --out '$(OUT)' --entity-index '$@'

# The corpus report: a static HTML site in OUT/report that opens from disk (templates in
# Pipelines/report/). Remade when any stage's account or the templates change.
REPORT_TEMPLATES := $(wildcard Pipelines/report/*)
.PHONY: report
report: $(OUT)/report/index.html ## The corpus report, OUT/report/index.html (runs the whole pipeline)
	@echo "newsmill: open $(OUT)/report/index.html"

$(OUT)/report/index.html: $(SUMMARIZED)/_manifest.json $(BIN)/newsmill-inspect $(REPORT_TEMPLATES)
	$(BIN)/newsmill-inspect --out '$(OUT)' --pipelines Pipelines --report '$(OUT)/report'

# Failed documents are listed after the run (their stage went on without them); make then fails.
failures: summarized
	@failed=$$(cat '$(OUT)'/*/_errors.jsonl 2>/dev/null | wc -l); \
	if [ "$$failed" -gt 0 ]; then \
	  echo "newsmill: $$failed document(s) failed; see $(OUT)/*/_errors.jsonl or: $(BIN)/newsmill-inspect --out $(OUT) --corpus" >&2; \
	  exit 1; \
	fi

clean: ## Remove the output folder OUT
	rm -rf '$(OUT)'

.PHONY: distclean
distclean: clean ## Remove the outputs and every build product
	rm -rf build .build
