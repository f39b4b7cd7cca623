#!/usr/bin/env bash
# Connectors throughput: COMMENTS VK comments (on 20 community posts) from the local VK stand-in through
# `otklik connectors poll --once` into a throw-away PostgreSQL, everything on 127.0.0.1:
#   1. a throw-away PostgreSQL cluster (initdb + pg_ctl under a temp dir, a free port; as user postgres when root);
#   2. a Release build of the otklik command and the stand-ins (tests/Otklik.FakeNetworks) into the temp dir;
#   3. the stand-ins on a free port with COMMENTS comments; otklik migrate; source add vk-wall --owner-id -77777;
#   4. `otklik connectors poll --once`, timed (wall clock of the process, and the stored count checked in SQL);
#   5. a second poll --once (nothing new: the cost of a poll that finds nothing);
#   6. cleanup (trap): the stand-ins and the cluster are stopped and the temp dir deleted.
# Usage: bash bench/connectors-poll.sh
# Settings (environment): COMMENTS=10000  TRIAGE=1 (the whole triage on each message; 0: off)  PG_FAST=1 (fsync off)
# Needs: the .NET 10 SDK, PostgreSQL server binaries (Debian: apt-get install postgresql), psql.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
COMMENTS=${COMMENTS:-10000}
TRIAGE=${TRIAGE:-1}
log() { echo "connectors-poll: $*" >&2; }
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

work=$(mktemp -d "${TMPDIR:-/tmp}/otklik-connectors.XXXXXX")
chmod 755 "$work"
pg_data="$work/pg/data"
fake_pid=
cleanup() {
    local code=$?
    [[ -n $fake_pid ]] && kill "$fake_pid" 2>/dev/null || true
    [[ -f $pg_data/postmaster.pid ]] && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    rm -rf "$work"
    exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "machine: $(nproc) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)), .NET $(dotnet --version), $("$pg_bin/postgres" --version)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); COMMENTS=$COMMENTS TRIAGE=$TRIAGE PG_FAST=${PG_FAST:-0}"

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

log "building Release (otklik, stand-ins)"
for project in src/Otklik.Cli tests/Otklik.FakeNetworks; do
    dotnet build "$project" -c Release --artifacts-path "$work/artifacts" -nologo -v quiet > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; die "build of $project failed"; }
done
cli_dll=$(find "$work/artifacts/bin/Otklik.Cli" -name otklik.dll -print -quit)
fake_dll=$(find "$work/artifacts/bin/Otklik.FakeNetworks" -name Otklik.FakeNetworks.dll -print -quit)

fake_port=$(free_port) || die "no free port"
dotnet "$fake_dll" --port "$fake_port" --vk-comments "$COMMENTS" > "$work/fake.log" 2>&1 &
fake_pid=$!
for _ in $(seq 60); do grep -q "^export" "$work/fake.log" 2>/dev/null && break; sleep 0.5; done
eval "$(grep '^export' "$work/fake.log")"
export Database__Provider=Postgres
export ConnectionStrings__Otklik="Host=127.0.0.1;Port=$pg_port;Database=otklik;Username=postgres"
export Calendar__Directory="$work/calendars"
export Triage__Enabled=$([[ $TRIAGE == 1 ]] && echo true || echo false)
otklik() { dotnet "$cli_dll" "$@"; }
otklik migrate >&2
otklik source add vk-wall --owner-id -77777 --name "Стена администрации (стенд)" >&2

start=$(date +%s.%N)
otklik connectors poll --once
end=$(date +%s.%N)
stored=$(sql -d otklik -c 'select count(*) from "Messages"')
comments=$(sql -d otklik -c 'select count(*) from "Messages" where "ReplyTo" is not null')
incidents=$(sql -d otklik -c 'select count(*) from "Incidents"')
seconds=$(echo "$end - $start" | bc -l)
printf 'first poll: %d messages stored (%d comments, %d posts; %d incidents) in %.1f s = %.0f messages/s (process start included)\n' \
    "$stored" "$comments" "$((stored - comments))" "$incidents" "$seconds" "$(echo "$stored / $seconds" | bc -l)"
[[ $comments -eq $COMMENTS ]] || die "expected $COMMENTS comments stored, found $comments"
start=$(date +%s.%N)
otklik connectors poll --once
end=$(date +%s.%N)
printf 'second poll (nothing new): %.1f s\n' "$(echo "$end - $start" | bc -l)"
