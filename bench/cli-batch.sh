#!/usr/bin/env bash
# Times `otklik sla add` in batch mode: N instants (default 1,000,000) over 2020-2027 through standard input.
# Usage: bash bench/cli-batch.sh [N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
n=${1:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release src/Otklik.Cli -o "$work/cli" -v quiet -nologo >/dev/null
python3 - "$n" > "$work/in.txt" <<'PY'
import random, sys, datetime
random.seed(42)
start = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
span = int((datetime.datetime(2027, 10, 1, tzinfo=datetime.timezone.utc) - start).total_seconds() // 60)
out = sys.stdout
for _ in range(int(sys.argv[1])):
    t = start + datetime.timedelta(minutes=random.randrange(span))
    out.write(t.strftime('%Y-%m-%dT%H:%M:%SZ') + '\n')
PY
echo "lines: $(wc -l < "$work/in.txt")"
for op in "--working-minutes 240" "--working-days 7"; do
    s=$(date +%s.%N)
    # shellcheck disable=SC2086
    dotnet "$work/cli/otklik.dll" sla add --zone Europe/Moscow $op < "$work/in.txt" > "$work/out.txt"
    e=$(date +%s.%N)
    echo "sla add $op: $(wc -l < "$work/out.txt") results in $(echo "$e - $s" | bc) s"
done
