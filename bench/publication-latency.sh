#!/usr/bin/env bash
# Publication latency (Stavropol 753-п clause 14: the answer within 30 minutes of approval): from the curator's approval
# to the network's confirmation of the comment, through the outbox job, against the local VK stand-in, on 127.0.0.1:
#   1. a throw-away PostgreSQL cluster (as in bench/connectors-poll.sh);
#   2. Release builds of the web app, the otklik command, the stand-ins and bench/Otklik.Load into the temp dir;
#   3. the stand-ins (20 community posts on wall -77777); otklik migrate, seed --demo (the bodies), a curator and an
#      executor of minzhkh, an ingestion token, the body's VK account (the stand-in's token);
#   4. the web app with Publication__Mode=OnApproval (the approval queues the answer in its transaction) and the
#      job's PollMilliseconds=POLL_MS, connectors' polling off;
#   5. otklik-load --publications ANSWERS: each answer routed, drafted and approved over the API, one after another,
#      and read until confirmed: the server's queuedAt → confirmedAt and the client's approve → confirmed seen;
#   6. cleanup (trap).
# Usage: bash bench/publication-latency.sh        Settings: ANSWERS=50 POLL_MS=1000 PG_FAST=1
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ANSWERS=${ANSWERS:-50}
POLL_MS=${POLL_MS:-1000}
PASSWORD=bench-parol-2026
log() { echo "publication-latency: $*" >&2; }
die() { log "$*"; exit 1; }

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if command -v initdb >/dev/null 2>&1; then pg_bin=$(dirname "$(readlink -f "$(command -v initdb)")"); fi
[[ -n $pg_bin && -x $pg_bin/initdb ]] || die "PostgreSQL server binaries not found (apt-get install postgresql)"
psql=$(command -v psql || echo "$pg_bin/psql")
as_pg=()
if [[ $(id -u) -eq 0 ]]; then as_pg=(runuser -u postgres --); fi
free_port() {
    local p
    for p in $(shuf -i 20000-60000 -n 100); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
    done
    return 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/otklik-publication.XXXXXX")
chmod 755 "$work"
pg_data="$work/pg/data"
fake_pid=
app_pid=
cleanup() {
    local code=$?
    [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null || true
    [[ -n $fake_pid ]] && kill "$fake_pid" 2>/dev/null || true
    [[ -f $pg_data/postmaster.pid ]] && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    rm -rf "$work"
    exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "machine: $(nproc) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)), .NET $(dotnet --version), $("$pg_bin/postgres" --version)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); ANSWERS=$ANSWERS POLL_MS=$POLL_MS PG_FAST=${PG_FAST:-0}"

pg_port=$(free_port) || die "no free port"
mkdir -p "$work/pg/socket" && chmod 700 "$work/pg" "$work/pg/socket"
[[ ${#as_pg[@]} -eq 0 ]] || chown -R postgres:postgres "$work/pg"
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 --no-locale --no-sync > "$work/pg/initdb.log" 2>&1 || die "initdb failed"
{
    echo "listen_addresses = '127.0.0.1'"
    echo "shared_buffers = 512MB"
    if [[ ${PG_FAST:-0} == 1 ]]; then echo "fsync = off"; echo "synchronous_commit = off"; fi
} >> "$pg_data/postgresql.conf"
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -o "-p $pg_port -k $work/pg/socket" -l "$work/pg/server.log" -w -t 60 start > /dev/null || die "PostgreSQL did not start"
sql() { "$psql" -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -t -A -v ON_ERROR_STOP=1 "$@"; }
sql -d postgres -c "create database otklik"

log "building Release (web app, otklik, stand-ins, otklik-load)"
for project in src/Otklik.Web src/Otklik.Cli tests/Otklik.FakeNetworks bench/Otklik.Load; do
    dotnet build "$project" -c Release --artifacts-path "$work/artifacts" -nologo -v quiet > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; die "build of $project failed"; }
done
web_dll=$(find "$work/artifacts/bin/Otklik.Web" -name Otklik.Web.dll -print -quit)
cli_dll=$(find "$work/artifacts/bin/Otklik.Cli" -name otklik.dll -print -quit)
fake_dll=$(find "$work/artifacts/bin/Otklik.FakeNetworks" -name Otklik.FakeNetworks.dll -print -quit)
load_dll=$(find "$work/artifacts/bin/Otklik.Load" -name otklik-load.dll -print -quit)

fake_port=$(free_port) || die "no free port"
dotnet "$fake_dll" --port "$fake_port" --vk-comments 0 > "$work/fake.log" 2>&1 &
fake_pid=$!
for _ in $(seq 60); do grep -q "^export" "$work/fake.log" 2>/dev/null && break; sleep 0.5; done
eval "$(grep '^export' "$work/fake.log")"
export Database__Provider=Postgres
export ConnectionStrings__Otklik="Host=127.0.0.1;Port=$pg_port;Database=otklik;Username=postgres"
export Calendar__Directory="$work/calendars"
export Triage__Enabled=false
otklik() { dotnet "$cli_dll" "$@"; }
otklik migrate >&2
otklik seed --demo >&2
otklik user create --login bench-curator --password "$PASSWORD" --role Curator >&2
otklik user create --login bench-exec --password "$PASSWORD" --role Executor --body minzhkh >&2
token=$(otklik token create --name publication-bench --scope ingest)
printf '%s' "$Connectors__Vk__ServiceToken" > "$work/vk-token"
otklik account add --body minzhkh --channel vk --external-id 77777 --name "Минжкх (стенд)" --token-file "$work/vk-token" >&2
body_id=$(sql -d otklik -c "select \"Id\" from \"Bodies\" where \"Code\" = 'minzhkh'")

app_port=$(free_port) || die "no free port"
base="http://127.0.0.1:$app_port"
Urls="$base" Deadlines__Tracking=false Seed__Demo=false Connectors__Enabled=false Publication__Mode=OnApproval \
    Publication__PollMilliseconds="$POLL_MS" dotnet "$web_dll" > "$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 120); do
    curl -sf "$base/health" >/dev/null 2>&1 && break
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; die "the web app exited"; }
    sleep 0.5
done
dotnet "$load_dll" --url "$base" --token "$token" --messages 0 --publications "$ANSWERS" --login bench-curator --executor bench-exec \
    --password "$PASSWORD" --body-id "$body_id" || { tail -n 40 "$work/app.log" >&2; die "the run failed"; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
