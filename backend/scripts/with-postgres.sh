#!/usr/bin/env bash
# Runs a command with PG_TEST_URL pointing at a throwaway PostgreSQL cluster:
# Debian's postgresql (installed with apt-get when missing), a temporary folder,
# a free port on 127.0.0.1, stopped and deleted afterwards whatever happens.
# PostgreSQL refuses to run as root: as root (CI), the cluster runs as the
# postgres user that Debian's package creates.
#   usage: scripts/with-postgres.sh <command> [args...]
set -euo pipefail

find_bindir() {
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

BIN="$(find_bindir || true)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "with-postgres: PostgreSQL is not installed; run as root once, or: sudo apt-get install -y postgresql" >&2
    exit 1
  fi
  apt-get update && apt-get install -y --no-install-recommends postgresql
  BIN="$(find_bindir)"
fi

DIR="$(mktemp -d /tmp/pad-pg.XXXXXX)"
PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" -eq 0 ] && chown postgres "$DIR"

cleanup() {
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT

as_owner "$BIN/initdb" -D "$DIR/data" -U pad -A trust --no-sync -E UTF8 >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }

echo "with-postgres: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2
PG_TEST_URL="postgresql://pad@127.0.0.1:$PORT/postgres" "$@"
