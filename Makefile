# newsmill: scraped news pages in, clean, structured, summarised articles out.
#
#   make                      build, then run the pipeline on Samples/ into out/
#   make CORPUS=dir OUT=dir   run it on any folder
#   make help                 every target, with what it does
#
# Each stage reads the previous stage's folder and writes one <id>.json per document; make reruns a
# stage when its input folder, its executable or its settings changed, and the stage itself redoes only
# the documents whose input is newer than their output. The rules live in Pipelines/make/*.mk.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules --no-builtin-variables --warn-undefined-variables
.DEFAULT_GOAL := all

## Variables (override on the command line: make CORPUS=~/news OUT=~/news-out)
# The folder of raw documents to process.
CORPUS ?= Samples
# The output folder: one numbered folder per stage.
OUT ?= out
# Swift build configuration of the executables the pipeline runs (release or debug).
CONFIGURATION ?= release
# Documents each stage processes at once (default: one per core).
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# Stages to redo from scratch, e.g. FORCE=clean or FORCE="segment extract".
FORCE ?=

include Pipelines/make/build.mk
include Pipelines/make/pipeline.mk
include Pipelines/make/test.mk
include Pipelines/make/eval.mk
include Pipelines/make/bench.mk
include Pipelines/make/train.mk
include Pipelines/make/spark.mk
include Pipelines/make/fuzz.mk

.PHONY: help
help: ## List the targets
	@echo "newsmill: make [target] [CORPUS=dir] [OUT=dir] [FORCE=stage] [JOBS=n]"
	@echo
	@grep -hE '^[a-zA-Z_%-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:[^#]*## /\t/' | awk -F'\t' '{ printf "  %-18s %s\n", $$1, $$2 }'
	@echo
	@echo "Variables: CORPUS=$(CORPUS) OUT=$(OUT) CONFIGURATION=$(CONFIGURATION) JOBS=$(JOBS) FORCE=$(FORCE) EVAL_DATA=$(EVAL_DATA)"
