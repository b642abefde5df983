# casebase: `make run` serves the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup test lint format bench fuzz clean-venv

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed requirements-test.txt
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

# Development server: DEBUG on, SQLite and the Whoosh index under var/ unless configured.
setup: $(BIN)/.installed
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(PY) manage.py load_reference
	DEBUG=$${DEBUG:-1} $(PY) manage.py rebuild_search_index

run: setup
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

test: $(BIN)/.installed-test
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(BIN)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	DEBUG=1 $(PY) manage.py spectacular --validate --fail-on-warn --file /dev/null

format: $(BIN)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean-venv:
	rm -rf $(VENV)

# Benchmark on a fresh SQLite database in a temporary folder (leaves var/ alone).
# Search benchmark corpus size: `make bench BENCH_RECORDS=100000`.
BENCH_RECORDS ?= 10000
bench: $(BIN)/.installed
	@tmp=$$(mktemp -d) && \
	CASEBASE_VAR_DIR=$$tmp DEBUG=1 $(PY) manage.py migrate --noinput -v0 && \
	CASEBASE_VAR_DIR=$$tmp DEBUG=1 $(PY) manage.py bench && \
	CASEBASE_VAR_DIR=$$tmp DEBUG=1 $(PY) manage.py bench_api && \
	CASEBASE_VAR_DIR=$$tmp DEBUG=1 $(PY) manage.py bench_search --records $(BENCH_RECORDS); \
	status=$$?; rm -rf $$tmp; exit $$status

# The API fuzzed at length (schemathesis; `make test` runs a short pass).
FUZZ_EXAMPLES ?= 50
fuzz: $(BIN)/.installed-test
	CASEBASE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/api/test_fuzz.py $(PYTEST_ARGS)
