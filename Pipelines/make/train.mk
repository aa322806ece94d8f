# Training the extract stage's name tagger (Pipelines/extract/ner/). The model file is committed, so
# the pipeline never trains; run `make train-ner` after changing the tagger's features, the training
# settings or the gazetteers it reads (Pipelines/extract/gazetteer/), then commit the new model.

## Variables
# The CoNLL-2003 training half (research use only; see Pipelines/extract/ner/README.md).
NER_TRAIN ?= $(EVAL_DATA)/ner/conll2003/eng.train
# Where the model is written: the file newsmill-extract loads.
NER_MODEL ?= Pipelines/extract/ner/conll2003-en.model
# Passes over the training data and the shuffle seed: fixed, so a run is reproducible.
NER_EPOCHS ?= 20
NER_SEED ?= 20031
# Runs with different shuffles whose weights are averaged into the model.
NER_RUNS ?= 5

.PHONY: train-ner
train-ner: ## Train the name tagger on CoNLL-2003 eng.train into Pipelines/extract/ner/
	@test -f '$(NER_TRAIN)' || { echo "train-ner: $(NER_TRAIN) not found (set EVAL_DATA or NER_TRAIN)" >&2; exit 2; }
	swift build -c release -Xswiftc -gnone --product newsmill-train-ner
	"$$(swift build -c release -Xswiftc -gnone --show-bin-path)/newsmill-train-ner" --data '$(NER_TRAIN)' --out '$(NER_MODEL)' \
	  --epochs $(NER_EPOCHS) --seed $(NER_SEED) --runs $(NER_RUNS) --pipelines Pipelines
