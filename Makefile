# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: demo test lint bench format clean install dev system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

install: $(STAMP)
dev: $(DEV_STAMP)

# `make demo PORT=8080` serves on another port (a port in use is one line and exit 1, no traceback).
PORT ?= 8000
demo: $(STAMP)
	$(BIN)/servicepact demo --port $(PORT)

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests benchmarks scripts conftest.py
	$(BIN)/ruff format --check src tests benchmarks scripts conftest.py
	$(BIN)/mypy --strict src/servicepact
	$(BIN)/lint-imports

# Debian packages (Chromium, poppler, HarfBuzz subset): installed when run as root, else named.
system-deps:
	@bash scripts/system-deps.sh

test: system-deps lint
	$(BIN)/pytest -q -p no:cacheprovider --durations=15  # tests/ and the doctests of src/servicepact

format: $(DEV_STAMP)
	$(BIN)/ruff format src tests benchmarks scripts conftest.py
	$(BIN)/ruff check --fix src tests benchmarks scripts conftest.py

bench: $(DEV_STAMP)
	for bench in benchmarks/bench_*.py; do $(BIN)/python $$bench || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist

# PNG images of the first pages of each example's contract, for reviewers (docs/contracts/).
.PHONY: contracts-images
contracts-images: $(STAMP)
	@command -v pdftoppm >/dev/null || { echo "pdftoppm is missing: apt-get install poppler-utils"; exit 1; }
	mkdir -p docs/contracts
	tmp=$$(mktemp -d) && for example in examples/*.yaml; do \
	  name=$$(basename $$example .yaml); name=$${name%.*}; \
	  for lang in en ru; do \
	    $(BIN)/servicepact render $$example --lang $$lang --format pdf -o $$tmp/$$name.$$lang.pdf || exit 1; \
	    for page in 1 2; do \
	      pdftoppm -png -r 80 -f $$page -l $$page -singlefile $$tmp/$$name.$$lang.pdf \
	        docs/contracts/$$name.$$lang.page$$page || exit 1; \
	    done; \
	  done; \
	done; rm -rf $$tmp

# Screenshots of every page at desktop and phone width (docs/screenshots/), with headless Chromium.
.PHONY: screenshots
screenshots: $(DEV_STAMP)
	@test -x /usr/bin/chromium && test -x /usr/bin/chromedriver || { echo "apt-get install chromium chromium-driver"; exit 1; }
	$(BIN)/python scripts/screenshots.py --out docs/screenshots
