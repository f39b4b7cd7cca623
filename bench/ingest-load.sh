#!/usr/bin/env bash
# Ingestion and incident-list load on this machine, against PostgreSQL, everything on 127.0.0.1:
#   1. a throw-away PostgreSQL cluster (initdb + pg_ctl under a temp dir, a free port; as user postgres via runuser
#      when run as root), with pg_stat_statements and auto_explain loaded;
#   2. a Release build of the web app, the otklik command and bench/Otklik.Load (into the temp dir);
#   3. otklik migrate, user create (an Operator) and token create (scope ingest) against it;
#   4. the web app in Release on a free port, deadline tracking off, no demo seed;
#   5. otklik-load: MESSAGES generated Russian messages in batches of 1000, CONCURRENCY batches in flight (with the
#      CPU time the app and PostgreSQL spent on it); then VACUUM ANALYZE and a backlog (OVERDUE_PERCENT=30 of the
#      incidents get their routing deadline moved three days back); then ITERATIONS calls of each incident-list
#      variant (page 1, state=New, overdue=true, q=мусор) as the operator;
#   6. where the database time went (pg_stat_statements), and EXPLAIN ANALYZE of the list queries as the app sends
#      them (auto_explain during one extra pass);
#   7. cleanup (trap): the app and the cluster are stopped and the temp dir deleted, whatever happened.
#
# Usage: bash bench/ingest-load.sh
# Settings (environment): MESSAGES=100000 CONCURRENCY=4 ITERATIONS=200 WARMUP=10 OVERDUE_PERCENT=30
#   EXPLAIN=1   print the list queries' plans (always written to the report)
#   OUT=dir     keep the report (figures, pg_stat_statements, plans, app and server logs) in dir
#   PG_FAST=1   run PostgreSQL with fsync/synchronous_commit off (as the tests do); default: durable settings
#   HOLD=600    keep the app and the cluster up that many seconds at the end, for psql and EXPLAIN by hand
# Needs: the .NET 10 SDK, PostgreSQL server binaries (Debian: apt-get install postgresql), psql, curl.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

MESSAGES=${MESSAGES:-100000}
CONCURRENCY=${CONCURRENCY:-4}
ITERATIONS=${ITERATIONS:-200}
WARMUP=${WARMUP:-10}
PASSWORD=Bench-pass-2026
started=$SECONDS

log() { echo "ingest-load: $*" >&2; }
die() { log "$*"; exit 1; }

# --- tools -------------------------------------------------------------------------------------------------------
pg_bin=
if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    pg_bin=$(dirname "$(readlink -f "$(command -v initdb)")")
else
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
[[ -n $pg_bin && -x $pg_bin/initdb && -x $pg_bin/pg_ctl ]] || die "PostgreSQL server binaries not found (apt-get install postgresql)"
psql=$(command -v psql || echo "$pg_bin/psql")
for tool in dotnet curl "$psql"; do command -v "$tool" >/dev/null || die "'$tool' is needed"; done

as_pg=()
if [[ $(id -u) -eq 0 ]]; then
    # PostgreSQL refuses to run as root.
    id postgres >/dev/null 2>&1 || die "running as root, but there is no 'postgres' user to run the server as"
    as_pg=(runuser -u postgres --)
fi

free_port() {
    local p
    for p in $(shuf -i 20000-60000 -n 100); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
    done
    return 1
}

# --- cleanup -----------------------------------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/otklik-load.XXXXXX")
chmod 755 "$work"
pg_data="$work/pg/data"
app_pid=
cleanup() {
    local code=$?
    if [[ -n $app_pid ]] && kill -0 "$app_pid" 2>/dev/null; then
        kill "$app_pid" 2>/dev/null || true
        for _ in $(seq 20); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$app_pid" 2>/dev/null || true
    fi
    if [[ -f $pg_data/postmaster.pid ]]; then
        "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w -t 30 stop >/dev/null 2>&1 || log "could not stop PostgreSQL in $pg_data"
    fi
    if [[ -n ${OUT:-} ]]; then
        mkdir -p "$OUT"
        cp "$work"/report-*.txt "$work/app.log" "$OUT"/ 2>/dev/null || true
        cp "$work/pg/server.log" "$OUT/postgres.log" 2>/dev/null || true
        log "report kept in $OUT"
    fi
    rm -rf "$work"
    exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the machine ---------------------------------------------------------------------------------------------------
{
    echo "machine: $(nproc) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)), $(free -g | awk '/^Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME")"
    echo "software: .NET $(dotnet --version), $("$pg_bin/postgres" --version)"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "settings: MESSAGES=$MESSAGES CONCURRENCY=$CONCURRENCY ITERATIONS=$ITERATIONS WARMUP=$WARMUP PG_FAST=${PG_FAST:-0}"
} | tee "$work/report-figures.txt"

