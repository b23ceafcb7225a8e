# breachlens — every target sets up .venv from pyproject.toml first (idempotent).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint bench clean

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

lint: install
	@$(BIN)/ruff check src tests benchmarks tools
	@$(BIN)/mypy src

test: install lint
	@$(BIN)/pytest

bench: install
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,pdf,bench]'
	@$(BIN)/python benchmarks/extract.py
	@$(BIN)/python benchmarks/cluster.py
	@$(BIN)/python benchmarks/ingest.py --documents 2000
	@$(BIN)/python benchmarks/samples.py
	@$(BIN)/python benchmarks/overlap.py

clean:
	rm -rf $(VENV) .demo .demo.jsonl build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
