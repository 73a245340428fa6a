#!/usr/bin/env bash
# Issue 15's hostile uploads over HTTP against the embedded host, with its production limits: for each,
# the outcome, another tenant's GET /v1/candidates/{id} latency during it (baseline in the same run),
# the time until the host's CPU is idle again after the answer, and its resident memory growth.
# Usage: bench/hostile-uploads.sh [Release|Debug] (default Release). Linux only (reads /proc). Loopback only.
# Results: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
port=5098
configuration=${1:-Release}
data=$(mktemp -d)
dotnet build -c "$configuration" src/Hosts/TalentMatch.Server -v q -nologo >/dev/null
dotnet build -c "$configuration" bench/TalentMatch.Bench -v q -nologo >/dev/null
server_dll=src/Hosts/TalentMatch.Server/bin/$configuration/net10.0/TalentMatch.Server.dll
TalentMatch__DataDirectory="$data" Logging__LogLevel__Default=Warning \
  dotnet "$server_dll" --urls "http://127.0.0.1:$port" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
attacker=$(cat "$data/admin-key.txt")
victim=$(TalentMatch__DataDirectory="$data" Logging__LogLevel__Default=Warning dotnet "$server_dll" bootstrap other-tenant 2>/dev/null | grep -o 'tm_[A-Za-z0-9_-]*' | head -1)
dotnet "bench/TalentMatch.Bench/bin/$configuration/net10.0/talentmatch-bench.dll" hostile-uploads \
  --url "http://127.0.0.1:$port" --attacker-key "$attacker" --victim-key "$victim" --pid "$server"
