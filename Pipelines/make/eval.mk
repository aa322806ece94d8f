# Quality evaluation: newsmill over the development halves of public benchmarks in EVAL_DATA (see
# its README.md), each scored by the data's own reference scorer (EVAL_DATA/score/*.py). One script
# per task in Pipelines/eval/; each data set gets a work folder build/eval/<set>/ with the newsmill
# inputs and stage outputs, the predictions, score.json (the scorer's summary) and run.json (wall
# times, failed documents). A set is evaluated again when its script, its data, its scorer or an
# executable or settings file of the stages it runs changed; `make eval-clean` forgets every result.

## Variables
# The evaluation data: one folder per task, with the reference scorers in score/.
EVAL_DATA ?= ../shared/eval

EVAL_OUT := build/eval
# The Python environment for the scorers that need a package (ROUGE, Porter stemming).
EVAL_VENV := build/venv-eval
EVAL_VENV_READY := $(EVAL_VENV)/.rouge-score-0.1.2
# The whole-pipeline peers measured by `make eval-peers`, in a virtual environment of their own.
PEERS_VENV := build/venv-peers
PEERS_PACKAGES := newspaper4k[all]==0.9.6 trafilatura==2.3.1 news-please==1.6.16
PEERS_VENV_READY := $(PEERS_VENV)/.newspaper4k-0.9.6-trafilatura-2.3.1-news-please-1.6.16
PEERS_SETS := scrapinghub wcxb naeb htmldate

EVAL_KIT := Pipelines/eval/evalkit.py
EVAL_HTML_STAGES := $(BIN)/newsmill-fetch $(BIN)/newsmill-clean $(FETCH_DATA) $(CLEAN_DATA)
EVAL_SEGMENT_STAGES := $(BIN)/newsmill-segment $(SEGMENT_DATA)
EVAL_EXTRACT_STAGES := $(EVAL_SEGMENT_STAGES) $(BIN)/newsmill-extract $(EXTRACT_DATA)
EVAL_SUMMARIZE_STAGES := $(EVAL_EXTRACT_STAGES) $(BIN)/newsmill-summarize $(SUMMARIZE_DATA)

EVAL_SETS := scrapinghub wcxb naeb htmldate golden-rules gum-news ner quotes dates cnndm-test cnn-corpus keyphrases
EVAL_SCORES := $(foreach set,$(EVAL_SETS),$(EVAL_OUT)/$(set)/score.json)

# $(call eval-options,SET): the options every evaluation script takes.
eval-options = --data '$(EVAL_DATA)' --work '$(EVAL_OUT)/$(1)' --bin '$(BIN)' --jobs $(JOBS)
# $(call eval-report,SETS): print the summary rows of SETS and rewrite build/eval/summary.md.
eval-report = python3 Pipelines/eval/report.py --work '$(EVAL_OUT)' --out '$(EVAL_OUT)/summary.md' --sets $(1)

.PHONY: eval eval-scrapinghub eval-wcxb eval-naeb eval-htmldate eval-segmentation eval-ner eval-quotes \
	eval-dates eval-summaries eval-keyphrases eval-peers eval-clean

eval: $(EVAL_SCORES) ## Evaluate newsmill on every set of EVAL_DATA; table in build/eval/summary.md
	@$(call eval-report,$(EVAL_SETS))

eval-scrapinghub: $(EVAL_OUT)/scrapinghub/score.json ## Article extraction, ScrapingHub (shingle F1)
	@$(call eval-report,scrapinghub)

eval-wcxb: $(EVAL_OUT)/wcxb/score.json ## Main-content extraction, WCXB, by page type (word-bag F1)
	@$(call eval-report,wcxb)

eval-naeb: $(EVAL_OUT)/naeb/score.json ## Title, authors, date and body, NAEB
	@$(call eval-report,naeb)

eval-htmldate: $(EVAL_OUT)/htmldate/score.json ## Publication date, htmldate test pages
	@$(call eval-report,htmldate)

eval-segmentation: $(EVAL_OUT)/golden-rules/score.json $(EVAL_OUT)/gum-news/score.json ## Sentences, Golden Rules and GUM Wikinews
	@$(call eval-report,golden-rules gum-news)

eval-ner: $(EVAL_OUT)/ner/score.json ## Named entities, CoNLL-2003 eng.testa (micro F1)
	@$(call eval-report,ner)

eval-quotes: $(EVAL_OUT)/quotes/score.json ## Quotations and speakers, PolNeAR dev
	@$(call eval-report,quotes)

eval-dates: $(EVAL_OUT)/dates/score.json ## Temporal expressions and values, TempEval-3 TimeBank
	@$(call eval-report,dates)

eval-summaries: $(EVAL_OUT)/cnndm-test/score.json $(EVAL_OUT)/cnn-corpus/score.json ## Summaries and Lead-3, CNN/DailyMail and CNN Corpus (ROUGE)
	@$(call eval-report,cnndm-test cnn-corpus)

eval-keyphrases: $(EVAL_OUT)/keyphrases/score.json ## Keyphrases, 500N-KPCrowd (F1@10)
	@$(call eval-report,keyphrases)

eval-peers: $(EVAL_OUT)/peers.md ## Measure trafilatura, newspaper4k and news-please on the HTML sets with the same scorers; table in build/eval/peers.md
	@cat '$(EVAL_OUT)/peers.md'

eval-clean: ## Remove the evaluation results (build/eval), keeping the Python environments
	rm -rf '$(EVAL_OUT)'

