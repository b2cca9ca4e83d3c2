#!/usr/bin/env bash
# The main job on a fresh machine: set up .venv, ingest the bundled examples into eventlens.db,
# print what was found, then serve the web UI (http://127.0.0.1:8000; Ctrl-C to stop).
# Set EVENTLENS_NO_SERVE=1 to stop after printing.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup-venv
export EVENTLENS_DB=${EVENTLENS_DB:-eventlens.db}
.venv/bin/eventlens ingest examples
.venv/bin/eventlens events --limit 50
.venv/bin/eventlens actors --limit 20
if .venv/bin/eventlens alerts --help >/dev/null 2>&1; then
    .venv/bin/eventlens alerts
fi
if [ -z "${EVENTLENS_NO_SERVE:-}" ] && .venv/bin/eventlens serve --help >/dev/null 2>&1; then
    exec .venv/bin/eventlens serve --host "${EVENTLENS_HOST:-127.0.0.1}" --port "${EVENTLENS_PORT:-8000}"
fi
