# Two commands do all set-up on a fresh machine (python3 and make are all they need):
#   make demo   create .venv if missing, install rashomon, run `rashomon demo`
#   make test   the same environment plus test extras and system components, run the whole suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= rashomon.db

.PHONY: demo test install install-test system-deps bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/rashomon demo --db $(DB)

# Browser and PostgreSQL tests need Debian's chromium and postgresql: installed here if missing.
system-deps:
	bash scripts/ensure-system-deps.sh

test: install-test system-deps
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

bench: install-test
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/link.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
