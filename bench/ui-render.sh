#!/usr/bin/env bash
# How fast the feed and the incident card render on the demo data, in the real Chromium:
#   1. a Release build of the web app and bench/Otklik.UiTiming;
#   2. the app on a free port with a fresh SQLite file and the demo (300 messages, 14 bodies) seeded at start;
#   3. otklik-ui-timing: signs in as the operator, opens /feed RUNS+1 times and RUNS incident cards, each timed from
#      the navigation's start until the interactive page is connected and its heading is visible (first visit apart);
#   4. cleanup (trap).
# Usage: bash bench/ui-render.sh      Settings: RUNS=20
#        bash bench/ui-render.sh --screenshots docs/screenshots    (the README's pictures, on the same demo)
#        BASE_URL=http://localhost:5080 bash bench/ui-render.sh --screenshots docs/screenshots
#            (against an app already running, e.g. started by the README's `dotnet run --project src/Otklik.Web`,
#             whose demo users have the default password otklik-demo-2026 unless PASSWORD says otherwise)
# Needs: the .NET 10 SDK and Chromium at /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${RUNS:-20}
if [[ -n ${BASE_URL:-} ]]; then
    dotnet build -c Release bench/Otklik.UiTiming -o "${TMPDIR:-/tmp}/otklik-ui-timing" -v q -nologo >/dev/null
    exec dotnet "${TMPDIR:-/tmp}/otklik-ui-timing/otklik-ui-timing.dll" "$BASE_URL" "${PASSWORD:-otklik-demo-2026}" "$RUNS" "$@"
fi
PASSWORD=Ui-timing-2026
tmp=$(mktemp -d "${TMPDIR:-/tmp}/otklik-ui.XXXXXX")
app_pid=
cleanup() { [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

dotnet publish -c Release src/Otklik.Web -o "$tmp/web" -v q -nologo >/dev/null
dotnet build -c Release bench/Otklik.UiTiming -o "$tmp/timing" -v q -nologo >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$tmp" && Urls="http://127.0.0.1:$port" ConnectionStrings__Otklik="Data Source=$tmp/otklik.db" \
    Seed__Demo=true Seed__DemoPassword="$PASSWORD" Calendar__Directory="$tmp/calendars" Logging__LogLevel__Default=Warning \
    exec dotnet "$tmp/web/Otklik.Web.dll" >"$tmp/app.log" 2>&1) &
app_pid=$!
for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 1
done
curl -fs "http://127.0.0.1:$port/health" >/dev/null || { cat "$tmp/app.log" >&2; echo "ui-render: the app did not start" >&2; exit 1; }
dotnet "$tmp/timing/otklik-ui-timing.dll" "http://127.0.0.1:$port" "$PASSWORD" "$RUNS" "$@"
