# `make run` (the app with demo data: runtime requirements only), `make test` (the suite: adds the test tools
# and Debian packages), `make reader` (the card-reader helper), `make prod-local` (production mode here).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
PORT ?= 5000

.PHONY: run test lint setup system-packages db translations reader prod-local prod-local-stop clean

$(RUN_STAMP): requirements.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	touch $(RUN_STAMP)

# Debian packages first: pip builds pyscard (hardware/requirements.txt) with swig and the PC/SC headers.
$(DEV_STAMP): $(RUN_STAMP) requirements-dev.txt hardware/requirements.txt | system-packages
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $(DEV_STAMP)

setup: $(RUN_STAMP) translations

system-packages:
	@bash scripts/system-packages.sh test

translations: $(RUN_STAMP)
	@$(BIN)/pybabel compile --statistics -d translations

db: setup
	$(BIN)/flask --app app db upgrade

# Embedded: SQLite, SqliteHuey, mail in instance/outbox/, on 127.0.0.1 only; links in mail use PORT.
run: setup db
	@$(BIN)/flask --app app demo-data
	@bash scripts/run-embedded.sh $(PORT)

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# A worker per core (pytest-xdist); a test file stays in one worker (browser per module, one PC/SC reader).
PYTEST_JOBS ?= -n auto --dist loadfile

test: $(DEV_STAMP) translations lint
	$(BIN)/python -m pytest -q $(PYTEST_JOBS) $(PYTEST_ARGS)

# The card-reader helper for the PC beside a reader: its own venv with pyscard, nothing of the web app.
reader:
	@bash scripts/system-packages.sh reader
	test -x .venv-reader/bin/python || $(PY) -m venv .venv-reader
	.venv-reader/bin/pip install -q --disable-pip-version-check -r hardware/requirements.txt
	@echo "reader helper installed: .venv-reader/bin/python -m hardware.helper --server https://<BASE_URL host> --token cr_..."

# Production mode on this machine (README "Production on this machine"): PostgreSQL + Redis from here,
# gunicorn (2 gthread workers, TLS with a self-signed certificate), 2 huey consumers, a local SMTP sink.
prod-local: setup
	@bash scripts/prod-local.sh start

prod-local-stop:
	@bash scripts/prod-local.sh stop

clean:
	rm -rf $(VENV) .venv-reader instance .pytest_cache tests/e2e/screenshots
