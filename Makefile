# OpsLens — every target sets itself up: a fresh clone needs nothing but python3 (>= 3.11).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
GOLD   ?= $(or $(OPSLENS_GOLD_DIR),../shared/data)

.PHONY: install system-deps run test eval bench lint lock clean

install: $(STAMP)

# Dependencies come only from requirements.lock, pinned by version and sha256.
$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "OpsLens needs Python >= 3.11"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m compileall -q src >/dev/null  # as pip does for installed packages: no compiling at every start
	touch $(STAMP)

run: install
	$(BIN)/opslens analyze --published 2022-01-23 --format brief examples/seed-article.txt

# The store tests start a throwaway PostgreSQL server and the dashboard tests drive a headless
# Chromium: Debian's postgresql and chromium provide them (Playwright downloads no browser).
system-deps:
	@missing=; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	test -x /usr/bin/chromium || missing="$$missing chromium fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian's$$missing (for the store and dashboard tests)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

test: install system-deps
	$(BIN)/python -m pytest

eval: install
	OPSLENS_GOLD_DIR=$(GOLD) $(BIN)/python eval/gates.py

# Throughput against bare spaCy, start-up over spaCy's load, peak memory by batch size (bench/RESULTS.md).
bench: install
	$(BIN)/python bench/throughput.py --gold-dir $(GOLD)
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/memory.py --gold-dir $(GOLD)

# Lint and types, settings in pyproject.toml: ruff (rules and format) over all the Python, mypy over
# the package. Every check runs, and the target fails if any of them found something.
LINTED := src tests bench tools eval
lint: install
	@status=0; \
	echo "ruff check $(LINTED)"; $(BIN)/ruff check $(LINTED) || status=1; \
	echo "ruff format --check $(LINTED)"; $(BIN)/ruff format --check $(LINTED) || status=1; \
	echo "mypy src"; $(BIN)/mypy || status=1; \
	exit $$status

# Re-resolve pins after editing requirements.in (needs network access to PyPI).
lock:
	$(PYTHON) -m venv /tmp/opslens-lock && /tmp/opslens-lock/bin/pip install --quiet pip-tools==7.6.2
	/tmp/opslens-lock/bin/pip-compile --generate-hashes --allow-unsafe --strip-extras --no-emit-find-links --no-emit-index-url -o requirements.lock requirements.in

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
