#!/usr/bin/env bash
# `make prod`: Kakehashi with production settings on this machine — gunicorn, a Celery worker
# and Celery beat (Procfile, run by honcho) on PostgreSQL and Redis.
#
#   tools/prod.sh          prepare (below) and start; Ctrl-C stops all three processes
#   tools/prod.sh env      only write the settings file (first run), print its path
#   tools/prod.sh prepare  only prepare: env file, database, migrate, static files, taxonomy,
#                          demo data (KAKEHASHI_DEMO=1), matching index, deploy check
#   tools/prod.sh serve    only start (prepared before)
#   tools/prod.sh manage …  a manage.py command with these settings (make backup PROD=1)
#
# The first run writes $KAKEHASHI_PROD_ENV (default var/prod.env, mode 0600): fresh secrets
# and the machine's services (PostgreSQL 127.0.0.1:5432 as postgres with trust auth, Redis
# 127.0.0.1:6379). Edit it, or override any line from the environment for one run:
#   DATABASE_URL=postgres://kakehashi:…@db/kakehashi WEB_BIND=0.0.0.0:8000 make prod
# Keep the file: its FIELD_ENCRYPTION_KEYS and CNIC_LOOKUP_KEY are needed to read the CNICs
# of that database (and of its backups) ever after.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
ENV_FILE="${KAKEHASHI_PROD_ENV:-var/prod.env}"
step() { printf '== %s\n' "$*" >&2; }

write_env() {
  mkdir -p "$(dirname "$ENV_FILE")"
  local secrets
  secrets="$("$PY" - <<'PY'
import secrets
from cryptography.fernet import Fernet
print(f"SECRET_KEY={secrets.token_urlsafe(50)}")
print(f"FIELD_ENCRYPTION_KEYS={Fernet.generate_key().decode()}")
print(f"CNIC_LOOKUP_KEY={secrets.token_urlsafe(32)}")
PY
)"
  (
    umask 077
    cat >"$ENV_FILE" <<ENV
# Kakehashi production settings for this machine, written by tools/prod.sh on $(date -u +%FT%TZ).
# Every variable is explained in .env.example and docs/operations.md. KEEP THIS FILE (and a copy
# of its keys in the ministry's secret store, apart from the backups): without
# FIELD_ENCRYPTION_KEYS and CNIC_LOOKUP_KEY the stored CNICs cannot be read or matched.
KAKEHASHI_ENV=production
KAKEHASHI_VAR_DIR=$PWD/var/prod
$secrets
ALLOWED_HOSTS=127.0.0.1,localhost
SITE_URL=https://localhost
DATABASE_URL=postgres://postgres@127.0.0.1:5432/kakehashi
CELERY_BROKER_URL=redis://127.0.0.1:6379/0
CELERY_RESULT_BACKEND=redis://127.0.0.1:6379/1
CACHE_URL=redis://127.0.0.1:6379/2
# The mail relay (nothing is sent until one answers here; the worker logs each failure).
EMAIL_HOST=127.0.0.1
EMAIL_PORT=25
EMAIL_USE_TLS=false
# gunicorn listens here for the TLS-terminating proxy in front (docs/operations.md, "HTTPS").
WEB_BIND=127.0.0.1:8000
WEB_CONCURRENCY=4
CELERY_CONCURRENCY=2
LOG_FORMAT=json
LOG_LEVEL=INFO
ENV
  )
  step "wrote $ENV_FILE (new secrets; keep it)"
}

load_env() {
  # The file's values, unless the environment already gives the variable.
  local line name
  while IFS= read -r line || [ -n "$line" ]; do
    [[ "$line" =~ ^([A-Z_][A-Z0-9_]*)=(.*)$ ]] || continue
    name="${BASH_REMATCH[1]}"
    if [ -z "${!name:-}" ]; then
      export "$name=${BASH_REMATCH[2]}"
    fi
  done <"$ENV_FILE"
}

database_create() {
  "$PY" - <<'PY'
import os

import dj_database_url
import psycopg
from psycopg import sql

db = dj_database_url.parse(os.environ["DATABASE_URL"])
if db["ENGINE"] == "django.db.backends.postgresql":
    params = {
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone():
            print(f"database {db['NAME']} exists")
        else:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
            print(f"created database {db['NAME']}")
PY
}

prepare() {
  step "database"
  database_create
  step "migrate"
  "$PY" manage.py migrate --noinput
  step "static files"
  "$PY" manage.py collectstatic --noinput
  step "skills taxonomy"
  "$PY" manage.py taxonomy_load
  if [ "${KAKEHASHI_DEMO:-0}" = "1" ]; then
    step "demo data (when the database is empty)"
    "$PY" manage.py demo_seed --if-empty
  fi
  if [ ! -e "$KAKEHASHI_VAR_DIR/matching-index/current" ]; then
    step "matching index"
    "$PY" manage.py matching_index_rebuild
  fi
  step "deploy check"
  "$PY" manage.py check --deploy
}

[ -e "$ENV_FILE" ] || write_env
load_env
case "${1:-start}" in
  env) echo "$ENV_FILE" ;;
  prepare) prepare ;;
  manage) shift; exec "$PY" manage.py "$@" ;;
  start | serve)
    [ "${1:-start}" = serve ] || prepare
    step "starting web ($WEB_BIND), worker and beat; Ctrl-C stops them"
    exec .venv/bin/honcho start --procfile Procfile --env /dev/null
    ;;
  *) echo "usage: tools/prod.sh [start|serve|env|prepare|manage …]" >&2; exit 2 ;;
esac
