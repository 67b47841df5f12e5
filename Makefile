# Two commands set longarm up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint clean

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

bench: $(STAMP)  ## throughput figures (printed, never asserted)
	$(BIN)/python -m benchmarks

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy src/longarm

clean:
	rm -rf $(VENV) data/longarm.db*