# --- 1. PostgreSQL -------------------------------------------------------------------------------------------------
pg_port=$(free_port) || die "no free port"
mkdir -p "$work/pg/socket"
chmod 700 "$work/pg" "$work/pg/socket"
[[ ${#as_pg[@]} -eq 0 ]] || chown -R postgres:postgres "$work/pg"
log "PostgreSQL: initdb in $pg_data"
if ! "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync > "$work/pg/initdb.log" 2>&1; then
    rm -rf "$pg_data"
    "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 --no-locale --no-sync > "$work/pg/initdb.log" 2>&1 \
        || { cat "$work/pg/initdb.log" >&2; die "initdb failed"; }
fi
# Settings go into postgresql.conf (not -c on the command line) so that ALTER SYSTEM + reload can switch
# auto_explain on for one pass below.
{
    echo "listen_addresses = '127.0.0.1'"
    echo "max_connections = 200"
    echo "shared_buffers = 1GB"
    echo "shared_preload_libraries = 'pg_stat_statements,auto_explain'"
    echo "pg_stat_statements.track = all"
    echo "auto_explain.log_min_duration = -1"
    echo "auto_explain.log_analyze = on"
    echo "auto_explain.log_buffers = on"
    if [[ ${PG_FAST:-0} == 1 ]]; then
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
    fi
} >> "$pg_data/postgresql.conf"
pg_options=(-p "$pg_port" -k "$work/pg/socket")
log "PostgreSQL: starting on 127.0.0.1:$pg_port"
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -o "${pg_options[*]}" -l "$work/pg/server.log" -w -t 60 start > /dev/null \
    || { cat "$work/pg/server.log" >&2; die "PostgreSQL did not start"; }
sql() { "$psql" -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -v ON_ERROR_STOP=1 "$@"; }
sql -d postgres -c "create database otklik"
sql -d otklik -c "create extension pg_stat_statements"

# --- 2. Release build ----------------------------------------------------------------------------------------------
log "building Release (web app, otklik, otklik-load) into $work/artifacts"
for project in src/Otklik.Web src/Otklik.Cli bench/Otklik.Load; do
    dotnet build "$project" -c Release --artifacts-path "$work/artifacts" -nologo -v quiet > "$work/build.log" 2>&1 \
        || { cat "$work/build.log" >&2; die "build of $project failed"; }
done
web_dll=$(find "$work/artifacts/bin/Otklik.Web" -name Otklik.Web.dll -print -quit)
cli_dll=$(find "$work/artifacts/bin/Otklik.Cli" -name otklik.dll -print -quit)
load_dll=$(find "$work/artifacts/bin/Otklik.Load" -name otklik-load.dll -print -quit)

# --- 3. schema, a user, a token --------------------------------------------------------------------------------------
export Database__Provider=Postgres
export ConnectionStrings__Otklik="Host=127.0.0.1;Port=$pg_port;Database=otklik;Username=postgres;Maximum Pool Size=100"
export Calendar__Directory="$work/calendars"
otklik() { dotnet "$cli_dll" "$@"; }
otklik migrate >&2
otklik user create --login bench --password "$PASSWORD" --role Operator >&2
token=$(otklik token create --name load-test --scope ingest)

# --- 4. the web app ------------------------------------------------------------------------------------------------
app_port=$(free_port) || die "no free port"
base="http://127.0.0.1:$app_port"
log "web app (Release) on $base"
Urls="$base" Deadlines__Tracking=false Seed__Demo=false dotnet "$web_dll" > "$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 120); do
    curl -sf "$base/health" >/dev/null 2>&1 && break
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; die "the web app exited"; }
    sleep 0.5
done
curl -sf "$base/health" >/dev/null || { cat "$work/app.log" >&2; die "the web app does not answer /health"; }
sql -d otklik -c "select pg_stat_statements_reset()" > /dev/null

# --- 5. the load ---------------------------------------------------------------------------------------------------
# CPU time (clock ticks) of the app, of PostgreSQL (the postmaster, its live backends, and the backends it reaped)
# and of the whole machine, to say where ingestion's time went.
tick=$(getconf CLK_TCK)
pg_pid=$(head -n 1 "$pg_data/postmaster.pid")
app_ticks() { awk '{print $14 + $15}' "/proc/$app_pid/stat"; }
pg_ticks() {
    local total child
    total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pg_pid/stat")
    for child in $(pgrep -P "$pg_pid"); do
        total=$((total + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0)))
    done
    echo "$total"
}
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
seconds() { awk -v t="$1" -v hz="$tick" 'BEGIN {printf "%.1f", t / hz}'; }

log "ingesting $MESSAGES messages, $CONCURRENCY batches in flight"
phase_started=$SECONDS
app0=$(app_ticks); pg0=$(pg_ticks); all0=$(machine_ticks)
dotnet "$load_dll" --url "$base" --token "$token" --messages "$MESSAGES" --concurrency "$CONCURRENCY" | tee -a "$work/report-figures.txt"
app1=$(app_ticks); pg1=$(pg_ticks); all1=$(machine_ticks)
{
    echo "ingest: CPU over the run: web app $(seconds $((app1 - app0))) s, PostgreSQL $(seconds $((pg1 - pg0))) s," \
        "everything else (load tool, other processes) $(seconds $((all1 - all0 - (app1 - app0) - (pg1 - pg0)))) s;" \
        "$(nproc) cores x $((SECONDS - phase_started)) s wall"
} | tee -a "$work/report-figures.txt"

# What autovacuum would have done by now on a live system, then a backlog: OVERDUE_PERCENT of the incidents get
# their routing deadline moved three days back, so that overdue=true has something to find.
OVERDUE_PERCENT=${OVERDUE_PERCENT:-30}
sql -d otklik -c "vacuum analyze"
sql -d otklik -At -c "update \"Deadlines\" set \"StartedAt\" = \"StartedAt\" - interval '3 days', \"DueAt\" = \"DueAt\" - interval '3 days'
    where \"IncidentId\" % 100 < $OVERDUE_PERCENT" -c "analyze \"Deadlines\"" > /dev/null
echo "backlog: the routing deadline of $OVERDUE_PERCENT% of the incidents moved 3 days back (overdue)" | tee -a "$work/report-figures.txt"

log "incident list: $ITERATIONS calls of each variant"
dotnet "$load_dll" --url "$base" --messages 0 --login bench --password "$PASSWORD" --list-iterations "$ITERATIONS" --list-warmup "$WARMUP" \
    | tee -a "$work/report-figures.txt"
{
    echo "load ran $((SECONDS - phase_started)) s"
    sql -d otklik -At -F ' ' -c "select 'database: ' || (select count(*) from \"Incidents\") || ' incidents, '
        || (select count(*) from \"Messages\") || ' messages, ' || (select count(*) from \"Deadlines\") || ' deadlines, '
        || (select count(*) from \"History\") || ' history lines; ' || pg_size_pretty(pg_database_size('otklik'))"
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$work/report-figures.txt"

# --- 6. where the time went ---------------------------------------------------------------------------------------
sql -d otklik -P pager=off -c "
    select round(total_exec_time::numeric / 1000, 1) as total_s, calls,
           round(mean_exec_time::numeric, 2) as mean_ms, rows,
           left(regexp_replace(query, '\s+', ' ', 'g'), 150) as query
    from pg_stat_statements where dbid = (select oid from pg_database where datname = 'otklik')
    order by total_exec_time desc limit 15" > "$work/report-pg-stat-statements.txt"
echo "--- database time by statement (pg_stat_statements, ingestion and list) ---"
cat "$work/report-pg-stat-statements.txt"

log "EXPLAIN ANALYZE of the list queries (auto_explain, one call of each variant)"
sql -d otklik -c "alter system set auto_explain.log_min_duration = 0" -c "select pg_reload_conf()" > /dev/null
sleep 1
mark=$(wc -l < "$work/pg/server.log")
dotnet "$load_dll" --url "$base" --messages 0 --login bench --password "$PASSWORD" --list-iterations 1 --list-warmup 0 > /dev/null
sleep 1
sql -d otklik -c "alter system set auto_explain.log_min_duration = -1" -c "select pg_reload_conf()" > /dev/null
tail -n +"$((mark + 1))" "$work/pg/server.log" | sed -E 's/^[0-9-]+ [0-9:.]+ [A-Z]+ \[[0-9]+\] //' > "$work/report-plans.txt" || true
if [[ ${EXPLAIN:-0} == 1 ]]; then
    echo "--- plans ---"
    cat "$work/report-plans.txt"
else
    log "plans: $(grep -c 'duration:' "$work/report-plans.txt" || true) statements (EXPLAIN=1 prints them, OUT=dir keeps them)"
fi
log "done in $((SECONDS - started)) s"
if [[ -n ${HOLD:-} ]]; then
    log "HOLD: the app ($base) and PostgreSQL (psql -h 127.0.0.1 -p $pg_port -U postgres otklik) stay up for $HOLD s"
    sleep "$HOLD" &
    wait $!
fi
