#!/usr/bin/env bash
# The statistics benchmark on PostgreSQL (see BENCHMARKS.md, "Statistics"):
#   1. one cross-tabulation with suppression over CASES cases, through the API as the public sees it, beside the same
#      GROUP BY run directly in psql (bench/statistics-direct.postgres.sql), as a ratio;
#   2. the whole regional report page (/statistics/region), and how many SQL commands one page sends;
#   3. the import of a ROWS-row CTDC-style CSV (bench/ctdc-csv.py) with the CLI, its wall time and peak memory.
#
#   bench/statistics.sh                          1,000,000 cases, 250,000 rows, 7 runs of each request
#   CASES=100000 ROWS=20000 RUNS=3 bench/statistics.sh       smaller, quicker
#
# The generated data are kept in BENCH_DATA (default /work/benchdata/statistics, outside the repository): a
# PostgreSQL cluster (pgdata/) holding one database per CASES, the keys, and the CSV. The first run creates them
# (about 5 minutes for 1,000,000 cases); every later run reuses them and only measures (about 3 minutes). The
# cluster runs only while the script runs.
#
# Environment: CASES (1000000) ROWS (250000) RUNS (7; the first of each is a warm-up and not counted)
#   BENCH_DATA       where the kept data live (/work/benchdata/statistics)
#   REGENERATE=1     drop the kept database of this CASES and generate it again
#   POSTGRES_SERVER  Npgsql connection string of a server to use instead of the kept cluster (superuser); the
#                    database clearinghouse_stats_bench_CASES on it is reused the same way
#   SKIP_BUILD=1     use the existing Release build
#   EXPLAIN=1        also write EXPLAIN (ANALYZE, BUFFERS) of every SQL command of one report page to
#                    BENCH_DATA/explain-*.txt (the page is requested once with statement logging on)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CASES="${CASES:-1000000}"
ROWS="${ROWS:-250000}"
RUNS="${RUNS:-7}"
BENCH_DATA="${BENCH_DATA:-/work/benchdata/statistics}"
WEB_DLL="$REPO_ROOT/src/Clearinghouse.Web/bin/Release/net10.0/Clearinghouse.Web.dll"
CLI_DLL="$REPO_ROOT/src/Clearinghouse.Cli/bin/Release/net10.0/Clearinghouse.Cli.dll"
PG_OS_USER="clearinghouse-test"   # PostgreSQL refuses to run as root (the same user as scripts/test.sh)
PGDATA_DIR="$BENCH_DATA/pgdata"
RUN_DIR="$BENCH_DATA/run-$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$RUN_DIR/results.md"
SERVER_PID=""
PG_STARTED=""
PG_RUN=()
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf 'statistics.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

stop_server() {
    if [[ -n "$SERVER_PID" ]]; then kill -TERM "$SERVER_PID" >/dev/null 2>&1 || true; wait "$SERVER_PID" >/dev/null 2>&1 || true; fi
    SERVER_PID=""
}

# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM HUP
    stop_server
    if [[ -n "$PG_STARTED" ]]; then "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t 60 stop >/dev/null 2>&1 || true; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

mkdir -p "$BENCH_DATA" "$RUN_DIR"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# The kept cluster: created once in BENCH_DATA/pgdata, started for this run on a free port, stopped at the end.
if [[ -z "${POSTGRES_SERVER:-}" ]]; then
    PG_BIN="${PG_BIN:-$(find /usr/lib/postgresql/*/bin -maxdepth 0 2>/dev/null | sort -V | tail -n 1)}"
    [[ -x "$PG_BIN/pg_ctl" ]] || die "no PostgreSQL server found (run scripts/test.sh --postgres-only once to install it)"
    if [[ $EUID -eq 0 ]]; then
        id -u "$PG_OS_USER" >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_OS_USER"
        PG_RUN=(runuser -u "$PG_OS_USER" --)
    fi
    if [[ ! -f "$PGDATA_DIR/PG_VERSION" ]]; then
        log "creating the kept PostgreSQL cluster in $PGDATA_DIR"
        mkdir -p "$PGDATA_DIR"
        [[ $EUID -eq 0 ]] && chown "$PG_OS_USER:" "$PGDATA_DIR"
        chmod 700 "$PGDATA_DIR"
        "${PG_RUN[@]}" "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$RUN_DIR/initdb.log" 2>&1 \
            || { cat "$RUN_DIR/initdb.log" >&2; die "initdb failed"; }
        # The settings of scripts/test.sh's cluster (what the earlier figures used), with statement statistics on.
        cat >>"$PGDATA_DIR/postgresql.conf" <<CONF

