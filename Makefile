# Tepat — two commands: `make run` (demo on SQLite) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PYTEST := $(BIN)/pytest -p no:cacheprovider
RUN_SYSDEPS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
TEST_SYSDEPS := $(RUN_SYSDEPS) postgresql chromium
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-long bench deps sysdeps test-sysdeps lint typecheck checks \
        test-engine test-sqlite test-postgres test-browser clean

$(VENV)/.installed: requirements/dev.lock.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements/dev.lock.txt
	touch $@

static/vendor/.installed: package.json package-lock.json scripts/vendor-assets.sh
	npm ci --no-audit --no-fund --loglevel=error
	bash scripts/vendor-assets.sh
	touch $@

deps: $(VENV)/.installed static/vendor/.installed

sysdeps:
	bash scripts/apt-ensure.sh $(RUN_SYSDEPS)

test-sysdeps:
	bash scripts/apt-ensure.sh $(TEST_SYSDEPS)

run: sysdeps deps
	TEPAT_DEMO=1 DJANGO_SETTINGS_MODULE=config.settings.dev bash scripts/run-dev.sh $(HOST) $(PORT)

lint: deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: deps
	$(BIN)/mypy .

checks: deps
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	bash scripts/check-deploy.sh
	$(PY) scripts/secret_scan.py

test-engine: deps
	$(PYTEST) -p no:django --confcutdir=tepat/engine -q tepat/engine

test-sqlite: deps
	$(PYTEST) -q -m "not postgres and not browser" --ignore=tepat/engine -n 2

test-postgres: deps
	bash scripts/with-postgres.sh $(PYTEST) -q -m "not browser" --ignore=tepat/engine

test-browser: deps
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PYTEST) -q -m browser --ignore=tepat/engine

test: test-sysdeps deps lint typecheck checks test-engine test-sqlite test-postgres test-browser

test-long: test-sysdeps deps
	bash scripts/with-postgres.sh $(PYTEST) -q -m "slow" --ignore=tepat/engine

bench: test-sysdeps deps
	bash scripts/with-postgres.sh $(PY) -m bench

clean:
	rm -rf $(VENV) node_modules static/vendor db.sqlite3 staticfiles
