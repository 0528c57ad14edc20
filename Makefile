# Two commands do all the set-up on a fresh machine:
#   make preview   build the site with the sample data and serve it on http://127.0.0.1:8000
#   make test      install everything the tests need (a browser included) and run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: preview build test test-fast schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.site-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@

preview: $(VENV)/.site-deps
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.site-deps
	$(BIN)/python scripts/build_site.py

test: $(VENV)/.test-deps
	bash scripts/ensure_test_tools.sh
	$(BIN)/python -m pytest $(PYTEST_ARGS)

schema: $(VENV)/.site-deps
	$(BIN)/python -m honour_roll.schema > docs/du-lieu-mo/honoree.schema.json

clean:
	rm -rf site .site-* $(VENV)
