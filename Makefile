# casebase: `make run` serves the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup test lint format bench fuzz clean-venv serve load

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
# Disputes in the export benchmark (its own empty database): `EXPORT_RECORDS=1000`.
EXPORT_RECORDS ?= 100000
bench: $(BIN)/.installed
	@tmp=$$(mktemp -d); fail=0; \
	run() { CASEBASE_VAR_DIR=$$tmp DEBUG=1 $(PY) manage.py "$$@" || fail=1; }; \
	run migrate --noinput -v0; \
	run bench; \
	run bench_api; \
	run bench_import; \
	run bench_workbench_import; \
	run bench_search --records $(BENCH_RECORDS); \
	tmp=$$tmp/export; mkdir -p $$tmp; \
	run migrate --noinput -v0; \
	run bench_export --records $(EXPORT_RECORDS); \
	rm -rf $${tmp%/export}; \
	if [ $$fail -ne 0 ]; then echo "== a benchmark missed its target or failed (see above)"; fi; \
	exit $$fail

# The API fuzzed at length (schemathesis; `make test` runs a short pass).
FUZZ_EXAMPLES ?= 50
fuzz: $(BIN)/.installed-test
	CASEBASE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/api/test_fuzz.py $(PYTEST_ARGS)

# Production serving: gunicorn, static files by WhiteNoise (after collectstatic).
# Reads the production environment (SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, ...; see
# README, Deploying); WEB_CONCURRENCY workers (default 3) of GUNICORN_THREADS threads
# (default 6, gunicorn's gthread worker) on $(HOST):$(PORT).
serve: $(BIN)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(BIN)/gunicorn casebase.wsgi --bind $(HOST):$(PORT) \
		--workers $${WEB_CONCURRENCY:-3} --threads $${GUNICORN_THREADS:-6} --access-logfile - --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

# Mixed read/write load under gunicorn on a scratch PostgreSQL database (tools/load.py):
# LOAD_SECONDS (60), LOAD_USERS (50), LOAD_EDITORS (3), LOAD_WORKERS (3), LOAD_THREADS (6),
# LOAD_WARMUP (every target), LOAD_PORT (8118).
load: $(BIN)/.installed-test
	$(PY) tools/load.py
