#!/usr/bin/env bash
# The single test command of Clearinghouse.
#
#   ./scripts/test.sh [dotnet test args...]   e.g. ./scripts/test.sh --filter "FullyQualifiedName~Ledger"
#   ./scripts/test.sh --postgres-only         start a throw-away PostgreSQL, print its connection
#                                             string and wait until Ctrl-C (for the app or the benchmark)
#
# What it does:
#   1. installs what is missing (Debian packages postgresql and chromium; apt-get update only when needed)
#   2. starts a throw-away PostgreSQL cluster on a free 127.0.0.1 port in a temp dir (removed on exit),
#      unless CLEARINGHOUSE_TEST_POSTGRES is already set by the caller
#   3. dotnet format --verify-no-changes (skip with SKIP_FORMAT=1), dotnet build -warnaserror, dotnet test
#   4. prints "N passed, N failed, N skipped" as its last line, summed over the TRX files of this run
#
# Environment:
#   CLEARINGHOUSE_TEST_POSTGRES  Npgsql connection string of an existing server (superuser or CREATEDB role);
#                                when set, no cluster is started (except with --postgres-only)
#   CLEARINGHOUSE_TEST_CHROMIUM  Chromium binary for the browser tests (default /usr/bin/chromium)
#   SKIP_FORMAT=1                skip the dotnet format check
#   PG_BIN                       directory holding initdb/pg_ctl (default: newest /usr/lib/postgresql/*/bin)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_OS_USER="clearinghouse-test"   # PostgreSQL refuses to run as root: this unprivileged user runs it then
PG_TMP=""                          # temp dir of the throw-away cluster (data, socket, log)
PG_RUN=()                          # command prefix to run PostgreSQL binaries (runuser when root)
PG_PORT=""
WAIT_PID=""
APT_UPDATED=0

log() { printf 'test.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------- cleanup

# shellcheck disable=SC2317  # invoked by the traps below
cleanup() {
    local rc=$?
    trap - EXIT INT TERM HUP
    if [[ -n "$WAIT_PID" ]]; then
        kill "$WAIT_PID" >/dev/null 2>&1 || true
    fi
    if [[ -n "$PG_TMP" && -d "$PG_TMP" ]]; then
        if [[ -f "$PG_TMP/data/postmaster.pid" ]]; then
            # Throw-away data: immediate shutdown is fine. Silent, so that the summary stays the last line.
            "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
        fi
        if [[ -f "$PG_TMP/data/postmaster.pid" ]]; then
            local pid
            pid="$(head -n 1 "$PG_TMP/data/postmaster.pid" 2>/dev/null || true)"
            if [[ "$pid" =~ ^[0-9]+$ ]]; then
                kill -KILL "$pid" >/dev/null 2>&1 || true
                local _
                for _ in $(seq 1 50); do
                    kill -0 "$pid" >/dev/null 2>&1 || break
                    sleep 0.1
                done
            fi
        fi
        rm -rf "$PG_TMP"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# ---------------------------------------------------------------- installing what is missing

as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "not root and no sudo: cannot run: $*"
    fi
}

apt_install() {
    local apt_log
    apt_log="$(mktemp)"
    log "installing $* (apt-get, this may take a minute)..."
    local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=600)
    if [[ $APT_UPDATED -eq 0 ]]; then
        if ! as_root "${apt[@]}" update >"$apt_log" 2>&1; then
            cat "$apt_log" >&2
            rm -f "$apt_log"
            die "apt-get update failed"
        fi
        APT_UPDATED=1
    fi
    if ! as_root "${apt[@]}" install -y --no-install-recommends "$@" >>"$apt_log" 2>&1; then
        cat "$apt_log" >&2
        rm -f "$apt_log"
        die "apt-get install $* failed"
    fi
    rm -f "$apt_log"
}

