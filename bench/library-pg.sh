#!/usr/bin/env bash
# A persistent PostgreSQL cluster for the library benchmark, its data under $LIBRARY_BENCH_DIR/pg
# (default /work/benchdata/library/pg), kept between runs so that the search can be re-measured on existing data.
#
#   bench/library-pg.sh start    initdb if needed, start on port $LIBRARY_PG_PORT (default 55432), print the connection
#   bench/library-pg.sh stop
set -euo pipefail
DIR="${LIBRARY_BENCH_DIR:-/work/benchdata/library}"
PORT="${LIBRARY_PG_PORT:-55432}"
PG_BIN="${PG_BIN:-$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin | sort -V | tail -1)}"
USER_NAME="clearinghouse-test"   # PostgreSQL refuses to run as root (the same user as scripts/test.sh)
RUN=()
if [[ $EUID -eq 0 ]]; then
    id "$USER_NAME" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$USER_NAME"
    RUN=(runuser -u "$USER_NAME" --)
fi
mkdir -p "$DIR"
case "${1:-}" in
start)
    if [[ ! -f "$DIR/pg/PG_VERSION" ]]; then
        mkdir -p "$DIR/pg"
        [[ $EUID -eq 0 ]] && chown "$USER_NAME:" "$DIR/pg"
        chmod 700 "$DIR/pg"
        "${RUN[@]}" "$PG_BIN/initdb" -D "$DIR/pg" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >/dev/null
        cat >>"$DIR/pg/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '/tmp'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 1GB
work_mem = 32MB
maintenance_work_mem = 512MB
max_wal_size = 8GB
checkpoint_timeout = 30min
CONF
    fi
    "${RUN[@]}" "$PG_BIN/pg_ctl" -D "$DIR/pg" -l "$DIR/pg/server.log" -o "-p $PORT" -w -t 120 start >/dev/null
    echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Password=postgres;Database=library_bench"
    ;;
stop)
    "${RUN[@]}" "$PG_BIN/pg_ctl" -D "$DIR/pg" -m fast -w -t 120 stop >/dev/null
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
