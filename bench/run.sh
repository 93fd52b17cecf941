#!/usr/bin/env bash
# The directory benchmark, end to end, on SQLite and on PostgreSQL (see BENCHMARKS.md).
#
#   bench/run.sh                       100,000 organisations, 2,000 requests with 4 parallel clients, both providers
#   ORGANISATIONS=10000 REQUESTS=500 PROVIDERS=sqlite bench/run.sh      smaller, quicker, one provider
#
# For each provider: generates the data into a fresh database (a new SQLite file; a new database on a throw-away
# PostgreSQL cluster started with scripts/test.sh --postgres-only), starts the built web app on a free loopback
# port, waits for /health, runs the load runner against it with the server's PID (for its memory), stops it.
# Everything stays on 127.0.0.1. The Markdown results are printed at the end and kept in $BENCH_DIR/results.md.
#
# Environment:
#   ORGANISATIONS (100000)  REQUESTS (2000)  CONCURRENCY (4; a list such as "1 4" runs the load once per value on the
#   same server, one after the other)  WARMUP (200)  PROVIDERS ("sqlite postgres")
#   BENCH_DIR   working folder for databases, logs and results (default: a new /tmp/clearinghouse-bench.XXXXXX)
#   SKIP_BUILD=1  use the existing Release build
#   WEB_DLL     the web app to measure (default: this repository's Release build), e.g. a copy of an older build
#   SQLITE_SETUP_SQL, POSTGRES_SETUP_SQL   SQL file applied to the generated database before the server starts
#               (sqlite3 / psql), e.g. bench/proposed-indexes.postgres.sql to measure indexes before a migration adds them
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ORGANISATIONS="${ORGANISATIONS:-100000}"
REQUESTS="${REQUESTS:-2000}"
CONCURRENCY="${CONCURRENCY:-4}"
WARMUP="${WARMUP:-200}"
PROVIDERS="${PROVIDERS:-sqlite postgres}"
BENCH_DIR="${BENCH_DIR:-$(mktemp -d /tmp/clearinghouse-bench.XXXXXX)}"
WEB_DLL="${WEB_DLL:-$REPO_ROOT/src/Clearinghouse.Web/bin/Release/net10.0/Clearinghouse.Web.dll}"
BENCH_DLL="$REPO_ROOT/bench/Clearinghouse.Benchmarks/bin/Release/net10.0/Clearinghouse.Benchmarks.dll"
RESULTS="$BENCH_DIR/results.md"
SERVER_PID=""
PG_SCRIPT_PID=""
POSTMASTER_PID=""

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf 'run.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# shellcheck disable=SC2317  # invoked by the traps below
cleanup() {
    local rc=$?
    trap - EXIT INT TERM HUP
    stop_server
    if [[ -n "$PG_SCRIPT_PID" ]]; then
        # scripts/test.sh stops and removes its cluster on SIGTERM.
        kill -TERM "$PG_SCRIPT_PID" >/dev/null 2>&1 || true
        wait "$PG_SCRIPT_PID" >/dev/null 2>&1 || true
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

stop_server() {
    if [[ -n "$SERVER_PID" ]]; then
        kill -TERM "$SERVER_PID" >/dev/null 2>&1 || true
        wait "$SERVER_PID" >/dev/null 2>&1 || true
        SERVER_PID=""
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Starts scripts/test.sh --postgres-only in the background and sets POSTGRES_SERVER from the line it prints.
start_postgres() {
    local pg_log="$BENCH_DIR/postgres-script.log"
    "$REPO_ROOT/scripts/test.sh" --postgres-only >"$pg_log" 2>&1 &
    PG_SCRIPT_PID=$!
    local _
    for _ in $(seq 1 1200); do
        if POSTGRES_SERVER="$(sed -n 's/^CLEARINGHOUSE_TEST_POSTGRES=//p' "$pg_log")" && [[ -n "$POSTGRES_SERVER" ]]; then
            log "PostgreSQL is up: $POSTGRES_SERVER"
            # The postmaster's PID, so that the load runner can add up the database's CPU time.
            local data
            data="$(sed -n 's/.*(data in \(.*\))$/\1/p' "$pg_log")"
            POSTMASTER_PID="$(head -n 1 "$data/data/postmaster.pid" 2>/dev/null || true)"
            return 0
        fi
        kill -0 "$PG_SCRIPT_PID" 2>/dev/null || { cat "$pg_log" >&2; die "scripts/test.sh --postgres-only stopped"; }
        sleep 0.5
    done
    cat "$pg_log" >&2
    die "PostgreSQL did not start within 10 minutes"
}

# apply_setup_sql sqlite|postgres CONNECTION_STRING: runs $SQLITE_SETUP_SQL or $POSTGRES_SETUP_SQL, if set.
apply_setup_sql() {
    local provider="$1" connection="$2" file=""
    case "$provider" in
        sqlite) file="${SQLITE_SETUP_SQL:-}" ;;
        postgres) file="${POSTGRES_SETUP_SQL:-}" ;;
    esac
    [[ -n "$file" ]] || return 0
    [[ -f "$file" ]] || die "setup SQL file $file not found"
    log "$provider: applying $file"
    if [[ "$provider" == sqlite ]]; then
        command -v sqlite3 >/dev/null 2>&1 || die "sqlite3 is needed for SQLITE_SETUP_SQL"
        sqlite3 -bail "${connection#Data Source=}" <"$file"
    else
        psql -X -q -v ON_ERROR_STOP=1 "$(psql_target "$connection")" -f "$file"
    fi
    echo "Applied $file before starting the server." >>"$RESULTS"
    echo >>"$RESULTS"
}

