# Everything a fresh clone needs is installed from here: CI has nothing else.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= flashpoint.duckdb

.PHONY: install run test bench evaluate clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[dev,dask]'
	touch $(STAMP)

run: install
	$(BIN)/flashpoint ingest --demo --db $(DB)
	$(BIN)/flashpoint events --db $(DB) --limit 40

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/flashpoint bench

evaluate: install
	$(BIN)/flashpoint evaluate seed

clean:
	rm -rf $(VENV) $(DB) build src/*.egg-info