$(EVAL_OUT)/scrapinghub/score.json $(EVAL_OUT)/wcxb/score.json: $(EVAL_OUT)/%/score.json: \
		Pipelines/eval/extraction.py $(EVAL_KIT) $(EVAL_HTML_STAGES) $(EVAL_DATA)/score/extraction.py \
		$(EVAL_DATA)/extraction/%/html
	python3 Pipelines/eval/extraction.py --set $* $(call eval-options,$*)

$(EVAL_OUT)/naeb/score.json $(EVAL_OUT)/htmldate/score.json: $(EVAL_OUT)/%/score.json: \
		Pipelines/eval/metadata.py $(EVAL_KIT) $(EVAL_HTML_STAGES) $(EVAL_DATA)/score/metadata.py \
		$(EVAL_DATA)/score/extraction.py $(EVAL_DATA)/metadata/%/ground-truth.json
	python3 Pipelines/eval/metadata.py --set $* $(call eval-options,$*)

$(EVAL_OUT)/golden-rules/score.json $(EVAL_OUT)/gum-news/score.json: $(EVAL_OUT)/%/score.json: \
		Pipelines/eval/segmentation.py $(EVAL_KIT) $(EVAL_SEGMENT_STAGES) $(EVAL_DATA)/score/segmentation.py \
		$(EVAL_DATA)/segmentation/%.json
	python3 Pipelines/eval/segmentation.py --set $* $(call eval-options,$*)

$(EVAL_OUT)/ner/score.json: Pipelines/eval/ner.py $(EVAL_KIT) $(EVAL_EXTRACT_STAGES) $(EVAL_DATA)/score/ner.py \
		$(EVAL_DATA)/ner/conll2003/eng.testa
	python3 Pipelines/eval/ner.py $(call eval-options,ner)

$(EVAL_OUT)/quotes/score.json: Pipelines/eval/quotes.py $(EVAL_KIT) $(EVAL_EXTRACT_STAGES) $(EVAL_DATA)/score/quotes.py \
		$(EVAL_DATA)/quotes/polnear-dq.json $(EVAL_DATA)/quotes/polnear-all.json $(EVAL_DATA)/quotes/polnear/dev/text
	python3 Pipelines/eval/quotes.py $(call eval-options,quotes)

$(EVAL_OUT)/dates/score.json: Pipelines/eval/dates.py $(EVAL_KIT) $(EVAL_EXTRACT_STAGES) $(EVAL_DATA)/score/dates.py \
		$(EVAL_DATA)/dates/tempeval3.json
	python3 Pipelines/eval/dates.py $(call eval-options,dates)

$(EVAL_OUT)/cnndm-test/score.json $(EVAL_OUT)/cnn-corpus/score.json: $(EVAL_OUT)/%/score.json: \
		Pipelines/eval/summaries.py $(EVAL_KIT) $(EVAL_SUMMARIZE_STAGES) $(EVAL_DATA)/score/summaries.py \
		$(EVAL_DATA)/summaries/%.jsonl $(EVAL_VENV_READY)
	python3 Pipelines/eval/summaries.py --set $* --python '$(EVAL_VENV)/bin/python' $(call eval-options,$*)

$(EVAL_OUT)/keyphrases/score.json: Pipelines/eval/keyphrases.py $(EVAL_KIT) $(EVAL_EXTRACT_STAGES) \
		$(EVAL_DATA)/keyphrases/kpcrowd-500n.jsonl $(EVAL_VENV_READY)
	'$(EVAL_VENV)/bin/python' Pipelines/eval/keyphrases.py $(call eval-options,keyphrases)

# The scorers' one package outside the standard library, rouge-score (which brings NLTK's Porter
# stemmer, used for keyphrases), in a virtual environment of its own, never the system Python.
$(EVAL_VENV_READY):
	python3 -m venv '$(EVAL_VENV)'
	'$(EVAL_VENV)/bin/python' -m pip install --quiet --disable-pip-version-check rouge-score==0.1.2
	touch '$@'

# The peers read the same pages and are scored by the same scorers; the table puts newsmill's figures of
# its own evaluation of each set beside theirs. The peers run again only when they or the scorers change.
$(EVAL_OUT)/peers/measured.json: Pipelines/eval/peers.py $(PEERS_VENV_READY) $(EVAL_DATA)/score/extraction.py \
		$(EVAL_DATA)/score/metadata.py
	'$(PEERS_VENV)/bin/python' Pipelines/eval/peers.py --step measure --data '$(EVAL_DATA)' --work '$(EVAL_OUT)' --sets $(PEERS_SETS)

$(EVAL_OUT)/peers.md: $(EVAL_OUT)/peers/measured.json $(foreach set,$(PEERS_SETS),$(EVAL_OUT)/$(set)/score.json)
	'$(PEERS_VENV)/bin/python' Pipelines/eval/peers.py --step table --data '$(EVAL_DATA)' --work '$(EVAL_OUT)' --sets $(PEERS_SETS)

# newspaper4k (with its extras for other scripts' tokenizers), trafilatura and news-please, from PyPI, never into the
# system Python; one at a time (pip's resolver trips over the two asking for lxml with different extras).
$(PEERS_VENV_READY):
	python3 -m venv '$(PEERS_VENV)'
	$(foreach package,$(PEERS_PACKAGES),'$(PEERS_VENV)/bin/python' -m pip install --quiet --disable-pip-version-check '$(package)' &&) true
	touch '$@'

# Evaluation data that is not there: say so (the data is not made here).
$(EVAL_DATA)/%:
	@echo "newsmill: $@ not found; set EVAL_DATA to the evaluation data folder (now $(EVAL_DATA))" >&2
	@exit 2
