#!/usr/bin/env bash
# The web server and a huey consumer on the embedded default (SQLite + SqliteHuey); Ctrl-C stops both.
# Loopback only (the demo logins' password is published); PORT also makes the links in mail (BASE_URL).
set -euo pipefail
export PORT="${1:-5000}"
bin=.venv/bin
$bin/huey_consumer worker.huey -w 1 -k thread -q &
consumer=$!
trap 'kill $consumer 2>/dev/null || true' EXIT INT TERM
echo "CareerUp: http://127.0.0.1:${PORT}/  (mail lands in instance/outbox/)"
$bin/flask --app app run --host 127.0.0.1 --port "$PORT"
