# casebase: `make run` serves the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup test lint format bench clean-venv

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

run: setup
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

test: $(BIN)/.installed-test
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(BIN)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

format: $(BIN)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean-venv:
	rm -rf $(VENV)

# Benchmark on a fresh SQLite database in a temporary folder (leaves var/ alone).
bench: $(BIN)/.installed
	@tmp=$$(mktemp -d) && \
	CASEBASE_VAR_DIR=$$tmp DEBUG=1 $(PY) manage.py migrate --noinput -v0 && \
	CASEBASE_VAR_DIR=$$tmp DEBUG=1 $(PY) manage.py bench; \
	status=$$?; rm -rf $$tmp; exit $$status
