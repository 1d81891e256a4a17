#!/usr/bin/env bash
# Throwaway PostgreSQL server for the test suite, started and stopped by the
# tests themselves and by CI. The cluster lives entirely in DIR and listens
# only on a unix socket there (no TCP); trust auth, fsync off.
#
#   scripts/test-postgres.sh start DIR   prints postgres://precis@localhost/precis?host=DIR
#   scripts/test-postgres.sh stop DIR    stops the server and removes DIR (safe to repeat)
#   scripts/test-postgres.sh createdb DIR NAME   makes an empty database NAME on the
#                                        running server and prints its URL
#
# Installs Debian's postgresql if no /usr/lib/postgresql/*/bin/initdb exists.
# Runs as root; the server itself runs as the postgres user. Progress and
# errors go to stderr; stdout carries only the URL.
set -Eeuo pipefail

MARKER=.precis-test-postgres
PGUSER_OS=postgres

trap 'echo "test-postgres: unexpected failure at line $LINENO: $BASH_COMMAND" >&2' ERR
NAME=test-postgres DIR_USE="a URL and a config file"
# shellcheck source=scripts/test-server-lib.sh
. "$(dirname "$0")/test-server-lib.sh"
log_tail() {
  if [ -f "$DIR/postgres.log" ]; then
    echo "test-postgres: last lines of $DIR/postgres.log:" >&2
    tail -n 30 "$DIR/postgres.log" >&2
  fi
}
fail() { echo "test-postgres: $*" >&2; log_tail; exit 1; }

usage() { die "usage: $0 start|stop DIR, or $0 createdb DIR NAME"; }
[ $# -eq 2 ] || { [ $# -eq 3 ] && [ "$1" = createdb ]; } || usage
CMD=$1
DB=${3:-}
[ -n "$2" ] || usage
DIR=$(server_dir "$2") || exit 1
PGDATA=$DIR/data
URL="postgres://precis@localhost/precis?host=$DIR"

find_bin() {
  BIN=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  [ -n "$BIN" ] && [ -x "$BIN/initdb" ]
}

install_postgres() {
  find_bin && return 0
  echo "test-postgres: installing postgresql from Debian" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends postgresql >&2 || die "apt-get install postgresql failed"
  find_bin || die "postgresql installed but no /usr/lib/postgresql/*/bin/initdb found"
}

as_pg() { runuser -u "$PGUSER_OS" -- "$@"; }

# the postmaster's pid, from its pid file
pm_pid() { head -n 1 "$PGDATA/postmaster.pid" 2>/dev/null || true; }
# a server for DIR is up and accepts connections
running() { alive "$(pm_pid)" && "$BIN/pg_isready" -q -h "$DIR" -t 5 >/dev/null 2>&1; }

psql_admin() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -U postgres -d postgres "$@"; }

start() {
  [ "$(id -u)" -eq 0 ] || die "must run as root (it installs packages and switches to the postgres user)"
  install_postgres
  id "$PGUSER_OS" >/dev/null 2>&1 || die "no '$PGUSER_OS' user (the postgresql package should have created it)"

  check_dir_for_start

  # unix socket paths are limited to 107 bytes
  local sock=$DIR/.s.PGSQL.5432
  [ ${#sock} -le 107 ] || die "socket path $sock is longer than 107 bytes; use a shorter DIR"

  # the postgres user must reach DIR through every existing parent directory
  # (the missing ones are made here by root, with the usual umask, so o+x)
  local p="" part
  local IFS=/
  for part in ${DIR#/}; do
    p=$p/$part
    [ -e "$p" ] || break
    [ "$p" = "$DIR" ] || as_pg test -x "$p" \
      || die "directory $p is not traversable by the '$PGUSER_OS' user (needs o+x); choose a DIR under /tmp, for example"
  done
  unset IFS

  mkdir -p "$DIR"
  touch "$DIR/$MARKER"

  if running; then
    echo "$URL"
    return 0
  fi

  chown "$PGUSER_OS:" "$DIR"
  chmod 0755 "$DIR"   # the socket is reachable by any local user; data/ stays 0700

  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    rm -rf "$PGDATA"
    as_pg "$BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
      >"$DIR/initdb.log" 2>&1 \
      || { tail -n 30 "$DIR/initdb.log" >&2; die "initdb failed (log: $DIR/initdb.log)"; }
    cat >>"$PGDATA/postgresql.conf" <<EOF

# --- test server settings (scripts/test-postgres.sh) ---
listen_addresses = ''
unix_socket_directories = '$DIR'
port = 5432
max_connections = 200
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
EOF
  fi

  # after a crash: a postmaster.pid naming a dead process, or one that is a
  # zombie not yet reaped (PID 1 in this container reaps slowly), which the
  # new postmaster would take for a live server
  local old
  old=$(pm_pid)
  if [ -n "$old" ] && ! alive "$old"; then
    echo "test-postgres: removing the stale lock files of dead postmaster $old" >&2
    rm -f "$PGDATA/postmaster.pid" "$DIR/.s.PGSQL.5432.lock"
  fi

  local out
  out=$(as_pg "$BIN/pg_ctl" start -w -t 60 -D "$PGDATA" -l "$DIR/postgres.log" 2>&1) \
    || { echo "$out" >&2; fail "pg_ctl start failed for $PGDATA"; }

  psql_admin -tA -c "select 1" >/dev/null || fail "cannot connect to the server on socket $DIR"
  if [ "$(psql_admin -tA -c "select 1 from pg_roles where rolname = 'precis'")" != 1 ]; then
    psql_admin -c "create role precis superuser login" || fail "create role precis failed"
  fi
  if [ "$(psql_admin -tA -c "select 1 from pg_database where datname = 'precis'")" != 1 ]; then
    psql_admin -c "create database precis owner precis" || fail "create database precis failed"
  fi
  "$BIN/psql" -X -q -h "$DIR" -U precis -d precis -tA -c "select 1" >/dev/null \
    || fail "cannot connect as user precis to database precis on socket $DIR"
  echo "$URL"
}

stop() {
  dir_to_stop || return 0
  local pid
  pid=$(pm_pid)
  if alive "$pid"; then
    find_bin || die "a server runs in $PGDATA (pid $pid) but no pg_ctl was found"
    local out
    if ! out=$(as_pg "$BIN/pg_ctl" stop -D "$PGDATA" -m fast -w -t 60 2>&1) && alive "$pid"; then
      echo "$out" >&2
      fail "pg_ctl stop -m fast failed for $PGDATA (postmaster pid $pid)"
    fi
  fi
  rm -rf "$DIR"
}

createdb() {
  case $DB in
    ""|*[!a-z0-9_]*) die "database name '$DB' must be lower-case letters, digits and _" ;;
  esac
  find_bin || die "no PostgreSQL installed; run $0 start DIR first"
  running || die "no server runs in $DIR; run $0 start DIR first"
  psql_admin -c "create database $DB owner precis" >&2 || fail "create database $DB failed"
  echo "postgres://precis@localhost/$DB?host=$DIR"
}

case $CMD in
  createdb) createdb ;;
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
