#!/usr/bin/env bash
# Adds an EF Core migration named $1 for every database provider (SQLite, SQL Server, PostgreSQL).
# Usage: scripts/add-migration.sh AddCandidateNames
# The test Every_provider_has_a_migration_for_the_current_model fails until this has been run.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh MigrationName}
project=src/TalentMatch.Api
dotnet tool restore >/dev/null
for provider in Sqlite SqlServer PostgreSql; do
  dotnet ef migrations add "$name" \
    --project "$project" \
    --context "${provider}ApiDbContext" \
    --output-dir "Persistence/Migrations/$provider" \
    --namespace "TalentMatch.Api.Persistence.Migrations.$provider"
done
# With --namespace, dotnet-ef writes the model snapshot under a folder named after the namespace.
for provider in Sqlite SqlServer PostgreSql; do
  stray="$project/TalentMatch/Api/Persistence/Migrations/$provider"
  if [ -d "$stray" ]; then mv "$stray"/*.cs "$project/Persistence/Migrations/$provider/"; fi
done
rm -rf "$project/TalentMatch"
