#!/usr/bin/env bash
# Public voting under load on this machine, against PostgreSQL, everything on 127.0.0.1:
#   1. a throw-away PostgreSQL cluster (initdb + pg_ctl under a temp dir, a free port; as user postgres via runuser
#      when run as root);
#   2. a Release build of the web app, the otklik command and bench/Otklik.Load (into the temp dir);
#   3. otklik migrate and otklik seed --demo (the demo's voting officer `voting` and curator `curator`);
#   4. the web app in Release on a free port, its SMS gateway (Voting__Sms__Url) pointed at the load tool's own
#      gateway on 127.0.0.1, the per-IP limits OFF (every simulated citizen comes from 127.0.0.1; the per-contact
#      limit of 3 codes an hour stays on), deadline tracking off;
#   5. otklik-load --votes VOTES --concurrency CONCURRENCY: the officer creates a budget vote, the curator approves it,
#      then VOTES citizens (each a new phone) ask for a code and cast a ballot; 1% try a second time and must be
#      refused; votes/s, p50/p95/p99 per vote and per request; the officer's turnout must equal the accepted ballots;
#   6. the database checked by SQL: participations = ballots = accepted, no voter key twice, choices per ballot;
#   7. cleanup (trap): the app and the cluster are stopped and the temp dir deleted, whatever happened.
#
# Usage: bash bench/vote-load.sh
# Settings (environment): VOTES=200000 CONCURRENCY=64 PG_FAST=0 (1: fsync and synchronous_commit off) OUT=dir (keep logs)
#   ARTIFACTS=dir  build into dir and keep it (an incremental build on the next run)
# Needs: the .NET 10 SDK, PostgreSQL server binaries (Debian: apt-get install postgresql), psql, curl.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

VOTES=${VOTES:-200000}
CONCURRENCY=${CONCURRENCY:-64}
PASSWORD=Bench-pass-2026
started=$SECONDS

log() { echo "vote-load: $*" >&2; }
die() { log "$*"; exit 1; }

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

work=$(mktemp -d "${TMPDIR:-/tmp}/otklik-vote-load.XXXXXX")
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
    fi
    rm -rf "$work"
    exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

{
    echo "machine: $(nproc) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)), $(free -g | awk '/^Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME")"
    echo "software: .NET $(dotnet --version), $("$pg_bin/postgres" --version)"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "settings: VOTES=$VOTES CONCURRENCY=$CONCURRENCY PG_FAST=${PG_FAST:-0}; per-IP limits off, 3 codes per contact an hour"
} | tee "$work/report-figures.txt"

