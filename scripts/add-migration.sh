#!/usr/bin/env bash
# Adds an EF Core migration to one service's DbContext for every database provider
# (SQLite, SQL Server, PostgreSQL).
# Usage: scripts/add-migration.sh <service> <MigrationName>
#   service: api (ApiDbContext in src/Modules/TalentMatch.Modules.Api), matching (MatchingDbContext), notifications
#   (NotificationsDbContext) or insights (InsightsDbContext), each in src/Modules/TalentMatch.Modules.<Service>
# The test Every_provider_has_a_migration_for_the_current_model fails until this has been run.
set -euo pipefail
cd "$(dirname "$0")/.."
service=${1:?usage: scripts/add-migration.sh <api|matching|notifications|insights> MigrationName}
name=${2:?usage: scripts/add-migration.sh <api|matching|notifications|insights> MigrationName}
case "$service" in
  api) project=src/Modules/TalentMatch.Modules.Api; context=ApiDbContext; namespace=TalentMatch.Modules.Api.Persistence.Migrations ;;
  matching) project=src/Modules/TalentMatch.Modules.Matching; context=MatchingDbContext; namespace=TalentMatch.Modules.Matching.Persistence.Migrations ;;
  notifications) project=src/Modules/TalentMatch.Modules.Notifications; context=NotificationsDbContext; namespace=TalentMatch.Modules.Notifications.Persistence.Migrations ;;
  insights) project=src/Modules/TalentMatch.Modules.Insights; context=InsightsDbContext; namespace=TalentMatch.Modules.Insights.Persistence.Migrations ;;
  *) echo "unknown service '$service': api, matching, notifications or insights" >&2; exit 2 ;;
esac
dotnet tool restore >/dev/null
for provider in Sqlite SqlServer PostgreSql; do
  dotnet ef migrations add "$name" \
    --project "$project" \
    --context "${provider}${context}" \
    --output-dir "Persistence/Migrations/$provider" \
    --namespace "$namespace.$provider"
done
# With --namespace, dotnet-ef writes the model snapshot under a folder named after the namespace.
stray_root="$project/${namespace%%.*}"
for provider in Sqlite SqlServer PostgreSql; do
  stray="$project/$(echo "$namespace" | tr . /)/$provider"
  if [ -d "$stray" ]; then mv "$stray"/*.cs "$project/Persistence/Migrations/$provider/"; fi
done
rm -rf "$stray_root"
