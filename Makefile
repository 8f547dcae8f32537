# dyadwatch: `make demo` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= dyadwatch.duckdb
SHARED ?= ../shared

.PHONY: install demo test test-fast lint bench train clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: install
	$(BIN)/dyadwatch ingest examples --db $(DB)
	$(BIN)/dyadwatch events --db $(DB)
	$(BIN)/dyadwatch dyads --db $(DB)

lint: install
	$(BIN)/ruff check src tests training

test: install lint
	$(BIN)/pytest -q

test-fast: install
	$(BIN)/pytest -q -m "not slow"

bench: install
	$(BIN)/python -m dyadwatch.bench --shared $(SHARED)

train: install
	$(BIN)/pip install --quiet -r training/requirements.txt
	$(BIN)/python training/build_reftables.py
	$(BIN)/python training/train_event_type.py

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .ruff_cache
