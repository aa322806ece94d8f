# Running the stages on Spark (Pipelines/spark/newsmill_spark.py, PySpark as the driver only) and
# checking that job in Spark's local mode. PySpark comes from PyPI into build/venv-spark; Spark needs a
# Java runtime (17 or newer).

## Variables
# What `make spark` runs over: corpus folders, JSON Lines files of fetch inputs, web archives.
SPARK_INPUT ?= $(CORPUS)
# Where `make spark` writes (a folder that does not exist yet).
SPARK_OUT ?= build/spark-out
# The Spark master (default: both cores of this machine).
SPARK_MASTER ?= local[2]

SPARK_VENV := build/venv-spark
SPARK_VENV_READY := $(SPARK_VENV)/.ready
SPARK_CHECK_OUT := build/test-spark

.PHONY: spark test-spark spark-java
spark: $(addprefix $(BIN)/,$(EXECUTABLES)) $(SPARK_VENV_READY) spark-java ## Run the stages over SPARK_INPUT with Spark (SPARK_MASTER, SPARK_OUT)
	'$(SPARK_VENV)/bin/python' Pipelines/spark/newsmill_spark.py --bin '$(BIN)' --pipelines Pipelines \
	  --master '$(SPARK_MASTER)' --out '$(SPARK_OUT)' $(SPARK_INPUT)

test-spark: $(addprefix $(BIN)/,$(EXECUTABLES)) $(SPARK_VENV_READY) spark-java ## Check the Spark job in local mode against a per-file run of Samples/
	rm -rf '$(SPARK_CHECK_OUT)'
	$(MAKE) --no-print-directory CONFIGURATION=$(CONFIGURATION) CORPUS=Samples OUT='$(SPARK_CHECK_OUT)/reference' all >/dev/null
	'$(SPARK_VENV)/bin/python' Tests/Spark/check.py --python '$(SPARK_VENV)/bin/python' --bin '$(BIN)' \
	  --reference '$(SPARK_CHECK_OUT)/reference'

spark-java:
	@command -v java >/dev/null 2>&1 || { echo "newsmill: Spark needs a Java runtime: install one (apt-get install default-jre-headless)" >&2; exit 2; }

$(SPARK_VENV_READY):
	@python3 -c 'import venv, ensurepip' 2>/dev/null || { echo "newsmill: the Spark check needs Python's venv module: install python3-venv (apt-get install python3-venv)" >&2; exit 2; }
	python3 -m venv '$(SPARK_VENV)'
	'$(SPARK_VENV)/bin/python' -m pip install --quiet --disable-pip-version-check pyspark==3.5.5
	touch '$@'
