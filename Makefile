# The two commands: `make run` serves the demo, `make test` runs every check.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
TEST_POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/test
# `make run PORT=8080` serves elsewhere; the links in mails and the admin follow (SITE_URL).
PORT ?= 8000
# pip's machine-wide config names extra local indexes; their warnings are noise here.
PIP_QUIET := 2>&1 | { grep -v "is ignored: it is neither" || true; }

.PHONY: install run test lint check pytest test-postgres seed messages clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip $(PIP_QUIET)
	$(BIN)/pip install -q -e '.[dev]' $(PIP_QUIET)
	touch $(STAMP)

# The demo: seed (with the demo's shipped vectors, demo/data/vectors/), embed what they do not
# cover and index, then serve. Beside the server, at a lower priority so the pages come first:
# localstripe standing in for Stripe (port 8420), the Partner plans set up in it, and the task
# worker, which records the suggestions of whatever seed_demo changed (all of the demo on a fresh
# clone: pages say "looking for matches" meanwhile) and other after-save work.
# Timings: docs/demo.md.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py rebuild_embeddings --threads 0
	$(BIN)/python manage.py rebuild_search_index --if-empty
	nice -n 10 $(BIN)/python manage.py localstripe & LS=$$!; \
	nice -n 10 $(BIN)/python manage.py run_worker --queue-name '*' --no-reload -v 0 & WORKER=$$!; \
	nice -n 10 $(BIN)/python manage.py stripe_setup_plans --wait 15 & PLANS=$$!; \
	trap 'kill $$LS $$WORKER $$PLANS 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py seed_demo --logins && \
	echo "Serving the demo on http://127.0.0.1:$(PORT) (Ctrl-C stops it)." && \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

seed: install
	$(BIN)/python manage.py seed_demo

test: install lint check pytest test-postgres

# Style, and the layers of the apps (import-linter contract in pyproject.toml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

check: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

pytest: install
	$(BIN)/pytest

# Tests marked `postgres` run a second time against PostgreSQL when one answers.
test-postgres: install
	@if $(BIN)/python -c "import psycopg, sys; psycopg.connect(sys.argv[1], connect_timeout=3).close()" "$(TEST_POSTGRES_URL)" 2>/dev/null; then \
		echo "== PostgreSQL reachable at $(TEST_POSTGRES_URL): running the postgres-marked tests on it =="; \
		TEST_DATABASE_URL="$(TEST_POSTGRES_URL)" $(BIN)/pytest -m postgres; \
	else \
		echo "== SKIPPED: PostgreSQL is not reachable at $(TEST_POSTGRES_URL); the postgres-marked tests ran on SQLite only =="; \
	fi

messages: install
	$(BIN)/python manage.py makemessages -l nl --no-obsolete --ignore=.venv --ignore=tests --ignore=benchmarks
	$(BIN)/python manage.py compilemessages -l nl --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 test-db.sqlite3 media staticfiles .localstripe
