#!/usr/bin/env bash
# postgres.sh: a throwaway PostgreSQL server for CI and benchmarks, from
# Debian's packages, in a folder of its own (its own port and socket), so
# it neither needs nor disturbs a system cluster.
#
#   scripts/postgres.sh start DIR [PORT]       # prints the store URL on stdout
#   scripts/postgres.sh fresh DIR NAME [PORT]  # (re)creates database NAME, prints its URL
#   scripts/postgres.sh stop DIR
#
# start installs the postgresql package when no server binaries are found,
# creates a cluster in DIR/data owned by the postgres user (the server
# refuses to run as root), starts it on 127.0.0.1:PORT (default 54329) and
# creates the database "dossier". Point Dossier at it with
#   dossier --store "$(scripts/postgres.sh start /tmp/pg)" build ...
set -euo pipefail
usage="usage: postgres.sh start DIR [PORT] | fresh DIR NAME [PORT] | stop DIR"
cmd=${1:?$usage}
dir=${2:?$usage}
if [ "$cmd" = fresh ]; then
  name=${3:?$usage}
  port=${4:-54329}
else
  port=${3:-54329}
fi

bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$d" ] || [ ! -x "$d/pg_ctl" ]; then
    echo "installing postgresql" >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -qq postgresql >/dev/null 2>&1; then
      apt-get update -qq >/dev/null && apt-get install -y -qq postgresql >/dev/null
    fi
    d=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  echo "$d"
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
start)
  bin=$(bindir)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  opts="-p $port -k $dir -c listen_addresses=127.0.0.1 -c shared_buffers=256MB"
  # PG_NOSYNC=1 trades durability for speed (CI's throwaway server); the
  # benchmarks keep PostgreSQL's defaults, as bolt keeps its fsync
  [ "${PG_NOSYNC:-0}" = 1 ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$opts" start >/dev/null
  as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qAtc \
    "SELECT 1 FROM pg_database WHERE datname = 'dossier'" | grep -q 1 ||
    as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres dossier
  echo "postgres://postgres@127.0.0.1:$port/dossier?sslmode=disable"
  ;;
fresh)
  bin=$(bindir)
  as_postgres "$bin/dropdb" -h 127.0.0.1 -p "$port" -U postgres --if-exists "$name"
  as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$name"
  echo "postgres://postgres@127.0.0.1:$port/$name?sslmode=disable"
  ;;
stop)
  bin=$(bindir)
  [ -f "$dir/data/postmaster.pid" ] && as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  ;;
*)
  echo "$usage" >&2
  exit 2
  ;;
esac
