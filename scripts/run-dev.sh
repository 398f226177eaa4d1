#!/usr/bin/env bash
# make run: migrate SQLite, load the demo data, start the task worker and the web server, print the accounts.
set -euo pipefail
HOST=${1:-127.0.0.1}
PORT=${2:-8000}
PY=.venv/bin/python
if (echo >"/dev/tcp/$HOST/$PORT") 2>/dev/null; then
  echo "Port $PORT sudah dipakai proses lain; hentikan dulu atau jalankan: make run PORT=8001" >&2
  exit 1
fi
$PY manage.py migrate --noinput
$PY manage.py harden_db
$PY manage.py seed_demo
$PY manage.py db_worker >/tmp/tepat-worker.log 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT
$PY manage.py demo_accounts
echo "Tepat berjalan di http://$HOST:$PORT/  (Ctrl+C untuk berhenti)"
$PY manage.py runserver "$HOST:$PORT" --noreload
