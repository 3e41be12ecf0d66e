# Everything sets itself up: `make run` and `make test` create and fill .venv as needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test validate snapshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/coalition-tui

test: $(STAMP)
	$(BIN)/python -m pytest -q

validate: $(STAMP)
	$(BIN)/coalition-tui validate

snapshots: $(STAMP)
	$(BIN)/python -m pytest -q tests/test_snapshots.py --snapshot-update

clean:
	rm -rf $(VENV) build dist
