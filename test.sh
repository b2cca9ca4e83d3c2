#!/usr/bin/env bash
# The whole test suite on a fresh machine: set up .venv, make sure the system pieces the tests
# drive are there (Debian's chromium for the UI tests; a throwaway PostgreSQL server for the
# PostgreSQL backend), run pytest, stop the server. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup-venv
bash scripts/system-deps
pg_dir=""
cleanup() { if [ -n "$pg_dir" ]; then bash scripts/pg-test-server stop "$pg_dir" || true; fi; }
trap cleanup EXIT
if [ -z "${EVENTLENS_TEST_PG_URL:-}" ] && [ -x scripts/pg-test-server ]; then
    pg_dir=$(mktemp -d /tmp/eventlens-pg.XXXXXX)
    eval "$(bash scripts/pg-test-server start "$pg_dir")"   # exports EVENTLENS_TEST_PG_URL
fi
.venv/bin/ruff check src tests
.venv/bin/python -m pytest "$@"
