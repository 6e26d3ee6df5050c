# Kakehashi: `make run` sets up and serves the platform; `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run setup install test messages worker taxonomy clean-db prod backup restore

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

## Set up (migrate, taxonomy, demo data when empty) and serve on http://$(HOST):$(PORT)
run: setup
	$(PY) manage.py runserver $(HOST):$(PORT)

setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py taxonomy_load
	$(PY) manage.py demo_seed --if-empty
	test -e var/matching-index/current || $(PY) manage.py matching_index_rebuild
	$(PY) manage.py demo_logins

## Production settings on this machine: gunicorn, a Celery worker and beat under honcho, on
## PostgreSQL and Redis (tools/prod.sh; settings in var/prod.env, written on the first run).
## DEMO=1 fills an empty database with the demo data.
prod: install
	KAKEHASHI_DEMO=$(DEMO) tools/prod.sh

## Back up the database and the uploads into var/backups/<time>/ with a manifest (PROD=1: the
## `make prod` deployment's, var/prod/backups/); docs/operations.md, "Backups"
MANAGE = $(if $(PROD),tools/prod.sh manage,$(PY) manage.py)
backup: install
	$(MANAGE) backup_create

## Restore BACKUP=<folder> (stop the web and workers first), check it, rebuild the index
restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/<time> [PROD=1]"; exit 2; }
	$(MANAGE) backup_restore $(BACKUP) --noinput
	$(MANAGE) matching_index_rebuild

## ruff, mypy on the engine, and the whole pytest suite
test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

## Rebuild engine/data/skills.json from O*NET, ESCO and the team's curation (docs/skills.md)
taxonomy: install
	$(PY) tools/build_taxonomy.py

worker: install
	$(BIN)/celery -A kakehashi worker --loglevel=info

## Regenerate and compile translations (needs GNU gettext)
messages: install
	cd kakehashi && ../$(PY) ../manage.py makemessages -l ja -l ur --no-obsolete
	cd kakehashi && ../$(PY) ../manage.py compilemessages

clean-db:
	rm -f var/kakehashi.sqlite3 var/kakehashi.sqlite3-wal var/kakehashi.sqlite3-shm
