#!/usr/bin/env bash
# The case (National Referral Mechanism) benchmark on PostgreSQL (see BENCHMARKS.md, "Cases (National Referral Mechanism)").
#
#   bench/cases.sh            first time: creates a PostgreSQL cluster in $DATA_DIR/pg, generates 1,000,000 cases and
#                             5,000,000 audit entries into it (about 10-25 minutes), then measures; later runs find the
#                             data there and only measure (about 3 minutes)
#   REQUESTS=500 DUPLICATE_CHECKS=100 bench/cases.sh      a shorter measurement
#   CASES=20000 AUDIT=100000 DATA_DIR=/tmp/cases-small bench/cases.sh      a small data set elsewhere
#
# The measurement: the Release web app starts on the data (on a free loopback port); the benchmark signs in case
# workers through the sign-in pages with password and authenticator code and sends the mix in
# bench/Clearinghouse.Benchmarks/CaseLoadRunner.cs (case pages, task dashboards, registrations); then it times the
# duplicate check alone, in process. Everything stays on 127.0.0.1; the cluster and the app are stopped at the end.
# Results are appended to $DATA_DIR/results.md and printed.
#
# Environment:
#   DATA_DIR (/work/benchdata/cases)  CASES (1000000)  AUDIT (5000000)  ORGANISATIONS (400 generated besides the demo
#   directory)  CASE_ORGANISATIONS (200)  WORKERS (5 per organisation)
#   REQUESTS (1500)  CONCURRENCY (1; a list such as "1 4" measures once per value)  WARMUP (100)  DUPLICATE_CHECKS (400)
#   SKIP_BUILD=1   use the existing Release build
#   POSTGRES_SETUP_SQL   SQL file applied (psql) before the web app starts, e.g. to try an index before a migration has it
#   PG_BIN         directory with initdb/pg_ctl/postgres (default: the newest /usr/lib/postgresql/*/bin)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR="${DATA_DIR:-/work/benchdata/cases}"
CASES="${CASES:-1000000}"
AUDIT="${AUDIT:-5000000}"
ORGANISATIONS="${ORGANISATIONS:-400}"
CASE_ORGANISATIONS="${CASE_ORGANISATIONS:-200}"
WORKERS="${WORKERS:-5}"
REQUESTS="${REQUESTS:-1500}"
CONCURRENCY="${CONCURRENCY:-1}"
WARMUP="${WARMUP:-100}"
DUPLICATE_CHECKS="${DUPLICATE_CHECKS:-400}"
WEB_DLL="$REPO_ROOT/src/Clearinghouse.Web/bin/Release/net10.0/Clearinghouse.Web.dll"
BENCH_DLL="$REPO_ROOT/bench/Clearinghouse.Benchmarks/bin/Release/net10.0/Clearinghouse.Benchmarks.dll"
PG_DIR="$DATA_DIR/pg"
PG_OS_USER="clearinghouse-test"   # PostgreSQL refuses to run as root (the same user scripts/test.sh uses)
DATABASE="clearinghouse_cases"
RESULTS="$DATA_DIR/results.md"
SERVER_PID=""
PG_STARTED=0
PG_RUN=()
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf 'cases.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# shellcheck disable=SC2317  # invoked by the traps
cleanup() {
    local rc=$?
    trap - EXIT INT TERM HUP
    if [[ -n "$SERVER_PID" ]]; then
        kill -TERM "$SERVER_PID" >/dev/null 2>&1 || true
        wait "$SERVER_PID" >/dev/null 2>&1 || true
    fi
    if [[ $PG_STARTED -eq 1 ]]; then
        "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 120 stop >/dev/null 2>&1 || true
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

if [[ -z "${PG_BIN:-}" ]]; then
    PG_BIN="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1)"
fi
[[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] || die "no PostgreSQL server found (run scripts/test.sh --postgres-only once to install it, or set PG_BIN)"
command -v psql >/dev/null 2>&1 || die "psql is needed"
command -v curl >/dev/null 2>&1 || die "curl is needed"

mkdir -p "$DATA_DIR"
if [[ $EUID -eq 0 ]]; then
    id -u "$PG_OS_USER" >/dev/null 2>&1 \
        || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_OS_USER"
    PG_RUN=(runuser -u "$PG_OS_USER" --)
fi

# The cluster lives in $DATA_DIR/pg and is kept between runs. Settings of a modest dedicated server: 2 GB of shared
# buffers (the machine has 24 GB), room for the bulk load's WAL; durability as PostgreSQL ships it (fsync and
# synchronous commit on), so that the audit write's commit is measured as it would be in use.
if [[ ! -f "$PG_DIR/data/PG_VERSION" ]]; then
    log "creating a PostgreSQL cluster in $PG_DIR"
    mkdir -p "$PG_DIR"
    [[ $EUID -eq 0 ]] && chown "$PG_OS_USER:" "$PG_DIR"
    chmod 700 "$PG_DIR"
    "${PG_RUN[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$DATA_DIR/initdb.log" 2>&1 \
        || { cat "$DATA_DIR/initdb.log" >&2; die "initdb failed"; }
    "${PG_RUN[@]}" tee -a "$PG_DIR/data/postgresql.conf" >/dev/null <<EOF

# --- clearinghouse case benchmark cluster (bench/cases.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR'
shared_buffers = 2GB
effective_cache_size = 8GB
work_mem = 16MB
maintenance_work_mem = 512MB
max_wal_size = 8GB
checkpoint_timeout = 30min
max_connections = 100
EOF
fi

PG_PORT="$(free_port)"
"${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -o "-p $PG_PORT" -w -t 120 start >/dev/null \
    || { tail -n 30 "$PG_DIR/postgres.log" >&2; die "PostgreSQL did not start"; }
PG_STARTED=1
POSTMASTER_PID="$(head -n 1 "$PG_DIR/data/postmaster.pid")"
CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=$DATABASE;Maximum Pool Size=50"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 "host=127.0.0.1 port=$PG_PORT user=postgres dbname=$DATABASE")
log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (data in $PG_DIR)"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
    log "building (Release)"
    dotnet build "$REPO_ROOT/src/Clearinghouse.Web/Clearinghouse.Web.csproj" -c Release -warnaserror -v quiet -nologo
    dotnet build "$REPO_ROOT/bench/Clearinghouse.Benchmarks/Clearinghouse.Benchmarks.csproj" -c Release -warnaserror -v quiet -nologo
fi

if [[ ! -f "$DATA_DIR/manifest.json" ]]; then
    log "generating $CASES cases and $AUDIT audit entries into $DATABASE (once; later runs reuse them)"
    /usr/bin/time -f '%e s, peak memory %M KB' -o "$DATA_DIR/generate.time" \
        dotnet "$BENCH_DLL" cases-generate --connection "$CONNECTION" --folder "$DATA_DIR" --cases "$CASES" --audit "$AUDIT" \
            --organisations "$ORGANISATIONS" --case-organisations "$CASE_ORGANISATIONS" --workers "$WORKERS" \
        | tee "$DATA_DIR/generate.log"
    cat "$DATA_DIR/generate.time" | tee -a "$DATA_DIR/generate.log"
else
    log "reusing the data described by $DATA_DIR/manifest.json"
fi

if [[ -n "${POSTGRES_SETUP_SQL:-}" ]]; then
    log "applying $POSTGRES_SETUP_SQL"
    "${PSQL[@]}" -f "$POSTGRES_SETUP_SQL"
fi

port="$(free_port)"
log "starting the web app on 127.0.0.1:$port"
Database__Provider=Postgres \
ConnectionStrings__Clearinghouse="$CONNECTION" \
Database__SeedDemoData=false \
Web__ApiRequestsPerMinute=1000000 \
Web__SignInAttemptsPerMinute=1000 \
Web__KeysPath="$DATA_DIR/web-keys" \
Cases__KeyRingPath="$DATA_DIR/keys/case-keyring.json" \
Library__StoragePath="$DATA_DIR/library" \
ASPNETCORE_ENVIRONMENT=Production \
Logging__LogLevel__Default=Warning \
    dotnet "$WEB_DLL" --urls "http://127.0.0.1:$port" --contentRoot "$REPO_ROOT/src/Clearinghouse.Web" >"$DATA_DIR/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$DATA_DIR/server.log" >&2; die "the web app stopped"; }
    sleep 0.5
done

{
    echo "## Run of $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$REPO_ROOT" rev-parse --short HEAD)$(git -C "$REPO_ROOT" diff --quiet HEAD -- src bench || echo ' (with uncommitted changes)')"
    echo
    echo "$(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM; PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'); database $("${PSQL[@]}" -At -c "SELECT pg_size_pretty(pg_database_size(current_database()))"); audit entries now $("${PSQL[@]}" -At -c 'SELECT count(*) FROM "CaseAudit"'); load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
    echo
} >>"$RESULTS"

for concurrency in $CONCURRENCY; do
    dotnet "$BENCH_DLL" cases-run --url "http://127.0.0.1:$port" --folder "$DATA_DIR" --connection "$CONNECTION" \
        --requests "$REQUESTS" --concurrency "$concurrency" --warmup "$WARMUP" --duplicate-checks "$DUPLICATE_CHECKS" \
        --pid "$SERVER_PID" --db-pid "$POSTMASTER_PID" --label "PostgreSQL, $concurrency signed-in worker(s)" --markdown "$RESULTS"
done

{
    echo "Direct SQL on the same data (bench/cases-direct.postgres.sql, EXPLAIN ANALYZE, warm):"
    echo
    echo '```'
    "${PSQL[@]}" -f "$REPO_ROOT/bench/cases-direct.postgres.sql" 2>&1 | grep -E '^-- |Execution Time|Index|Seq Scan' || true
    echo '```'
    echo
} >>"$RESULTS"
tail -n 60 "$RESULTS"
