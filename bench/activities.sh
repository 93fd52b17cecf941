#!/usr/bin/env bash
# The activities inventory benchmark (see BENCHMARKS.md, "Activities inventory"): PostgreSQL with 1,000,000 activities,
# SQLite with 100,000, kept under $DATA_DIR so that later runs measure the same data without generating it again.
#
#   bench/activities.sh                    generate what is missing, then measure both providers
#   SKIP_BUILD=1 bench/activities.sh       re-measure the existing data with the existing Release build (about 5 minutes)
#   PROVIDERS=postgres ACTIVITIES_POSTGRES=100000 DATA_DIR=/tmp/acts bench/activities.sh     smaller, one provider
#
# For each provider: (1) a PostgreSQL cluster of its own in $DATA_DIR/pg (initdb the first time, started on a free
# 127.0.0.1 port, stopped at the end) or the SQLite file $DATA_DIR/activities.db; (2) if the database holds no generated
# activities yet: `activities-generate` (organisations, then activities by COPY on PostgreSQL, prepared INSERTs in one transaction on
# SQLite); (3) the built web app on a free loopback port; (4) `activities-measure`: the list mix through the API with
# p50/p95, the gap matrix, donor and as-of pages, duplicate candidates, an IATI import of $IATI activities (deleted again
# afterwards); (5) bench/activities-direct.*.sql, the main queries straight in the database. Results are appended to
# $DATA_DIR/results.md and printed.
#
# Environment: DATA_DIR (/work/benchdata/activities)  PROVIDERS ("postgres sqlite")  ACTIVITIES_POSTGRES (1000000)
#   ACTIVITIES_SQLITE (100000)  ORGANISATIONS_POSTGRES (20000)  ORGANISATIONS_SQLITE (2000; the directory generator writes
#   organisations through EF Core, slowly)  REQUESTS (3000)  CONCURRENCY (2)  RUNS (5)  PROBES (100)  IATI (10000)  SKIP_BUILD=1
#   RESULTS ($DATA_DIR/results.md)  WORK_DIR ($DATA_DIR/work-PROVIDER)  PG_DATABASE (clearinghouse_activities)  RUNNING_PG_PORT (use the cluster on $DATA_DIR/pg already running on this port)
#   ONLY (some of list,pages,summary,duplicates,import; all when unset)
#   DUPLICATE_REPORT=1 (also time the duplicates report page: minutes at a million)  REGENERATE=1 (drop the data and generate it again)  GENERATE_ONLY=1 (generate what is missing, measure nothing)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR="${DATA_DIR:-/work/benchdata/activities}"
PROVIDERS="${PROVIDERS:-postgres sqlite}"
ACTIVITIES_POSTGRES="${ACTIVITIES_POSTGRES:-1000000}"
ACTIVITIES_SQLITE="${ACTIVITIES_SQLITE:-100000}"
ORGANISATIONS_POSTGRES="${ORGANISATIONS_POSTGRES:-20000}"
ORGANISATIONS_SQLITE="${ORGANISATIONS_SQLITE:-2000}"
REQUESTS="${REQUESTS:-3000}"
CONCURRENCY="${CONCURRENCY:-2}"
RUNS="${RUNS:-5}"
PROBES="${PROBES:-100}"
IATI="${IATI:-10000}"
WEB_DLL="$REPO_ROOT/src/Clearinghouse.Web/bin/Release/net10.0/Clearinghouse.Web.dll"
BENCH_DLL="$REPO_ROOT/bench/Clearinghouse.Benchmarks/bin/Release/net10.0/Clearinghouse.Benchmarks.dll"
RESULTS="${RESULTS:-$DATA_DIR/results.md}"
PG_OS_USER="clearinghouse-test"
PG_DATA="$DATA_DIR/pg"
PG_STARTED=""
PG_DATABASE="${PG_DATABASE:-clearinghouse_activities}"
SERVER_PID=""
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf 'activities.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

as_pg() { if [[ $EUID -eq 0 ]]; then runuser -u "$PG_OS_USER" -- "$@"; else "$@"; fi; }