# --- 1. PostgreSQL -------------------------------------------------------------------------------------------------
pg_port=$(free_port) || die "no free port"
mkdir -p "$work/pg/socket"
chmod 700 "$work/pg" "$work/pg/socket"
[[ ${#as_pg[@]} -eq 0 ]] || chown -R postgres:postgres "$work/pg"
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync > "$work/pg/initdb.log" 2>&1 \
    || { rm -rf "$pg_data"; "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 --no-locale --no-sync > "$work/pg/initdb.log" 2>&1; } \
    || { cat "$work/pg/initdb.log" >&2; die "initdb failed"; }
{
    echo "listen_addresses = '127.0.0.1'"
    echo "max_connections = 200"
    echo "shared_buffers = 1GB"
    if [[ ${PG_FAST:-0} == 1 ]]; then
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
    fi
} >> "$pg_data/postgresql.conf"
log "PostgreSQL: starting on 127.0.0.1:$pg_port"
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -o "-p $pg_port -k $work/pg/socket" -l "$work/pg/server.log" -w -t 60 start > /dev/null \
    || { cat "$work/pg/server.log" >&2; die "PostgreSQL did not start"; }
sql() { "$psql" -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -v ON_ERROR_STOP=1 "$@"; }
sql -d postgres -c "create database otklik"

# --- 2. Release build ----------------------------------------------------------------------------------------------
artifacts=${ARTIFACTS:-$work/artifacts}
log "building Release (web app, otklik, otklik-load) into $artifacts"
for project in src/Otklik.Web src/Otklik.Cli bench/Otklik.Load; do
    dotnet build "$project" -c Release --artifacts-path "$artifacts" -nologo -v quiet > "$work/build.log" 2>&1 \
        || { cat "$work/build.log" >&2; die "build of $project failed"; }
done
web_dll=$(find "$artifacts/bin/Otklik.Web" -name Otklik.Web.dll -print -quit)
cli_dll=$(find "$artifacts/bin/Otklik.Cli" -name otklik.dll -print -quit)
load_dll=$(find "$artifacts/bin/Otklik.Load" -name otklik-load.dll -print -quit)

# --- 3. schema and the demo's people ---------------------------------------------------------------------------------
export Database__Provider=Postgres
export ConnectionStrings__Otklik="Host=127.0.0.1;Port=$pg_port;Database=otklik;Username=postgres;Maximum Pool Size=100"
export Calendar__Directory="$work/calendars"
dotnet "$cli_dll" migrate >&2
dotnet "$cli_dll" seed --demo --password "$PASSWORD" > /dev/null

# --- 4. the web app ------------------------------------------------------------------------------------------------
app_port=$(free_port) || die "no free port"
sms_port=$(free_port) || die "no free port"
base="http://127.0.0.1:$app_port"
log "web app (Release) on $base, SMS gateway on 127.0.0.1:$sms_port"
Urls="$base" Deadlines__Tracking=false Seed__Demo=false Logging__LogLevel__Default=Warning \
    Voting__Sms__Url="http://127.0.0.1:$sms_port/send" Voting__ContactKey="$(head -c 32 /dev/urandom | base64)" \
    Voting__RateLimits__CodesPerIpPerHour=0 Voting__RateLimits__BallotsPerIpPerMinute=0 \
    dotnet "$web_dll" > "$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 120); do
    curl -sf "$base/health" >/dev/null 2>&1 && break
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; die "the web app exited"; }
    sleep 0.5
done
curl -sf "$base/health" >/dev/null || { cat "$work/app.log" >&2; die "the web app does not answer /health"; }

# --- 5. the load ---------------------------------------------------------------------------------------------------
tick=$(getconf CLK_TCK)
pg_pid=$(head -n 1 "$pg_data/postmaster.pid")
app_ticks() { awk '{print $14 + $15}' "/proc/$app_pid/stat"; }
pg_ticks() {
    local total child
    total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pg_pid/stat")
    for child in $(pgrep -P "$pg_pid"); do total=$((total + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0))); done
    echo "$total"
}
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
seconds() { awk -v t="$1" -v hz="$tick" 'BEGIN {printf "%.1f", t / hz}'; }
log "$VOTES votes, $CONCURRENCY at a time"
phase_started=$SECONDS
app0=$(app_ticks); pg0=$(pg_ticks); all0=$(machine_ticks)
status=0
dotnet "$load_dll" --url "$base" --messages 0 --votes "$VOTES" --concurrency "$CONCURRENCY" --officer voting --curator curator \
    --password "$PASSWORD" --sms-port "$sms_port" | tee -a "$work/report-figures.txt" || status=$?
app1=$(app_ticks); pg1=$(pg_ticks); all1=$(machine_ticks)
echo "vote: CPU over the run: web app $(seconds $((app1 - app0))) s, PostgreSQL $(seconds $((pg1 - pg0))) s," \
    "everything else (load tool, other processes) $(seconds $((all1 - all0 - (app1 - app0) - (pg1 - pg0)))) s; $(nproc) cores x $((SECONDS - phase_started)) s wall" \
    | tee -a "$work/report-figures.txt"

# --- 6. the database -----------------------------------------------------------------------------------------------
sql -d otklik -At -F ' ' -c "
    select 'database: ' || (select count(*) from \"VoteParticipation\") || ' participations, '
        || (select count(*) from \"VoteBallot\") || ' ballots, '
        || (select count(*) from \"VoteChoice\") || ' choices, '
        || (select count(*) - count(distinct (\"EventId\", \"VoterKey\")) from \"VoteParticipation\") || ' voter keys twice, '
        || (select count(*) from \"VoteCode\") || ' codes, '
        || (select count(*) from \"VoteLog\") || ' audit lines; '
        || pg_size_pretty(pg_database_size('otklik'))" | tee -a "$work/report-figures.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$work/report-figures.txt"
log "done in $((SECONDS - started)) s"
exit "$status"
