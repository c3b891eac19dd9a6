# newsint — two commands set everything up on a fresh machine:
#   make demo   create .venv, install, analyse the bundled sample corpus
#   make test   create .venv, install, run the tests
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.newsint-installed
DATA ?= ../shared/data
PIP := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: install demo test test-fast eval gate bench bench-corpus bench-ray lint format clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade "pip>=24"
	$(PIP) install -q -c requirements.lock -e ".[dev,ray]"
	$(PIP) install -q --no-deps --require-hashes -r requirements-model.txt
	@touch $(STAMP)

demo: install
	$(BIN)/newsint demo

test: install
	$(BIN)/python -m pytest

# The tests that need neither the spaCy pipeline nor a browser, Ray or a server: under a minute.
test-fast: install
	$(BIN)/python -m pytest -m "not slow"

eval: install
	$(BIN)/newsint eval all --data $(DATA)

# The accuracy gate: the dev sets scored against the floors of eval-floors.toml (a score under
# its floor fails); CI runs it when $(DATA) exists.
gate: install
	$(BIN)/newsint eval gate --floors eval-floors.toml --data $(DATA)

# Single-article speed against a bare spaCy parse (one at a time and batched), analyze() calls
# against a reused pipeline, HTML to text against trafilatura (AEB pages under $(DATA), when
# there); it prints how long it will take once the pipeline is loaded. Then the corpus steps at
# 10k, 30k and 100k synthetic articles (CPU s and peak RSS; about 10 min on 2 cores).
bench: install
	NEWSINT_DATA=$(DATA) $(BIN)/python bench/run.py
	$(BIN)/python bench/corpus_scale.py --sizes 10000 30000 100000
	$(BIN)/python bench/engines.py --sizes 1000 --stages clean
	$(BIN)/python bench/lsh_scale.py --sizes 100000

bench-corpus: install
	$(BIN)/python bench/corpus_scale.py --sizes 10000 30000 100000

# Scale-out at the sizes of docs/benchmarks.md: local vs ray (full pipeline, then features and
# corpus steps only), the per-stage costs, and the LSH candidate step alone (hours on 2 cores).
bench-ray: install
	$(BIN)/python bench/engines.py --sizes 10000
	$(BIN)/python bench/engines.py --sizes 10000 30000 --stages clean
	$(BIN)/python bench/engines.py --costs 300
	$(BIN)/python bench/lsh_scale.py --sizes 100000 300000 --ray

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/python -m mypy

format: install
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis build dist src/*.egg-info
