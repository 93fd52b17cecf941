#!/usr/bin/env bash
# The statistics benchmark on PostgreSQL (see BENCHMARKS.md, "Statistics"):
#   1. one cross-tabulation with suppression over CASES cases, through the API as the public sees it, beside the same
#      GROUP BY run directly in psql (bench/statistics-direct.postgres.sql), as a ratio;
#   2. the whole regional report page (/statistics/region);
#   3. the import of a ROWS-row CTDC-style CSV (bench/ctdc-csv.py) with the CLI, its wall time and peak memory.
#
#   bench/statistics.sh                          1,000,000 cases, 250,000 rows, 7 runs of each request
#   CASES=100000 ROWS=20000 RUNS=3 bench/statistics.sh       smaller, quicker
#
# Environment: CASES (1000000) ROWS (250000) RUNS (7; the first of each is a warm-up and not counted)
#   POSTGRES_SERVER  Npgsql connection string of a server to use (superuser); default: a throw-away cluster started
#                    with scripts/test.sh --postgres-only. A new database is created on it either way.
#   BENCH_DIR (a new /tmp/clearinghouse-stats-bench.XXXXXX)  SKIP_BUILD=1 (use the existing Release build)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CASES="${CASES:-1000000}"
ROWS="${ROWS:-250000}"
RUNS="${RUNS:-7}"
BENCH_DIR="${BENCH_DIR:-$(mktemp -d /tmp/clearinghouse-stats-bench.XXXXXX)}"
WEB_DLL="$REPO_ROOT/src/Clearinghouse.Web/bin/Release/net10.0/Clearinghouse.Web.dll"
CLI_DLL="$REPO_ROOT/src/Clearinghouse.Cli/bin/Release/net10.0/Clearinghouse.Cli.dll"
RESULTS="$BENCH_DIR/results.md"
SERVER_PID=""
PG_SCRIPT_PID=""
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf 'statistics.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM HUP
    if [[ -n "$SERVER_PID" ]]; then kill -TERM "$SERVER_PID" >/dev/null 2>&1 || true; wait "$SERVER_PID" >/dev/null 2>&1 || true; fi
    if [[ -n "$PG_SCRIPT_PID" ]]; then kill -TERM "$PG_SCRIPT_PID" >/dev/null 2>&1 || true; wait "$PG_SCRIPT_PID" >/dev/null 2>&1 || true; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

if [[ -z "${POSTGRES_SERVER:-}" ]]; then
    "$REPO_ROOT/scripts/test.sh" --postgres-only >"$BENCH_DIR/postgres-script.log" 2>&1 &
    PG_SCRIPT_PID=$!
    for _ in $(seq 1 1200); do
        POSTGRES_SERVER="$(sed -n 's/^CLEARINGHOUSE_TEST_POSTGRES=//p' "$BENCH_DIR/postgres-script.log")"
        [[ -n "$POSTGRES_SERVER" ]] && break
        kill -0 "$PG_SCRIPT_PID" 2>/dev/null || die "scripts/test.sh --postgres-only stopped"
        sleep 0.5
    done
    [[ -n "$POSTGRES_SERVER" ]] || die "PostgreSQL did not start"
fi
DATABASE="clearinghouse_stats_bench_$(date +%s)"
CONNECTION="${POSTGRES_SERVER/Database=postgres/Database=$DATABASE}"
[[ "$CONNECTION" == *"Database=$DATABASE"* ]] || CONNECTION="$POSTGRES_SERVER;Database=$DATABASE"
field() { sed -n "s/.*$1=\([^;]*\).*/\1/p" <<<"$CONNECTION"; }
PSQL=(psql -X -q -v ON_ERROR_STOP=1 "host=$(field Host) port=$(field Port) user=$(field Username) dbname=$DATABASE")

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    log "building Release"
    dotnet build "$REPO_ROOT/src/Clearinghouse.Web" -c Release -v q -nologo >/dev/null
    dotnet build "$REPO_ROOT/src/Clearinghouse.Cli" -c Release -v q -nologo >/dev/null
