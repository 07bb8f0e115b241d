# Two commands on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 2
export FLASK_APP := wsgi

.PHONY: serve test fuzz install install-dev db seed demo-keys lint bench clean

$(VENV)/bin/activate:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/activate pyproject.toml
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

db: install
	$(VENV)/bin/flask db upgrade

seed: db
	$(VENV)/bin/flask seed

demo-keys: install
	@PORT=$(PORT) $(PY) -m api.demo_keys

serve: seed demo-keys
	$(VENV)/bin/gunicorn --bind 127.0.0.1:$(PORT) --workers $(WORKERS) --config python:api.gunicorn_config --access-logfile - wsgi:app

test: install-dev
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Contract fuzzing: schemathesis, every check, every role, fixed seed, own temporary database.
fuzz: install-dev
	$(PY) -m tests.contract.fuzz_api $(FUZZ_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .

bench: install-dev
	$(PY) bench/occupation_search.py
	$(PY) bench/matching_speed.py
	$(PY) bench/matching_quality.py

clean:
	rm -rf $(VENV) instance .pytest_cache
