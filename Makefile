# breachlens — every target sets up .venv from pyproject.toml first (idempotent).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint bench clean chromium

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,pdf]'
	@touch $(STAMP)
	@echo "breachlens installed in $(VENV)"

DEMO_HOME := $(CURDIR)/.demo

demo: install
	@echo "== breachlens analyze examples/sale-fr-employment.txt"
	@$(BIN)/breachlens analyze examples/sale-fr-employment.txt
	@echo
	@echo "== every bundled example, saved into a demo database ($(DEMO_HOME))"
	@BREACHLENS_HOME=$(DEMO_HOME) $(BIN)/breachlens analyze --save --format json \
		examples/*.txt examples/*.html > $(DEMO_HOME).jsonl
	@BREACHLENS_HOME=$(DEMO_HOME) $(BIN)/breachlens claims list
	@echo "JSON claims with evidence: $(DEMO_HOME).jsonl"
	@echo
	@echo "== the dashboard over the demo database (incidents from the same examples)"
	@BREACHLENS_HOME=$(DEMO_HOME) $(BIN)/breachlens ingest examples/ >/dev/null
	@BREACHLENS_HOME=$(DEMO_HOME) $(BIN)/breachlens users list --format json | grep -q '"demo"' || \
		echo "demo-password" | BREACHLENS_HOME=$(DEMO_HOME) $(BIN)/breachlens users add demo --role analyst \
		--password-stdin
	@echo "sign in as demo / demo-password at http://127.0.0.1:8000/"
	@if [ -t 0 ]; then BREACHLENS_HOME=$(DEMO_HOME) $(BIN)/breachlens serve; \
	else echo "start it with: BREACHLENS_HOME=$(DEMO_HOME) $(BIN)/breachlens serve"; fi

lint: install
	@$(BIN)/ruff check src tests benchmarks tools
	@$(BIN)/mypy src

test: install lint chromium
	@$(BIN)/pytest

# The browser tests drive Debian's chromium (never a downloaded browser); installed when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { echo "installing Debian's chromium for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); }

bench: install
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,pdf,bench]'
	@$(BIN)/python benchmarks/extract.py
	@$(BIN)/python benchmarks/cluster.py
	@$(BIN)/python benchmarks/ingest.py --documents 2000
	@$(BIN)/python benchmarks/samples.py
	@$(BIN)/python benchmarks/overlap.py
	@$(BIN)/python benchmarks/exposure.py --identifiers 2000000 --http-seconds 5
	@$(BIN)/python benchmarks/watchlist.py
	@$(BIN)/python benchmarks/web_search.py

clean:
	rm -rf $(VENV) .demo .demo.jsonl build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
