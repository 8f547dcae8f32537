# dyadwatch: `make demo` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= dyadwatch.duckdb
SHARED ?= ../shared

.PHONY: install browsers demo test test-fast lint fuzz bench bench-scale train clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Debian's chromium and chromium-driver for the browser tests (tests/test_pages.py), when missing.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browsers:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

demo: install
	$(BIN)/dyadwatch ingest examples --db $(DB)
	$(BIN)/dyadwatch events --db $(DB)
	$(BIN)/dyadwatch dyads --db $(DB)
	@echo
	@echo "Web app: $(BIN)/dyadwatch serve --db $(DB)   then open http://127.0.0.1:8000/"
	@echo "         (the state of Niger on the seed's date: http://127.0.0.1:8000/state?actor=NER&at=2023-12-22)"

lint: install
	$(BIN)/ruff check src tests training

# One test process per core (at most 4: each loads the models); a file's tests stay on one worker, so its
# module fixtures are built once.
PYTEST := $(BIN)/pytest -q -n auto --maxprocesses 4 --dist loadfile

test: install lint browsers
	$(PYTEST)

test-fast: install browsers
	$(PYTEST) -m "not slow"

# 10,000 adversarial sentences through reader, pipeline and store (issue 16; figures in docs/benchmarks.md).
FUZZ_EXAMPLES ?= 10000
fuzz: install
	$(BIN)/python -m tests.fuzz -n $(FUZZ_EXAMPLES) --shared $(SHARED)

bench: install
	$(BIN)/dyadwatch bench --shared $(SHARED)

# Distributed ingest of the 2,095 BBC articles with 1 and 2 Dask workers (docs/benchmarks.md).
bench-scale: install
	$(BIN)/python -m dyadwatch.distributed $(SHARED)/data/bbc --workers 1 2

# Rebuilds the shipped tables and models from ../shared/data (seeded) in a venv of its own: torch in
# .venv would be imported by spaCy's thinc in every coding process (slower, ~200 MB more per process).
TRAIN_BIN := .venv-train/bin
train: install
	test -x $(TRAIN_BIN)/python || $(PYTHON) -m venv .venv-train
	$(TRAIN_BIN)/pip install --quiet torch==2.13.0
	$(TRAIN_BIN)/pip install --quiet -r training/requirements.txt
	$(TRAIN_BIN)/pip install --quiet -e .
	$(TRAIN_BIN)/python training/build_reftables.py
	$(TRAIN_BIN)/python training/build_sectors.py
	$(TRAIN_BIN)/python training/build_actors.py
	$(TRAIN_BIN)/python training/train_event_type.py
	$(TRAIN_BIN)/python training/train_dyads.py --c 1.0 --threshold 0.6 --fallback 0.1
	$(TRAIN_BIN)/python training/train_screen.py
	$(TRAIN_BIN)/python training/distill_event_type.py
	$(TRAIN_BIN)/python training/train_relevance.py
	$(TRAIN_BIN)/python training/eval_end_to_end.py

clean:
	rm -rf $(VENV) .venv-train $(DB) .pytest_cache .ruff_cache
