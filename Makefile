# Lan Tỏa: `make run` sets everything up and serves the demo; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEV_ENV := DEBUG=1
HOST ?= 127.0.0.1:8000
PYTEST_ARGS ?=

.PHONY: run test install migrate demo lint format clean

run: install migrate demo
	@echo "Lan Tỏa is starting on http://$(HOST)/ (Ctrl+C to stop)"
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST)

test: install
	@if [ ! -x /usr/bin/chromium ] && [ -z "$$CHROMIUM_PATH" ]; then \
		echo "*** Chromium is not installed: the browser tests will be SKIPPED (apt-get install chromium)."; \
	fi
	$(DEV_ENV) $(BIN)/pytest -n auto $(PYTEST_ARGS)

install: $(VENV)/.installed node_modules/.installed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

migrate: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(DEV_ENV) $(BIN)/python manage.py load_demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules var test-artifacts