# --- clearinghouse statistics benchmark cluster (bench/statistics.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '/tmp'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_preload_libraries = 'pg_stat_statements'
CONF
    fi
    PG_LOG="$BENCH_DATA/postgres.log"
    touch "$PG_LOG"
    [[ $EUID -eq 0 ]] && chown "$PG_OS_USER:" "$PG_LOG"
    PG_PORT="$(free_port)"
    "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PG_LOG" -o "-p $PG_PORT" -w -t 120 start >/dev/null \
        || { tail -n 20 "$PG_LOG" >&2; die "PostgreSQL did not start"; }
    PG_STARTED=1
    POSTGRES_SERVER="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=postgres"
fi
DATABASE="clearinghouse_stats_bench_$CASES"
CONNECTION="${POSTGRES_SERVER/Database=postgres/Database=$DATABASE}"
[[ "$CONNECTION" == *"Database=$DATABASE"* ]] || CONNECTION="$POSTGRES_SERVER;Database=$DATABASE"
field() { sed -n "s/.*$1=\([^;]*\).*/\1/p" <<<"$CONNECTION"; }
PSQL=(psql -X -q -v ON_ERROR_STOP=1 "host=$(field Host) port=$(field Port) user=$(field Username) dbname=$DATABASE")
PSQL_ADMIN=(psql -X -q -t -A -v ON_ERROR_STOP=1 "host=$(field Host) port=$(field Port) user=$(field Username) dbname=postgres")
export PGPASSWORD="$(field Password)"

if [[ "${REGENERATE:-}" == 1 ]]; then
    log "dropping $DATABASE to generate it again"
    "${PSQL_ADMIN[@]}" -c "DROP DATABASE IF EXISTS \"$DATABASE\"" >/dev/null