# Sets PG_BIN to a directory with initdb, pg_ctl and postgres: $PG_BIN if given, else the newest
# Debian server under /usr/lib/postgresql/*/bin (not /usr/local/bin, which may point anywhere).
find_pg_bin() {
    if [[ -n "${PG_BIN:-}" ]]; then
        [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" && -x "$PG_BIN/postgres" ]] \
            || die "PG_BIN=$PG_BIN has no initdb/pg_ctl/postgres"
        return 0
    fi
    local dir
    PG_BIN=""
    while IFS= read -r dir; do
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" ]]; then
            PG_BIN="$dir"
        fi
    done < <(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V)
    [[ -n "$PG_BIN" ]]
}

ensure_postgres_installed() {
    if ! find_pg_bin; then
        apt_install postgresql
        find_pg_bin || die "postgresql installed but no /usr/lib/postgresql/*/bin/initdb found"
    fi
}

ensure_test_tools_installed() {
    local missing=()
    if [[ -z "${CLEARINGHOUSE_TEST_CHROMIUM:-}" || ! -x "${CLEARINGHOUSE_TEST_CHROMIUM:-}" ]]; then
        [[ -x /usr/bin/chromium ]] || missing+=(chromium)
    fi
    command -v python3 >/dev/null 2>&1 || missing+=(python3)
    if [[ ${#missing[@]} -gt 0 ]]; then
        apt_install "${missing[@]}"
    fi
    command -v dotnet >/dev/null 2>&1 || die "dotnet (the .NET SDK) is not on PATH"
}

# ---------------------------------------------------------------- throw-away PostgreSQL

free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
        return
    fi
    local port
    while true; do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
}

ensure_pg_os_user() {
    if ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
        useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_OS_USER" \
            || id -u "$PG_OS_USER" >/dev/null 2>&1 \
            || die "could not create user $PG_OS_USER"
    fi
}

# Starts the cluster and exports CLEARINGHOUSE_TEST_POSTGRES. The EXIT trap stops it and removes PG_TMP.
start_postgres() {
    ensure_postgres_installed
    if [[ $EUID -eq 0 ]]; then
        ensure_pg_os_user
        PG_RUN=(runuser -u "$PG_OS_USER" --)
        # /tmp, not $TMPDIR: the unprivileged user must be able to reach it.
        PG_TMP="$(mktemp -d /tmp/clearinghouse-pg.XXXXXX)"
        chown "$PG_OS_USER:" "$PG_TMP"
    else
        PG_RUN=()
        PG_TMP="$(mktemp -d "${TMPDIR:-/tmp}/clearinghouse-pg.XXXXXX")"
    fi
    chmod 700 "$PG_TMP"

    (umask 077 && printf 'postgres\n' >"$PG_TMP/pwfile")
    if [[ $EUID -eq 0 ]]; then
        chown "$PG_OS_USER:" "$PG_TMP/pwfile"
    fi
    local initdb_log="$PG_TMP/initdb.log"
    if ! "${PG_RUN[@]}" "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres --pwfile="$PG_TMP/pwfile" \
            --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$initdb_log" 2>&1; then
        cat "$initdb_log" >&2
        die "initdb failed"
    fi
    rm -f "$PG_TMP/pwfile"
    # Appending as root keeps the file's owner.
    cat >>"$PG_TMP/data/postgresql.conf" <<EOF

# --- clearinghouse throw-away test cluster ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_TMP'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF

    local attempt
    for attempt in 1 2 3 4 5; do
        PG_PORT="$(free_port)"
        if "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/postgres.log" -o "-p $PG_PORT" \
                -w -t 60 start >/dev/null 2>&1; then
            export CLEARINGHOUSE_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=postgres"
            log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') started on 127.0.0.1:$PG_PORT (data in $PG_TMP)"
            return 0
        fi
        if grep -q 'could not bind\|Address already in use' "$PG_TMP/postgres.log" 2>/dev/null; then
            log "port $PG_PORT was taken, trying another (attempt $attempt)"
            continue
        fi
        break
    done
    cat "$PG_TMP/postgres.log" >&2 2>/dev/null || true
    die "could not start PostgreSQL"
}

# ---------------------------------------------------------------- arguments

POSTGRES_ONLY=0
DOTNET_TEST_ARGS=()
for arg in "$@"; do
    case "$arg" in
        --postgres-only) POSTGRES_ONLY=1 ;;
        *) DOTNET_TEST_ARGS+=("$arg") ;;
    esac
done

if [[ $POSTGRES_ONLY -eq 1 ]]; then
    # Always a fresh cluster of its own, even if CLEARINGHOUSE_TEST_POSTGRES is set.
    start_postgres
    echo "CLEARINGHOUSE_TEST_POSTGRES=$CLEARINGHOUSE_TEST_POSTGRES"
    echo "psql:  psql 'host=127.0.0.1 port=$PG_PORT user=postgres dbname=postgres'"
    echo "PostgreSQL is running; press Ctrl-C to stop it and remove its data."
    while true; do
        sleep 86400 &
        WAIT_PID=$!
        wait "$WAIT_PID" || true
    done
fi

# ---------------------------------------------------------------- tests

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

ensure_test_tools_installed
if [[ -n "${CLEARINGHOUSE_TEST_POSTGRES:-}" ]]; then
    log "using the caller's CLEARINGHOUSE_TEST_POSTGRES; no cluster started"
else
    start_postgres
fi
export CLEARINGHOUSE_TEST_CHROMIUM="${CLEARINGHOUSE_TEST_CHROMIUM:-/usr/bin/chromium}"

cd "$REPO_ROOT"
RESULTS_DIR="$REPO_ROOT/TestResults"
rm -rf "$RESULTS_DIR"

if [[ "${SKIP_FORMAT:-0}" != "1" ]]; then
    log "dotnet format --verify-no-changes"
    dotnet format Clearinghouse.slnx --verify-no-changes
fi

log "dotnet build -c Release -warnaserror"
dotnet build Clearinghouse.slnx -c Release -warnaserror

log "dotnet test"
test_rc=0
dotnet test Clearinghouse.slnx -c Release --no-build \
    --logger "trx;LogFilePrefix=results" --results-directory "$RESULTS_DIR" \
    "${DOTNET_TEST_ARGS[@]}" || test_rc=$?

# Prints "passed failed skipped", summed over every TRX file of this run.
counts="$(python3 - "$RESULTS_DIR" <<'PY'
import pathlib
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
root_dir = pathlib.Path(sys.argv[1])
files = sorted(root_dir.rglob("*.trx")) if root_dir.is_dir() else []
for path in files:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        print(f"test.sh: cannot parse {path}: {error}", file=sys.stderr)
        failed += 1
        continue
    results = root.find(NS + "Results")
    if results is None:
        continue
    # Top-level results only: data rows nested in InnerResults are not counted twice.
    for result in results.findall(NS + "UnitTestResult"):
        outcome = result.get("outcome", "")
        if outcome == "Passed":
            passed += 1
        elif outcome in ("NotExecuted", "Inconclusive", "Pending"):
            skipped += 1
        else:  # Failed, Error, Timeout, Aborted, ...
            failed += 1
print(passed, failed, skipped)
PY
)"
read -r n_passed n_failed n_skipped <<<"$counts"

rc=$test_rc
if [[ $test_rc -ne 0 ]]; then
    log "dotnet test failed (exit code $test_rc)"
elif [[ $((n_passed + n_failed)) -eq 0 ]]; then
    log "no test ran"
    rc=1
elif [[ $n_failed -ne 0 ]]; then
    rc=1
fi
echo "$n_passed passed, $n_failed failed, $n_skipped skipped"
exit "$rc"