# psql_target CONNECTION_STRING: the libpq connection string for an Npgsql one (trust authentication, no password).
psql_target() {
    local connection="$1" host port user database
    host="$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$connection")"
    port="$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$connection")"
    user="$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$connection")"
    database="$(sed -n 's/.*Database=\([^;]*\).*/\1/p' <<<"$connection")"
    echo "host=$host port=$port user=$user dbname=$database"
}

# direct_sql sqlite|postgres CONNECTION_STRING: times the list's SQL without the web app (bench/direct-sql.*.sql),
# after the load run, on the same database, and adds the timings to the results.
direct_sql() {
    local provider="$1" connection="$2" out
    {
        echo "Direct SQL on the same database (bench/direct-sql.$provider.sql; each statement three times, the first warms the cache):"
        echo
        echo '```'
        if [[ "$provider" == sqlite ]]; then
            if command -v sqlite3 >/dev/null 2>&1; then
                sqlite3 "${connection#Data Source=}" <"$REPO_ROOT/bench/direct-sql.sqlite.sql" 2>&1 | grep -E '^(-- |Run Time)' \
                    | sed 's/^Run Time: real \([0-9.]*\) user \([0-9.]*\) sys \([0-9.]*\)/  \1 s (CPU user \2 s, sys \3 s)/' || true
            else
                echo "(sqlite3 is not installed)"
            fi
        else
            psql -X "$(psql_target "$connection")" -f "$REPO_ROOT/bench/direct-sql.postgres.sql" 2>&1 | grep -E '^-- |Execution Time' || true
        fi
        echo '```'
        echo
    } >>"$RESULTS"
}

