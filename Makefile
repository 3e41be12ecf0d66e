# Everything sets itself up: `make run` and `make test` create and fill .venv as needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test validate snapshots bench bench-flood bench-big bench-compare browser-shot clean

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
	$(BIN)/python -m pytest -q tests/app/test_snapshots.py tests/app/test_any_coalition.py tests/unit/test_map.py --snapshot-update

# The benchmarks of docs/PERFORMANCE.md (CPU time of whole processes, interleaved with their
# baselines; 1k/10k/100k memberships; several minutes on 2 cores); rewrites that file.
# VisiData is a baseline of the benchmark only, not a dependency: installed here if it can be.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet visidata || echo "VisiData not installed: its baselines are skipped"
	$(BIN)/python benchmarks/run.py --write

# Only the floods of problems (benchmarks/flood.py, issues 12 and 19: about 10 minutes of one core);
# rewrites that section of docs/PERFORMANCE.md. `make bench` measures them too.
bench-flood: $(STAMP)
	$(BIN)/python benchmarks/run.py --flood-only --write

# bench with 1,000,000 memberships as well: many minutes and several GB; never run by `make test` or CI.
bench-big: $(STAMP)
	$(BIN)/python -m pip install --quiet visidata || echo "VisiData not installed: its baselines are skipped"
	$(BIN)/python benchmarks/run.py --big --write

# The first frame and memory of this tree against an earlier revision, interleaved in one run.
bench-compare: $(STAMP)
	$(BIN)/python -m pip install --quiet visidata || echo "VisiData not installed: its baselines are skipped"
	$(BIN)/python benchmarks/compare.py $(REV)

# The README's picture of the dashboard in a browser, docs/browser.png: `serve` in Debian's headless
# Chromium (apt-get install chromium fonts-dejavu-core; Playwright comes with the test extra).
browser-shot: $(STAMP)
	$(BIN)/python scripts/browser_shot.py -o docs/browser.png

clean:
	rm -rf $(VENV) build dist
