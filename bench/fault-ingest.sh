#!/usr/bin/env bash
# Faults during ingestion (issue [7]): MESSAGES messages are posted to POST /api/messages in batches while the web app
# is killed with SIGKILL twice and PostgreSQL is restarted once; the sender, like a connector, retries every batch
# until each of its items is acknowledged (created or duplicate). At the end every message must be stored exactly
# once: none lost, none doubled. Everything on 127.0.0.1:
#   1. a throw-away PostgreSQL cluster (durable settings) and a Release build of the web app and the otklik command;
#   2. otklik migrate and an ingest token; the app on a free port (deadline tracking, triage and demo off);
#   3. bench/fault-sender.py posting the messages; meanwhile, at fixed fractions of the run, SIGKILL of the app and a
#      restart of it, a fast restart of PostgreSQL, a second SIGKILL and restart;
#   4. the counts in SQL: messages of this run, distinct (channel, external id), and the sender's acknowledgements;
#      the script exits non-zero unless stored = distinct = MESSAGES.
# Usage: bash bench/fault-ingest.sh        Settings: MESSAGES=100000 BATCH=500 DEADLINE=1500 (seconds, the whole run)
# Needs: the .NET 10 SDK, PostgreSQL server binaries (Debian: apt-get install postgresql), psql, curl, python3.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
MESSAGES=${MESSAGES:-100000}
BATCH=${BATCH:-500}
DEADLINE=${DEADLINE:-1500}
started=$SECONDS
log() { echo "fault-ingest: $*" >&2; }
die() { log "$*"; exit 1; }

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[[ -n $pg_bin && -x $pg_bin/initdb ]] || die "PostgreSQL server binaries not found (apt-get install postgresql)"
psql=$(command -v psql || echo "$pg_bin/psql")
for tool in dotnet curl python3 "$psql"; do command -v "$tool" >/dev/null || die "'$tool' is needed"; done
as_pg=()
[[ $(id -u) -ne 0 ]] || as_pg=(runuser -u postgres --)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

work=$(mktemp -d "${TMPDIR:-/tmp}/otklik-fault.XXXXXX")
chmod 755 "$work"
pg_data="$work/pg/data"
app_pid=
sender_pid=
stop_app() {
    if [[ -n $app_pid ]] && kill -0 "$app_pid" 2>/dev/null; then kill -9 "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
    app_pid=
}
cleanup() {
    local code=$?
    [[ -z $sender_pid ]] || kill "$sender_pid" 2>/dev/null || true
    stop_app
    [[ ! -f $pg_data/postmaster.pid ]] || "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    [[ -z ${OUT:-} ]] || { mkdir -p "$OUT"; cp "$work"/*.log "$work/pg/server.log" "$OUT"/ 2>/dev/null || true; }
    rm -rf "$work"
    exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- 1. PostgreSQL and the build --------------------------------------------------------------------------------------
pg_port=$(free_port)
mkdir -p "$work/pg/socket" && chmod 700 "$work/pg" "$work/pg/socket"
[[ ${#as_pg[@]} -eq 0 ]] || chown -R postgres:postgres "$work/pg"
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 --no-locale > "$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; die "initdb failed"; }
printf "listen_addresses = '127.0.0.1'\nmax_connections = 200\nshared_buffers = 512MB\n" >> "$pg_data/postgresql.conf"
pg_ctl() { "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -o "-p $pg_port -k $work/pg/socket" -l "$work/pg/server.log" -w -t 60 "$@" > /dev/null; }
pg_ctl start || { cat "$work/pg/server.log" >&2; die "PostgreSQL did not start"; }
sql() { "$psql" -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -t -A -v ON_ERROR_STOP=1 "$@"; }
sql -d postgres -c "create database otklik"
log "building Release into $work/artifacts"
for project in src/Otklik.Web src/Otklik.Cli; do
    dotnet build "$project" -c Release --artifacts-path "$work/artifacts" -nologo -v quiet > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; die "build of $project failed"; }
done
web_dll=$(find "$work/artifacts/bin/Otklik.Web" -name Otklik.Web.dll -print -quit)
cli_dll=$(find "$work/artifacts/bin/Otklik.Cli" -name otklik.dll -print -quit)

# --- 2. schema, token, app --------------------------------------------------------------------------------------------
export Database__Provider=Postgres
export ConnectionStrings__Otklik="Host=127.0.0.1;Port=$pg_port;Database=otklik;Username=postgres;Maximum Pool Size=50"
export Calendar__Directory="$work/calendars"
dotnet "$cli_dll" migrate >&2
token=$(dotnet "$cli_dll" token create --name fault-sender --scope ingest)
app_port=$(free_port)
base="http://127.0.0.1:$app_port"
start_app() {
    Urls="$base" Deadlines__Tracking=false Triage__Enabled=false Seed__Demo=false Logging__LogLevel__Default=Warning \
        dotnet "$web_dll" >> "$work/app.log" 2>&1 &
    app_pid=$!
    for _ in $(seq 240); do curl -sf "$base/health" >/dev/null 2>&1 && return 0; sleep 0.25; done
    die "the web app did not come up (see app.log)"
}
start_app
log "app on $base, PostgreSQL on $pg_port; posting $MESSAGES messages in batches of $BATCH"

# --- 3. the sender and the faults ---------------------------------------------------------------------------------------
python3 bench/fault-sender.py "$base" "$token" "$MESSAGES" "$BATCH" "$work/progress" > "$work/sender.log" 2>&1 &
sender_pid=$!
acked() { local v; v=$(cat "$work/progress" 2>/dev/null || true); echo "${v:-0}"; }
wait_for() { # wait until the sender has this many acknowledged, or it ended
    while kill -0 "$sender_pid" 2>/dev/null && (( $(acked) < $1 )); do
        (( SECONDS - started < DEADLINE )) || die "out of time at $(acked) acknowledged"
        sleep 0.5
    done
}
wait_for $((MESSAGES * 20 / 100)); log "fault 1 at $(acked) acknowledged: SIGKILL of the app"; stop_app; sleep 3; start_app
wait_for $((MESSAGES * 45 / 100)); log "fault 2 at $(acked) acknowledged: PostgreSQL restarted (fast)"; pg_ctl -m fast restart
wait_for $((MESSAGES * 70 / 100)); log "fault 3 at $(acked) acknowledged: SIGKILL of the app"; stop_app; sleep 3; start_app
while kill -0 "$sender_pid" 2>/dev/null; do (( SECONDS - started < DEADLINE )) || die "out of time at $(acked) acknowledged"; sleep 1; done
wait "$sender_pid" || { cat "$work/sender.log" >&2; die "the sender failed"; }
sender_pid=

# --- 4. the counts -----------------------------------------------------------------------------------------------------
stored=$(sql -d otklik -c "select count(*) from \"Messages\" where \"ExternalId\" like 'fault-%'")
distinct=$(sql -d otklik -c "select count(distinct (\"Channel\", \"ExternalId\")) from \"Messages\" where \"ExternalId\" like 'fault-%'")
tail -n 3 "$work/sender.log" >&2
echo "messages posted: $MESSAGES; acknowledged: $(acked); stored: $stored; distinct: $distinct; lost: $((MESSAGES - distinct)); doubled: $((stored - distinct)); $((SECONDS - started)) s"
[[ $stored -eq $MESSAGES && $distinct -eq $MESSAGES ]] || die "FAILED: not every message stored exactly once"