# shellcheck disable=SC2317  # invoked by the traps below
cleanup() {
    local rc=$?
    trap - EXIT INT TERM HUP
    stop_server
    if [[ -n "$PG_STARTED" ]]; then
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null 2>&1 || true
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

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# Starts the benchmark's own cluster in $PG_DATA (created the first time) and sets PG_PORT.
start_postgres() {
    PG_BIN="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1)"
    [[ -x "$PG_BIN/initdb" ]] || die "PostgreSQL server binaries not found (run scripts/test.sh --postgres-only once to install them)"
    if [[ $EUID -eq 0 ]] && ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
        useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_OS_USER"
    fi
    if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
        log "creating the PostgreSQL cluster in $PG_DATA"
        mkdir -p "$PG_DATA"
        [[ $EUID -eq 0 ]] && chown "$PG_OS_USER:" "$PG_DATA"
        chmod 700 "$PG_DATA"
        as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$DATA_DIR/initdb.log" 2>&1 \
            || { cat "$DATA_DIR/initdb.log" >&2; die "initdb failed"; }
        # Settings of a small production server (not the test cluster's fsync=off), sockets only on loopback.
        as_pg tee -a "$PG_DATA/postgresql.conf" >/dev/null <<EOF

# --- clearinghouse activities benchmark ---
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
shared_buffers = '1GB'
work_mem = '32MB'
maintenance_work_mem = '512MB'
effective_cache_size = '4GB'
max_wal_size = '4GB'
synchronous_commit = off
EOF
    fi
    if [[ -n "${RUNNING_PG_PORT:-}" ]]; then
        # A cluster on this data directory that is already running (started by hand for several databases): use it, leave it running.
        PG_PORT="$RUNNING_PG_PORT"
        POSTMASTER_PID="$(head -n 1 "$PG_DATA/postmaster.pid")"
        log "PostgreSQL already running on 127.0.0.1:$PG_PORT, database $PG_DATABASE"
        return 0
    fi
    PG_PORT="$(free_port)"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -o "-p $PG_PORT" -w -t 120 start >/dev/null \
        || { tail -n 20 "$PG_DATA/server.log" >&2; die "PostgreSQL did not start"; }
    PG_STARTED=1
    POSTMASTER_PID="$(head -n 1 "$PG_DATA/postmaster.pid")"
    log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (data in $PG_DATA)"
}

# has_activities sqlite|postgres CONNECTION: true when the database already holds generated activities.
has_activities() {
    if [[ "$1" == postgres ]]; then
        [[ "$(psql -X -At "host=127.0.0.1 port=$PG_PORT user=postgres dbname=postgres" -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")" == 1 ]] \
            && [[ "$(psql -X -At "host=127.0.0.1 port=$PG_PORT user=postgres dbname=$PG_DATABASE" -c "SELECT count(*) > 0 FROM \"Activities\" WHERE \"Slug\" = 'bench-0'" 2>/dev/null)" == t ]]
    else
        [[ -f "$DATA_DIR/activities.db" ]] && [[ "$(sqlite3 "$DATA_DIR/activities.db" "SELECT count(*) > 0 FROM Activities WHERE Slug = 'bench-0'" 2>/dev/null)" == 1 ]]
    fi
}

# direct_sql sqlite|postgres: the list's, gap matrix's and duplicate finder's main queries straight in the database.
direct_sql() {
    local provider="$1"
    {
        echo "Direct SQL on the same database (bench/activities-direct.$provider.sql):"
        echo
        echo '```'
        if [[ "$provider" == postgres ]]; then
            psql -X "host=127.0.0.1 port=$PG_PORT user=postgres dbname=$PG_DATABASE" -f "$REPO_ROOT/bench/activities-direct.postgres.sql" 2>&1 \
                | grep -E '^-- |Execution Time' || true
        else
            sqlite3 "$DATA_DIR/activities.db" <"$REPO_ROOT/bench/activities-direct.sqlite.sql" 2>&1 | grep -E '^(-- |Run Time)' \
                | sed 's/^Run Time: real \([0-9.]*\) user \([0-9.]*\) sys \([0-9.]*\)/  \1 s (CPU user \2 s, sys \3 s)/' || true
        fi
        echo '```'
        echo
    } >>"$RESULTS"
}

# run_provider sqlite|postgres CONNECTION ACTIVITIES ORGANISATIONS
run_provider() {
    local provider="$1" connection="$2" count="$3" organisations="$4" setting
    case "$provider" in
        sqlite) setting=Sqlite ;;
        postgres) setting=Postgres ;;
    esac
    if ! has_activities "$provider"; then
        log "$provider: generating $count activities"
        dotnet "$BENCH_DLL" activities-generate --database "$provider" --connection "$connection" --activities "$count" --organisations "$organisations" \
            | tee "$DATA_DIR/generate-$provider.log"
    else
        log "$provider: measuring the existing data"
    fi
    if [[ "$provider" == postgres ]]; then
        # An earlier generator set this for the whole database; the application must run with its foreign keys checked.
        psql -X -q "host=127.0.0.1 port=$PG_PORT user=postgres dbname=postgres" -c "ALTER DATABASE $PG_DATABASE RESET session_replication_role"
    fi
    [[ "${GENERATE_ONLY:-0}" == 1 ]] && return 0

    local port
    port="$(free_port)"
    log "$provider: starting the web app on 127.0.0.1:$port"
    Database__Provider="$setting" \
    ConnectionStrings__Clearinghouse="$connection" \
    Database__SeedDemoData=false \
    Web__ApiRequestsPerMinute=1000000 \
    Web__KeysPath="$DATA_DIR/keys" \
    Library__StoragePath="$DATA_DIR/library" \
    Cases__KeyRingPath="$DATA_DIR/keys/case-keyring.json" \
    ASPNETCORE_ENVIRONMENT=Production \
    Logging__LogLevel__Default=Warning \
        dotnet "$WEB_DLL" --urls "http://127.0.0.1:$port" --contentRoot "$REPO_ROOT/src/Clearinghouse.Web" \
        >"$DATA_DIR/server-$provider.log" 2>&1 &
    SERVER_PID=$!
    local _ up=0
    for _ in $(seq 1 600); do
        if curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; then up=1; break; fi
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.5
    done
    [[ $up -eq 1 ]] || { tail -n 40 "$DATA_DIR/server-$provider.log" >&2; die "$provider: the web app did not answer /health"; }

    local db_pid=()
    [[ "$provider" == postgres ]] && db_pid=(--db-pid "$POSTMASTER_PID")
    dotnet "$BENCH_DLL" activities-measure "${db_pid[@]}" --database "$provider" --connection "$connection" --url "http://127.0.0.1:$port" \
        --pid "$SERVER_PID" --requests "$REQUESTS" --concurrency "$CONCURRENCY" --runs "$RUNS" --probes "$PROBES" --iati "$IATI" \
        --folder "${WORK_DIR:-$DATA_DIR/work-$provider}" --markdown "$RESULTS" ${ONLY:+--only "$ONLY"}
    stop_server
    direct_sql "$provider"
}

