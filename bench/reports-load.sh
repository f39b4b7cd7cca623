#!/usr/bin/env bash
# The leadership's view on PostgreSQL with a million incidents (issue [9]):
#   1. a throw-away PostgreSQL cluster (initdb + pg_ctl in a temp dir, on 127.0.0.1, shared_buffers = 1GB);
#   2. Release builds of otklik and bench/Otklik.ReportsLoad; otklik migrate and seed --demo (the Stavropol region,
#      its bodies, topics and districts);
#   3. bench/reports/facts.sql: N incidents (default 1,000,000) over two years with their report facts;
#   4. otklik-reports-load: the monthly report of October 2026 as XLSX and PDF, and each dashboard query's p50/p95;
#   5. cleanup (trap). Usage: bash bench/reports-load.sh     Settings: N=1000000 RUNS=3 ITERATIONS=50 WARMUP=5
#      HOLD=600 keeps the cluster up that many seconds afterwards (its port in $TMPDIR/otklik-reports.port).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
N=${N:-1000000}
log() { echo "reports-load: $*" >&2; }
die() { log "$*"; exit 1; }

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[[ -n $pg_bin && -x $pg_bin/initdb ]] || die "PostgreSQL server binaries not found (apt-get install postgresql)"
psql=$(command -v psql || echo "$pg_bin/psql")
as_pg=()
[[ $(id -u) -ne 0 ]] || as_pg=(runuser -u postgres --)
work=$(mktemp -d "${TMPDIR:-/tmp}/otklik-reports.XXXXXX")
chmod 755 "$work"
pg_data="$work/pg/data"
cleanup() {
    local code=$?
    [[ -f $pg_data/postmaster.pid ]] && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w -t 30 stop >/dev/null 2>&1
    rm -rf "$work"
    exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"); .NET $(dotnet --version); $("$pg_bin/postgres" --version)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/pg/socket"
chmod 700 "$work/pg" "$work/pg/socket"
[[ ${#as_pg[@]} -eq 0 ]] || chown -R postgres:postgres "$work/pg"
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 --no-locale --no-sync > "$work/pg/initdb.log" 2>&1 \
    || { cat "$work/pg/initdb.log" >&2; die "initdb failed"; }
printf "listen_addresses = '127.0.0.1'\nshared_buffers = 1GB\nwork_mem = 32MB\nmax_wal_size = 4GB\n" >> "$pg_data/postgresql.conf"
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -o "-p $pg_port -k $work/pg/socket" -l "$work/pg/server.log" -w -t 60 start > /dev/null \
    || { cat "$work/pg/server.log" >&2; die "PostgreSQL did not start"; }
sql() { "$psql" -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -v ON_ERROR_STOP=1 "$@"; }
sql -d postgres -c "create database otklik"

log "building Release into $work/artifacts"
for project in src/Otklik.Cli bench/Otklik.ReportsLoad; do
    dotnet build "$project" -c Release --artifacts-path "$work/artifacts" -nologo -v quiet > "$work/build.log" 2>&1 \
        || { cat "$work/build.log" >&2; die "build of $project failed"; }
done
cli_dll=$(find "$work/artifacts/bin/Otklik.Cli" -name otklik.dll -print -quit)
load_dll=$(find "$work/artifacts/bin/Otklik.ReportsLoad" -name otklik-reports-load.dll -print -quit)
export Database__Provider=Postgres
export ConnectionStrings__Otklik="Host=127.0.0.1;Port=$pg_port;Database=otklik;Username=postgres"
export Calendar__Directory="$work/calendars" Triage__Enabled=false
dotnet "$cli_dll" migrate >&2
dotnet "$cli_dll" seed --demo --password Bench-pass-2026 >&2
# The demo's own facts first (the history's cursor moves past them), then the generated ones.
dotnet "$cli_dll" report monthly --month 2026-11 --format xlsx --out "$work/demo.xlsx" >&2
log "generating $N incidents with their facts"
start=$SECONDS
sql -d otklik -v n="$N" -f bench/reports/facts.sql > /dev/null
echo "generated $N incidents and facts in $((SECONDS - start)) s"
dotnet "$load_dll" 2026-10
if [[ ${HOLD:-0} -gt 0 ]]; then
    log "holding the cluster for $HOLD s: psql -h 127.0.0.1 -p $pg_port -U postgres otklik"
    echo "$pg_port" > "${TMPDIR:-/tmp}/otklik-reports.port"
    sleep "$HOLD"
fi