fi
generate=1
if [[ "$("${PSQL_ADMIN[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" == 1 ]]; then
    generate=""
fi

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    log "building Release"
    dotnet build "$REPO_ROOT/src/Clearinghouse.Web" -c Release -v q -nologo >/dev/null
    dotnet build "$REPO_ROOT/src/Clearinghouse.Cli" -c Release -v q -nologo >/dev/null
fi

export Database__Provider=Postgres ConnectionStrings__Clearinghouse="$CONNECTION" ASPNETCORE_ENVIRONMENT=Production \
    Logging__LogLevel__Default=Warning Web__KeysPath="$BENCH_DATA/keys" Web__ApiRequestsPerMinute=1000000 \
    Cases__KeyRingPath="$BENCH_DATA/keys/case-keyring.json" Library__StoragePath="$BENCH_DATA/library"

port=""
start_server() {
    port="$(free_port)"
    log "starting the web app on 127.0.0.1:$port (it creates or migrates $DATABASE and loads the demo data if missing)"
    dotnet "$WEB_DLL" --urls "http://127.0.0.1:$port" --contentRoot "$REPO_ROOT/src/Clearinghouse.Web" >>"$RUN_DIR/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 1200); do
        curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$RUN_DIR/server.log" >&2; die "the web app stopped"; }
        sleep 0.5
    done
    die "the web app did not answer /health"
}
start_server

if [[ -n "$generate" ]]; then
    log "generating $CASES cases into $DATABASE (kept for later runs)"
    start=$(date +%s.%N)
    "${PSQL[@]}" -v cases="$CASES" -f "$REPO_ROOT/bench/statistics-cases.postgres.sql" >/dev/null
    generated="$CASES cases generated by SQL in $(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')") s"
else
    generated="$CASES cases reused from $BENCH_DATA (generated by an earlier run)"
fi
# Index-only scans need the visibility map; a kept database is vacuumed once after it is generated or migrated.
"${PSQL[@]}" -c 'VACUUM (ANALYZE) "Cases"' >/dev/null
# An EXPLAIN=1 run that stopped half-way must not leave auto_explain on for the measurements.
[[ "${EXPLAIN:-}" == 1 ]] || "${PSQL[@]}" -c "ALTER DATABASE \"$DATABASE\" RESET ALL" >/dev/null

if [[ "${EXPLAIN:-}" == 1 ]]; then
    [[ -n "$PG_STARTED" ]] || die "EXPLAIN=1 needs the kept cluster (its log), not POSTGRES_SERVER"
    log "EXPLAIN (ANALYZE, BUFFERS) of every command of one crosstab and one report page (auto_explain)"
    stop_server
    "${PSQL[@]}" -c "ALTER DATABASE \"$DATABASE\" SET session_preload_libraries = 'auto_explain'" \
        -c "ALTER DATABASE \"$DATABASE\" SET auto_explain.log_min_duration = 0" \
        -c "ALTER DATABASE \"$DATABASE\" SET auto_explain.log_analyze = on" \
        -c "ALTER DATABASE \"$DATABASE\" SET auto_explain.log_buffers = on" >/dev/null
    start_server
    for page in "/api/v1/statistics/table?period=2020..2025&rows=FormOfExploitation&columns=Sex" "/statistics/region?period=2025" "/statistics/region?period=2020..2025"; do
        curl -s -o /dev/null "http://127.0.0.1:$port$page"   # warm-up
        lines=$(wc -l <"$PG_LOG")
        curl -s -o /dev/null -w "$page: %{time_total} s\n" "http://127.0.0.1:$port$page" | tee -a "$RUN_DIR/explain.txt"
        sleep 1
        tail -n +$((lines + 1)) "$PG_LOG" >>"$RUN_DIR/explain.txt"
    done
    stop_server
    "${PSQL[@]}" -c "ALTER DATABASE \"$DATABASE\" RESET ALL" >/dev/null
    log "plans in $RUN_DIR/explain.txt"
    exit 0
fi

# times URL: RUNS requests (the first a warm-up), prints the measured seconds one per line.
times() {
    local i
    for i in $(seq 1 "$RUNS"); do
        t="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "http://127.0.0.1:$port$1")"
        [[ "${t%% *}" == 200 ]] || die "$1 answered ${t%% *}"
        [[ $i -gt 1 ]] && echo "${t#* }"
    done
}
summary() { python3 -c "import sys, statistics as s; v = sorted(float(x) * 1000 for x in sys.stdin.read().split()); print(f'median {s.median(v):.0f} ms, best {v[0]:.0f} ms, worst {v[-1]:.0f} ms ({len(v)} runs)')"; }

{
    echo "### Run of $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$REPO_ROOT" rev-parse --short HEAD)"
    echo
    echo "Command: \`CASES=$CASES ROWS=$ROWS RUNS=$RUNS bench/statistics.sh\`. $generated."
    echo
    echo "Load average before the measurements: $(cut -d ' ' -f 1-3 /proc/loadavg)"
    echo
} >"$RESULTS"

# medians FILE: the median in ms of the seconds in FILE.
median() { python3 -c "import sys, statistics as s; print(s.median(float(x) * 1000 for x in open('$1').read().split()))"; }

crosstab="/api/v1/statistics/table?period=2020..2025&rows=FormOfExploitation&columns=Sex"
log "timing $crosstab"
times "$crosstab" >"$RUN_DIR/api.times"
log "timing the direct SQL"
for _ in $(seq 1 "$RUNS"); do "${PSQL[@]}" -c '\timing on' -f "$REPO_ROOT/bench/statistics-direct.postgres.sql" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | awk '{ print $1 / 1000 }'; done | tail -n +2 >"$RUN_DIR/direct.times"
ratio="$(python3 -c "print(f'{$(median "$RUN_DIR/api.times") / $(median "$RUN_DIR/direct.times"):.2f}')")"
log "timing the regional report page"
times "/statistics/region?period=2025" >"$RUN_DIR/report.times"
times "/statistics/region?period=2020..2025" >"$RUN_DIR/report-range.times"

# One more page with statement statistics: how many SQL commands it sends and how long PostgreSQL spent on them.
queries="not counted (pg_stat_statements is not loaded on this server)"
if "${PSQL[@]}" -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' >/dev/null 2>&1 \
    && "${PSQL[@]}" -c 'SELECT pg_stat_statements_reset()' >/dev/null 2>&1; then
    curl -s -o /dev/null "http://127.0.0.1:$port/statistics/region?period=2020..2025"
    "${PSQL[@]}" -A -F ' | ' -c "SELECT calls, round(total_exec_time::numeric, 1) AS ms, left(regexp_replace(query, '\s+', ' ', 'g'), 300) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database() AND query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC" >"$RUN_DIR/report-statements.txt"
    queries="$(awk -F ' [|] ' 'NR > 1 && $1 ~ /^[0-9]+$/ { n += $1; ms += $2 } END { printf "%d SQL commands, %.0f ms in PostgreSQL", n, ms }' "$RUN_DIR/report-statements.txt")"
fi
stop_server

log "importing a $ROWS-row CTDC-style CSV with the CLI"
csv="$BENCH_DATA/ctdc-$ROWS.csv"
[[ -f "$csv" ]] || python3 "$REPO_ROOT/bench/ctdc-csv.py" "$ROWS" "$csv"
size="$(du -m "$csv" | cut -f 1)"
source_name="Benchmark CTDC-style data (invented)"
# The kept database must not keep the imported data set: a later run imports the same file again.
forget_import() {
    "${PSQL[@]}" -c "DELETE FROM \"StatisticsRecords\" WHERE \"DatasetId\" IN (SELECT \"Id\" FROM \"StatisticsDatasets\" WHERE \"Source\" = '$source_name'); DELETE FROM \"StatisticsDatasets\" WHERE \"Source\" = '$source_name'" >/dev/null
}
forget_import
/usr/bin/time -f '%e %M' -o "$RUN_DIR/import.time" dotnet "$CLI_DLL" statistics import "$csv" --source "$source_name" --fictitious \
    >"$RUN_DIR/import.log" 2>&1 || { cat "$RUN_DIR/import.log" >&2; die "the import failed"; }
read -r import_seconds import_kb <"$RUN_DIR/import.time"
forget_import

{
    echo "| Measurement | Result |"
    echo "|---|---|"
    echo "| Cross-tabulation with suppression, form of exploitation × sex, 2020..2025 (all $CASES cases), \`GET $crosstab\` | $(summary <"$RUN_DIR/api.times") |"
    echo "| The same GROUP BY directly in psql (bench/statistics-direct.postgres.sql) | $(summary <"$RUN_DIR/direct.times"); ratio application / direct SQL $ratio |"
    echo "| Regional report page, \`/statistics/region?period=2025\` (12 tables) | $(summary <"$RUN_DIR/report.times") |"
    echo "| Regional report page, \`/statistics/region?period=2020..2025\` | $(summary <"$RUN_DIR/report-range.times"); $queries |"
    echo "| Import of $ROWS rows ($size MB CSV) with \`statistics import\` | $import_seconds s, peak memory $((import_kb / 1024)) MiB |"
    echo
    echo "Load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
} >>"$RESULTS"
cat "$RESULTS"
log "results and logs in $RUN_DIR"
