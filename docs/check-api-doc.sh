#!/usr/bin/env bash
# Checks that docs/api.md runs as written: starts the web app on a fresh embedded (SQLite) database in a temp
# directory, on a free localhost port, waits for /health, then runs every ```sh block of the page, in order, in one
# bash with `set -euo pipefail`, and stops the app. Blocks preceded by a line `<!-- check-api-doc: skip ... -->`
# (starting and stopping the app) are not run: this script does that itself.
#
# Usage: bash docs/check-api-doc.sh [path/to/api.md]
# Needs: the .NET 10 SDK, curl (7.84+), jq. Exits 0 when every block ran clean, 1 when one failed (naming it and
# keeping the temp directory with the app's log), 2 when something is missing.
# KEEP=1 keeps the temp directory on success too.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
doc=${1:-docs/api.md}

for tool in dotnet curl jq awk timeout; do
    command -v "$tool" >/dev/null || { echo "check-api-doc: '$tool' is needed (jq: apt-get install -y jq)" >&2; exit 2; }
done
[[ -f $doc ]] || { echo "check-api-doc: no $doc" >&2; exit 2; }

started=$SECONDS
work=$(mktemp -d "${TMPDIR:-/tmp}/otklik-doc-check.XXXXXX")
app_pid=
ok=0
cleanup() {
    if [[ -n $app_pid ]] && kill -0 "$app_pid" 2>/dev/null; then
        kill "$app_pid" 2>/dev/null || true
        for _ in $(seq 30); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$app_pid" 2>/dev/null || true
    fi
    if [[ $ok == 1 && -z ${KEEP:-} ]]; then
        rm -rf "$work"
    else
        echo "check-api-doc: kept $work (app.log, doc.sh, doc.log)" >&2
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free port on 127.0.0.1: nothing answers there.
port=
for candidate in $(shuf -i 20000-60000 -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[[ -n $port ]] || { echo "check-api-doc: no free port found" >&2; exit 1; }

# The same settings the page exports in its first block; it keeps values already set.
export DOC_DIR="$work/data"
export BASE="http://127.0.0.1:$port"
export Seed__DemoPassword=Otklik-demo-2026
export ConnectionStrings__Otklik="Data Source=$DOC_DIR/otklik.db"
export Calendar__Directory="$DOC_DIR/calendars"
mkdir -p "$DOC_DIR"

# The app is built into the temp directory (bin and obj), so a build elsewhere in the checkout cannot replace
# its files while it runs.
echo "check-api-doc: building the web app" >&2
if ! dotnet build src/Otklik.Web --artifacts-path "$work/artifacts" -nologo -v quiet > "$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    echo "check-api-doc: the web app does not build" >&2
    exit 1
fi
web_dll=$(find "$work/artifacts/bin/Otklik.Web" -name Otklik.Web.dll -print -quit)

echo "check-api-doc: starting the app on $BASE with a fresh database in $DOC_DIR" >&2
Urls="$BASE" dotnet "$web_dll" > "$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 180); do
    if curl -sf "$BASE/health" > /dev/null 2>&1; then break; fi
    if ! kill -0 "$app_pid" 2>/dev/null; then
        tail -n 50 "$work/app.log" >&2
        echo "check-api-doc: the app exited before answering /health" >&2
        exit 1
    fi
    sleep 1
done
curl -sf "$BASE/health" > /dev/null || { tail -n 50 "$work/app.log" >&2; echo "check-api-doc: no /health after 180 s" >&2; exit 1; }
echo "check-api-doc: app up after $((SECONDS - started)) s" >&2

# Extract the blocks: each ```sh fence up to the closing ```, unless the last non-blank line before it is a
# skip marker. Each block is announced, and a failure names the block and its line in the page.
awk -v doc="$doc" '
    BEGIN {
        print "set -euo pipefail"
        print "trap '\''echo \"check-api-doc: FAILED in block $BLOCK ($BLOCK_AT)\" >&2'\'' ERR"
    }
    in_block && /^```[[:space:]]*$/ { in_block = 0; print ""; next }
    in_block { print; next }
    /^```sh[[:space:]]*$/ {
        if (skip) { skipping = 1; skip = 0; next }
        n++
        in_block = 1
        printf "BLOCK=%d; BLOCK_AT=\"%s line %d\"\n", n, doc, NR + 1
        printf "echo \"\"; echo \"### block %d (%s line %d)\"\n", n, doc, NR + 1
        next
    }
    skipping && /^```[[:space:]]*$/ { skipping = 0; next }
    skipping { next }
    /<!-- check-api-doc: skip/ { skip = 1; next }
    /[^[:space:]]/ { skip = 0 }
    END { printf "echo \"\"; echo \"check-api-doc: %d blocks ran clean\"\n", n }
' "$doc" > "$work/doc.sh"
blocks=$(grep -c '^BLOCK=' "$work/doc.sh" || true)
[[ $blocks -gt 0 ]] || { echo "check-api-doc: no \`\`\`sh blocks in $doc" >&2; exit 1; }

echo "check-api-doc: running $blocks blocks of $doc" >&2
set +e
( cd "$root" && timeout 900 bash "$work/doc.sh" ) 2>&1 | tee "$work/doc.log"
status=${PIPESTATUS[0]}
set -e
if [[ $status != 0 ]]; then
    echo "--- last lines of the app's log ---" >&2
    tail -n 30 "$work/app.log" >&2
    echo "check-api-doc: FAILED (exit $status) after $((SECONDS - started)) s" >&2
    exit 1
fi
ok=1
echo "check-api-doc: OK, $blocks blocks in $((SECONDS - started)) s" >&2