command -v curl >/dev/null 2>&1 || die "curl is needed"
command -v python3 >/dev/null 2>&1 || die "python3 is needed"
mkdir -p "$DATA_DIR"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    log "building (Release)"
    dotnet build "$REPO_ROOT/src/Clearinghouse.Web/Clearinghouse.Web.csproj" -c Release -warnaserror -v quiet -nologo
    dotnet build "$REPO_ROOT/bench/Clearinghouse.Benchmarks/Clearinghouse.Benchmarks.csproj" -c Release -warnaserror -v quiet -nologo
fi

{
    echo "## Run of $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$REPO_ROOT" rev-parse --short HEAD)$(git -C "$REPO_ROOT" diff --quiet HEAD -- src bench || echo ' (with uncommitted changes)')"
    echo
    echo "Command: \`PROVIDERS=\"$PROVIDERS\" REQUESTS=$REQUESTS CONCURRENCY=$CONCURRENCY RUNS=$RUNS PROBES=$PROBES IATI=$IATI${ONLY:+ ONLY=$ONLY} bench/activities.sh\`"
    echo
    echo "$(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM; load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
    echo
} >>"$RESULTS"
start_line="$(wc -l <"$RESULTS")"

for provider in $PROVIDERS; do
    case "$provider" in
        postgres)
            start_postgres
            if [[ "${REGENERATE:-0}" == 1 ]]; then
                psql -X -q "host=127.0.0.1 port=$PG_PORT user=postgres dbname=postgres" -c "DROP DATABASE IF EXISTS $PG_DATABASE"
            fi
            run_provider postgres "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=$PG_DATABASE;Command Timeout=600" "$ACTIVITIES_POSTGRES" "$ORGANISATIONS_POSTGRES"
            ;;
        sqlite)
            command -v sqlite3 >/dev/null 2>&1 || die "sqlite3 is needed"
            if [[ "${REGENERATE:-0}" == 1 ]]; then rm -f "$DATA_DIR/activities.db" "$DATA_DIR/activities.db-wal" "$DATA_DIR/activities.db-shm"; fi
            run_provider sqlite "Data Source=$DATA_DIR/activities.db" "$ACTIVITIES_SQLITE" "$ORGANISATIONS_SQLITE"
            ;;
        *) die "unknown provider '$provider' (use postgres and/or sqlite)" ;;
    esac
done

echo
tail -n +"$((start_line - 6))" "$RESULTS"
