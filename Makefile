# Two commands do all set-up: `make run` (the app with demo data) and `make test` (the suite).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 5000

.PHONY: run test lint setup system-packages db translations clean

# Debian packages first: pip builds pyscard (hardware/requirements.txt) with swig and the PC/SC headers.
$(STAMP): requirements.txt requirements-dev.txt hardware/requirements.txt | system-packages
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP) translations

system-packages:
	@bash scripts/system-packages.sh

translations: $(STAMP)
	@$(BIN)/pybabel compile --statistics -d translations

db: setup
	$(BIN)/flask --app app db upgrade

run: setup db
	@$(BIN)/flask --app app demo-data
	@bash scripts/run-embedded.sh $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# A worker per core (pytest-xdist); a test file stays in one worker (browser per module, one PC/SC reader).
PYTEST_JOBS ?= -n auto --dist loadfile

test: setup system-packages lint
	$(BIN)/python -m pytest -q $(PYTEST_JOBS) $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) instance .pytest_cache tests/e2e/screenshots
