#!/usr/bin/env bash
# Times `otklik import portal` of a generated CSV export (N appeals, default 10,000) into a fresh SQLite file of a
# Leningrad region, with the triage off and on, then the same file again (all duplicates), then the answers export.
# Usage: bash bench/portal-import.sh [N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
n=${1:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release src/Otklik.Cli -o "$work/cli" -v quiet -nologo >/dev/null
python3 - "$n" > "$work/export.csv" <<'PY'
import random, sys
random.seed(7)
cats = [("ЖКХ", "Вывоз мусора"), ("ЖКХ", "Отопление"), ("Дороги", "Ямы на дорогах"), ("Благоустройство", "Освещение")]
towns = ["Всеволожск", "Гатчина", "Кировск", "Тосно", "Выборг", "Луга"]
print("Номер обращения;Дата регистрации;Категория;Подкатегория;Текст обращения;Заявитель;Контакты заявителя;Адрес;Широта;Долгота;Ускоренное рассмотрение;Статус")
for i in range(int(sys.argv[1])):
    c, s = random.choice(cats)
    t = random.choice(towns)
    d, h, m = random.randint(1, 28), random.randint(8, 20), random.randint(0, 59)
    text = f"Обращение {i}: {s.lower()} в городе {t}, дом {random.randint(1, 99)}, прошу принять меры в ближайшее время."
    print(f"{9000000000 + i};{d:02d}.10.2024 {h:02d}:{m:02d};{c};{s};\"{text}\";Житель {i};+7 900 {i:07d};Ленинградская обл., г. {t};{59 + random.random():.4f};{29 + random.random() * 3:.4f};{'да' if i % 7 == 0 else 'нет'};Зарегистрировано")
PY
echo "rows: $(($(wc -l < "$work/export.csv") - 1))"
run() {
    local label=$1; shift
    local s e
    s=$(date +%s.%N)
    "$@" > "$work/out.txt" 2> "$work/err.txt" || true
    e=$(date +%s.%N)
    echo "$label: $(head -c 200 "$work/out.txt" | head -1) in $(echo "$e - $s" | bc) s"
}
for triage in false true; do
    export ConnectionStrings__Otklik="Data Source=$work/otklik-$triage.db" Region__Profile=leningrad Triage__Enabled=$triage
    dotnet "$work/cli/otklik.dll" migrate > /dev/null
    run "import (triage $triage)" dotnet "$work/cli/otklik.dll" import portal --file "$work/export.csv"
    run "import again (triage $triage)" dotnet "$work/cli/otklik.dll" import portal --file "$work/export.csv"
done
run "export portal-answers" dotnet "$work/cli/otklik.dll" export portal-answers --since 01.01.2024
