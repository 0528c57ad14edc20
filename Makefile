# Two commands do all the set-up on a fresh machine:
#   make preview   build the site with the sample data and serve it on http://127.0.0.1:8000
#   make test      install everything the tests need (a browser included) and run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: preview build test schema lighthouse clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.site-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml | $(BIN)/python
	@t0=$$(date +%s); $(BIN)/pip install -q -e '.[test]' && echo "stage: python packages: $$(( $$(date +%s) - t0 )) s"
	touch $@

preview: $(VENV)/.site-deps
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.site-deps
	$(BIN)/python scripts/build_site.py

test: $(VENV)/.test-deps
	bash scripts/run_tests.sh $(PYTEST_ARGS)

lighthouse: $(VENV)/.site-deps
	$(BIN)/python scripts/lighthouse.py

schema: $(VENV)/.site-deps
	$(BIN)/python -m honour_roll.record.schema > docs/du-lieu-mo/honoree.schema.json
	$(BIN)/python -m honour_roll.record.schema --readme README.md

clean:
	rm -rf site .site-* $(VENV)
