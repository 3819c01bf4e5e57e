# week4: two commands do everything on a fresh machine (Python 3.11+, make, node/npm):
#   make serve   create .venv, install pinned dependencies, build and serve the site
#   make test    lint, type check, pytest (browser tests included), strict site build
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
export DISABLE_MKDOCS_2_WARNING := true
export NO_MKDOCS_2_WARNING := 1

.PHONY: all serve build test lint typecheck pytest docs browser bench lock clean

all: test

$(STAMP): requirements/dev.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@if command -v uv >/dev/null 2>&1; then \
		uv pip install --python $(BIN)/python -r requirements/dev.txt && \
		uv pip install --python $(BIN)/python --no-deps -e . ; \
	else \
		$(BIN)/python -m pip install -q --upgrade pip && \
		$(BIN)/python -m pip install -q -r requirements/dev.txt && \
		$(BIN)/python -m pip install -q --no-deps -e . ; \
	fi
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

venv: $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts hooks bench docs/snippets
	$(BIN)/ruff format --check src tests scripts hooks bench

typecheck: $(STAMP)
	$(BIN)/mypy

docs: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir build/site

pytest: $(STAMP)
	$(BIN)/python -m pytest --cov --cov-report=term:skip-covered

test: lint typecheck docs pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

lock:
	uv pip compile pyproject.toml --group dev --universal --python-version 3.11 -o requirements/dev.txt

clean:
	rm -rf site build .pytest_cache .mypy_cache .ruff_cache .coverage coverage.xml
