#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL cluster (as root, no systemd); the cluster is removed afterwards.
# Usage: scripts/with-postgres.sh COMMAND...   (DATABASE_URL is exported for the command)
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
port_free() { ! (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=${TEPAT_PG_PORT:-5433}
# Parallel runs on one machine (developers, CI) each get their own port.
while ! port_free "$PORT"; do PORT=$((PORT + 1)); done
PGDATA=$(mktemp -d /tmp/tepat-pg.XXXXXX)
chmod 755 "$PGDATA"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA"
}
trap cleanup EXIT
[ "$(id -u)" -eq 0 ] && chown postgres "$PGDATA"
as_pg "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" \
  -o "-p $PORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" -w start >/dev/null
as_pg psql -q -h 127.0.0.1 -p "$PORT" -U postgres \
  -c "CREATE ROLE tepat LOGIN PASSWORD 'tepat' CREATEDB" -c "CREATE DATABASE tepat OWNER tepat" >/dev/null
export DATABASE_URL="postgres://tepat:tepat@127.0.0.1:$PORT/tepat"
"$@"
