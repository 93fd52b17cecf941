#!/usr/bin/env bash
# The library benchmark (BENCHMARKS.md, "Library search and PDF loading"), data kept under $LIBRARY_BENCH_DIR
# (default /work/benchdata/library): a PostgreSQL cluster in pg/ (bench/library-pg.sh), a SQLite file sqlite.db.
#
#   bench/library.sh                 re-measure the searches on the existing data, both databases (a few minutes)
#   GENERATE=1 bench/library.sh      generate first: PG_DOCUMENTS (100000) and SQLITE_DOCUMENTS (20000) of PAGES (20)
#   PDFS=1000 bench/library.sh       also load PDFS generated PDFs of PDF_PAGES (5) through the real upload
#                                    loader (extract, store, index) into a fresh SQLite database, pdfs.db
#   FORMATS=mixed                    with PDFS: a third each PDF, DOCX and HTML (DOCX and HTML in English and Russian)
#   PROVIDERS="postgres"             one database only ("none": only the PDFs); QUERIES (270) searches each
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${LIBRARY_BENCH_DIR:-/work/benchdata/library}"
PROVIDERS="${PROVIDERS:-postgres sqlite}"
QUERIES="${QUERIES:-270}"
PAGES="${PAGES:-20}"
PDFS="${PDFS:-0}"
PG_DB="${PG_DB:-library_bench}"
DLL="$REPO_ROOT/bench/Clearinghouse.Benchmarks/bin/Release/net10.0/Clearinghouse.Benchmarks.dll"
mkdir -p "$DIR"
[[ "${SKIP_BUILD:-}" == 1 ]] || dotnet build "$REPO_ROOT/bench/Clearinghouse.Benchmarks" -c Release -v quiet -nologo >/dev/null
STARTED_PG=""
cleanup() { [[ -z "$STARTED_PG" ]] || "$REPO_ROOT/bench/library-pg.sh" stop; }
trap cleanup EXIT
for provider in $PROVIDERS; do
    [[ "$provider" == postgres || "$provider" == sqlite ]] || continue
    if [[ "$provider" == postgres ]]; then
        if ! pg_isready -h 127.0.0.1 -p "${LIBRARY_PG_PORT:-55432}" -q; then
            "$REPO_ROOT/bench/library-pg.sh" start >/dev/null
            STARTED_PG=1
        fi
        connection="Host=127.0.0.1;Port=${LIBRARY_PG_PORT:-55432};Username=postgres;Password=postgres;Database=$PG_DB;Command Timeout=0"
        documents=0
        if [[ "${GENERATE:-}" == 1 ]]; then
            psql -h 127.0.0.1 -p "${LIBRARY_PG_PORT:-55432}" -U postgres -qc "DROP DATABASE IF EXISTS $PG_DB" -c "CREATE DATABASE $PG_DB"
            documents="${PG_DOCUMENTS:-100000}"
        fi
    else
        connection="Data Source=$DIR/sqlite.db"
        documents=0
        if [[ "${GENERATE:-}" == 1 ]]; then
            rm -f "$DIR/sqlite.db" "$DIR/sqlite.db-wal" "$DIR/sqlite.db-shm"
            documents="${SQLITE_DOCUMENTS:-20000}"
        fi
    fi
    dotnet "$DLL" library --database "$provider" --connection "$connection" --folder "$DIR/files-$provider" \
        --documents "$documents" --pages "$PAGES" --queries "$QUERIES" --pdfs 0 --markdown "$DIR/results.md"
done
if [[ "$PDFS" -gt 0 ]]; then
    # The PDFs go into a fresh SQLite database of their own (the loader skips files it has already seen).
    rm -rf "$DIR/pdfs.db" "$DIR/pdfs.db-wal" "$DIR/pdfs.db-shm" "$DIR/files-pdfs"
    dotnet "$DLL" library --database sqlite --connection "Data Source=$DIR/pdfs.db" --folder "$DIR/files-pdfs" \
        --documents 0 --queries 9 --pdfs "$PDFS" --pdf-pages "${PDF_PAGES:-5}" --formats "${FORMATS:-pdf}" --markdown "$DIR/results.md"
fi
