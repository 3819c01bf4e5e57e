# week4: two commands do everything on a fresh machine (Python 3.11+, make, node/npm):
#   make serve   create .venv, install pinned dependencies, build and serve the site
#   make test    lint, type check, pytest (browser tests included), strict site build
SHELL := /bin/bash
PYTHON ?= python3
# uv when installed (faster); `make test UV=` forces plain pip.
UV ?= $(shell command -v uv 2>/dev/null)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
export DISABLE_MKDOCS_2_WARNING := true
export NO_MKDOCS_2_WARNING := 1
# Pyodide, Ace and Mermaid are copied from node_modules into the site (no third-party request);
# WEEK4_CDN=1 make build loads them from a CDN at package.json's pins instead, each script with
# an integrity hash computed from node_modules. Either way the build needs node_modules.
ASSET_DEPS := $(NODE_STAMP)

# The execution cache (.cache/week4-exec/, hooks/exec_cache.py) serves `make serve` and plain
# `make build`; the targets CI runs build cold (WEEK4_CACHE=0), so a broken example fails them.
test lint typecheck docs pytest coverage browser: export WEEK4_CACHE := 0

.PHONY: all serve build test lint typecheck pytest coverage docs browser bench lock clean node_modules npm-lock

all: test

$(STAMP): requirements/dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "week4 needs Python 3.11 or newer (PYTHON=$(PYTHON))"; exit 2; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@if [ -n "$(UV)" ]; then \
		$(UV) pip install --python $(BIN)/python -r requirements/dev.txt && \
		$(UV) pip install --python $(BIN)/python --no-deps -e . ; \
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

node_modules: $(NODE_STAMP)

serve: $(STAMP) $(ASSET_DEPS)
	WEEK4_SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP) $(ASSET_DEPS)
	$(BIN)/mkdocs build --strict

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts hooks bench docs/snippets docs/javascripts
	$(BIN)/ruff format --check src tests scripts hooks bench docs/snippets
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy

docs: $(STAMP) $(ASSET_DEPS)
	$(BIN)/mkdocs build --strict --site-dir build/site

# Two runs: Playwright's sync API keeps an event loop running in the main thread while the
# browser is open, so asyncio.run() in a test shuffled between browser tests would fail.
# The first run spreads the tests over every core (pytest-xdist).
pytest: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest -m "not browser" -n auto
	$(BIN)/python -m pytest -m browser tests/browser

# The same tests under coverage (branch coverage of src/week4; about twice as slow).
coverage: $(STAMP)
	$(BIN)/python -m pytest -m "not browser" -n auto --cov --cov-report=term:skip-covered

# Only the browser tests (headless Chromium over a fresh strict build; screenshots in build/).
browser: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest -m browser tests/browser

# The browser tests walk the site `docs` has just built (build/site) instead of building it again.
test: export WEEK4_BUILT_SITE := $(CURDIR)/build/site
test: lint typecheck docs pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

lock:
	uv pip compile pyproject.toml --group dev --universal --python-version 3.11 -o requirements/dev.txt

# After editing package.json: refresh the lock without any URL in it (.npmrc drops "resolved";
# this drops "funding"), so it names packages and versions only.
npm-lock:
	npm install --package-lock-only --no-audit --no-fund
	node -e 'const fs = require("fs"); const lock = JSON.parse(fs.readFileSync("package-lock.json")); for (const p of Object.values(lock.packages)) delete p.funding; fs.writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n")'
	@! grep -n http package-lock.json

clean:
	rm -rf site build .cache .pytest_cache .mypy_cache .ruff_cache .coverage coverage.xml
