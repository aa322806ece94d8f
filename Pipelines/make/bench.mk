# Benchmarks: speed and peak memory of newsmill against Python peers measured in the same run, and
# reported as ratios, since the machines are noisy (Pipelines/bench/README.md). The corpora are built
# under build/bench/corpus/ from the HTML pages and news articles of BENCH_DATA when missing; the
# peers' packages are installed into build/venv-bench. Every run prints the report and writes
# build/bench/report.md and build/bench/results.json; the targets always run (a benchmark is not a file
# that can be up to date), and fail when a limit (such as fetch's 200 MB when streaming 1 GB) is missed
# or a program does not complete a run.

## Variables
# The evaluation data whose HTML pages and news articles make the benchmark corpora.
BENCH_DATA ?= ../shared/eval
# Runs of every command (the report gives the median times and the largest peak memory).
BENCH_REPEAT ?= 1
# Corpus sizes of the whole-pipeline benchmark (comma-separated).
BENCH_PIPELINE_SIZES ?= 10000
export BENCH_PIPELINE_SIZES

BENCH_OUT := build/bench
BENCH_VENV := build/venv-bench
# The executables the sections run (each section's own below).
BENCH_FETCH_EXECUTABLES := $(BIN)/newsmill-fetch
BENCH_CLEAN_EXECUTABLES := $(BIN)/newsmill-fetch $(BIN)/newsmill-clean
BENCH_SEGMENT_EXECUTABLES := $(BIN)/newsmill-segment
BENCH_EXTRACT_EXECUTABLES := $(BIN)/newsmill-extract
BENCH_SUMMARIZE_EXECUTABLES := $(BIN)/newsmill-extract $(BIN)/newsmill-summarize
BENCH_EXECUTABLES := $(sort $(BENCH_FETCH_EXECUTABLES) $(BENCH_CLEAN_EXECUTABLES) $(BENCH_SEGMENT_EXECUTABLES) $(BENCH_EXTRACT_EXECUTABLES) $(BENCH_SUMMARIZE_EXECUTABLES))

# $(call bench-run,SECTIONS): the benchmark driver over SECTIONS (none named: all of them, in order).
bench-run = python3 Pipelines/bench/bench.py --data '$(BENCH_DATA)' --work '$(BENCH_OUT)' --bin '$(BIN)' \
	--venv '$(BENCH_VENV)' --repeat $(BENCH_REPEAT) $(foreach section,$(1),--section $(section))

.PHONY: bench bench-fetch bench-clean bench-segment bench-extract bench-summarize bench-pipeline
bench: $(BENCH_EXECUTABLES) ## Speed and memory against Python peers, every section; build/bench/report.md
	$(call bench-run,)

bench-fetch: $(BENCH_FETCH_EXECUTABLES) ## Benchmark fetch-normalize on HTML files and WARCs against Python and warcio
	$(call bench-run,fetch)

bench-clean: $(BENCH_CLEAN_EXECUTABLES) ## Benchmark clean on 1,012 news pages (ScrapingHub) against trafilatura
	$(call bench-run,clean)

bench-segment: $(BENCH_SEGMENT_EXECUTABLES) ## Benchmark segment on 5 MB of news text against pySBD and blingfire
	$(call bench-run,segment)

bench-extract: $(BENCH_EXTRACT_EXECUTABLES) ## Benchmark extract on 5 MB of news text against spaCy small's NER
	$(call bench-run,extract)

bench-summarize: $(BENCH_SUMMARIZE_EXECUTABLES) ## Benchmark summarize on 5 MB of news articles against sumy's LexRank
	$(call bench-run,summarize)

bench-pipeline: $(addprefix $(BIN)/,$(EXECUTABLES)) ## Benchmark the whole pipeline (make) on 10,000 pages against trafilatura + spaCy + LexRank
	$(call bench-run,pipeline)