# run_provider sqlite|postgres CONNECTION_STRING
run_provider() {
    local provider="$1" connection="$2" setting
    case "$provider" in
        sqlite) setting=Sqlite ;;
        postgres) setting=Postgres ;;
        *) die "unknown provider $provider" ;;
    esac

    log "$provider: generating $ORGANISATIONS organisations"
    dotnet "$BENCH_DLL" generate --organisations "$ORGANISATIONS" --database "$provider" --connection "$connection" \
        | tee "$BENCH_DIR/generate-$provider.log"

    apply_setup_sql "$provider" "$connection"

    local port
    port="$(free_port)"
    log "$provider: starting the web app on 127.0.0.1:$port"
    # Content root is the web project, so that the app sees its wwwroot and appsettings.json as in production.
    Database__Provider="$setting" \
    ConnectionStrings__Clearinghouse="$connection" \
    Database__SeedDemoData=false \
    Web__ApiRequestsPerMinute=1000000 \
    Web__KeysPath="$BENCH_DIR/keys" \
    ASPNETCORE_ENVIRONMENT=Production \
    Logging__LogLevel__Default=Warning \
        dotnet "$WEB_DLL" --urls "http://127.0.0.1:$port" --contentRoot "$REPO_ROOT/src/Clearinghouse.Web" \
        >"$BENCH_DIR/server-$provider.log" 2>&1 &
    SERVER_PID=$!
    local _ up=0
    for _ in $(seq 1 240); do
        if curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
            up=1
            break
        fi
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.5
    done
    if [[ $up -ne 1 ]]; then
        cat "$BENCH_DIR/server-$provider.log" >&2
        die "$provider: the web app did not answer /health"
    fi

    local label="$setting, $ORGANISATIONS organisations" db_pid=()
    if [[ "$provider" == postgres && "$POSTMASTER_PID" =~ ^[0-9]+$ ]]; then
        db_pid=(--db-pid "$POSTMASTER_PID")
    fi
    local concurrency
    for concurrency in $CONCURRENCY; do
        echo "Load average before the run with $concurrency parallel clients: $(cut -d ' ' -f 1-3 /proc/loadavg)" >>"$RESULTS"
        echo >>"$RESULTS"
        dotnet "$BENCH_DLL" run "${db_pid[@]}" --url "http://127.0.0.1:$port" --requests "$REQUESTS" --concurrency "$concurrency" \
            --warmup "$WARMUP" --pid "$SERVER_PID" --label "$label, $concurrency parallel clients" --markdown "$RESULTS"
    done
    stop_server
    direct_sql "$provider" "$connection"
}

command -v curl >/dev/null 2>&1 || die "curl is needed"
command -v python3 >/dev/null 2>&1 || die "python3 is needed"
mkdir -p "$BENCH_DIR"
log "working folder: $BENCH_DIR"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
    log "building (Release)"
    dotnet build "$REPO_ROOT/src/Clearinghouse.Web/Clearinghouse.Web.csproj" -c Release -warnaserror -v quiet -nologo
    dotnet build "$REPO_ROOT/bench/Clearinghouse.Benchmarks/Clearinghouse.Benchmarks.csproj" -c Release -warnaserror -v quiet -nologo
fi

{
    echo "## Run of $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$REPO_ROOT" rev-parse --short HEAD)$(git -C "$REPO_ROOT" diff --quiet HEAD -- src bench || echo ' (with uncommitted changes)')"
    echo
    if [[ "$WEB_DLL" != "$REPO_ROOT/src/Clearinghouse.Web/bin/Release/net10.0/Clearinghouse.Web.dll" ]]; then
        echo "Web app measured: $WEB_DLL"
        echo
    fi
    echo "$(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM; load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
    echo
} >>"$RESULTS"

for provider in $PROVIDERS; do
    case "$provider" in
        sqlite)
            rm -f "$BENCH_DIR/directory.db" "$BENCH_DIR/directory.db-wal" "$BENCH_DIR/directory.db-shm"
            run_provider sqlite "Data Source=$BENCH_DIR/directory.db"
            ;;
        postgres)
            start_postgres
            run_provider postgres "${POSTGRES_SERVER/Database=postgres/Database=clearinghouse_bench}"
            ;;
        *) die "unknown provider '$provider' (use sqlite and/or postgres)" ;;
    esac
done

echo
cat "$RESULTS"
