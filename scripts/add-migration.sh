#!/usr/bin/env bash
# Adds a migration of the same name to both providers' projects (generated code, never edited by hand).
#   bash scripts/add-migration.sh Connectors
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
name=${1:?usage: scripts/add-migration.sh Name}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
    dotnet ef migrations add "$name" --project "src/Otklik.Migrations.$provider" \
        --startup-project "src/Otklik.Migrations.$provider" --output-dir Migrations
done