fi

export Database__Provider=Postgres ConnectionStrings__Clearinghouse="$CONNECTION" ASPNETCORE_ENVIRONMENT=Production \
    Logging__LogLevel__Default=Warning Web__KeysPath="$BENCH_DIR/keys" Web__ApiRequestsPerMinute=1000000 \
    Cases__KeyRingPath="$BENCH_DIR/keys/case-keyring.json" Library__StoragePath="$BENCH_DIR/library"

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
log "starting the web app on 127.0.0.1:$port (it creates and migrates $DATABASE and loads the demo data)"
dotnet "$WEB_DLL" --urls "http://127.0.0.1:$port" --contentRoot "$REPO_ROOT/src/Clearinghouse.Web" >"$BENCH_DIR/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$BENCH_DIR/server.log" >&2; die "the web app stopped"; }
    sleep 0.5
done

log "generating $CASES cases"
start=$(date +%s.%N)
"${PSQL[@]}" -v cases="$CASES" -f "$REPO_ROOT/bench/statistics-cases.postgres.sql" >/dev/null
generated=$(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')")

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
    echo "Command: \`CASES=$CASES ROWS=$ROWS RUNS=$RUNS bench/statistics.sh\`. $CASES cases generated by SQL in $generated s."
    echo
    echo "Load average before the measurements: $(cut -d ' ' -f 1-3 /proc/loadavg)"
    echo
} >"$RESULTS"

crosstab="/api/v1/statistics/table?period=2020..2025&rows=FormOfExploitation&columns=Sex"
log "timing $crosstab"
api="$(times "$crosstab" | summary)"
log "timing the direct SQL"
direct="$(for _ in $(seq 1 "$RUNS"); do "${PSQL[@]}" -c '\timing on' -f "$REPO_ROOT/bench/statistics-direct.postgres.sql" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | awk '{ print $1 / 1000 }'; done | tail -n +2 | summary)"
log "timing the regional report page"
report="$(times "/statistics/region?period=2025" | summary)"
report_range="$(times "/statistics/region?period=2020..2025" | summary)"
kill -TERM "$SERVER_PID" >/dev/null 2>&1 || true
wait "$SERVER_PID" >/dev/null 2>&1 || true
SERVER_PID=""

log "writing a $ROWS-row CTDC-style CSV and importing it with the CLI"
python3 "$REPO_ROOT/bench/ctdc-csv.py" "$ROWS" "$BENCH_DIR/ctdc.csv"
size="$(du -m "$BENCH_DIR/ctdc.csv" | cut -f 1)"
/usr/bin/time -f '%e %M' -o "$BENCH_DIR/import.time" dotnet "$CLI_DLL" statistics import "$BENCH_DIR/ctdc.csv" --source "Benchmark CTDC-style data (invented)" --fictitious \
    >"$BENCH_DIR/import.log" 2>&1 || { cat "$BENCH_DIR/import.log" >&2; die "the import failed"; }
read -r import_seconds import_kb <"$BENCH_DIR/import.time"

{
    echo "| Measurement | Result |"
    echo "|---|---|"
    echo "| Cross-tabulation with suppression, form of exploitation × sex, 2020..2025 (all $CASES cases), \`GET $crosstab\` | $api |"
    echo "| The same GROUP BY directly in psql (bench/statistics-direct.postgres.sql) | $direct |"
    echo "| Regional report page, \`/statistics/region?period=2025\` (13 tables) | $report |"
    echo "| Regional report page, \`/statistics/region?period=2020..2025\` | $report_range |"
    echo "| Import of $ROWS rows ($size MB CSV) with \`statistics import\` | $import_seconds s, peak memory $((import_kb / 1024)) MiB |"
    echo
    echo "Load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
} >>"$RESULTS"
cat "$RESULTS"
"${PSQL[@]/dbname=$DATABASE/dbname=postgres}" -c "DROP DATABASE \"$DATABASE\"" >/dev/null 2>&1 || true
