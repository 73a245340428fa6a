#!/usr/bin/env bash
# HTTP load on the embedded defaults: requests/s and latency percentiles for get-by-id and search,
# with /health/live (no database, no index) as the framework baseline measured in the same run.
# Usage: bench/http-load.sh [candidates=300] [seconds=15] [connections=16]
# Needs wrk (Debian: apt-get install wrk). Loopback only. Results: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
candidates=${1:-300}
seconds=${2:-15}
connections=${3:-16}
port=5099
data=$(mktemp -d)
dotnet build -c Release src/Hosts/TalentMatch.Server -v q -nologo >/dev/null
TalentMatch__DataDirectory="$data" \
TalentMatch__RateLimit__RequestsPerSecond=1000000 TalentMatch__RateLimit__Burst=1000000 \
Logging__LogLevel__Default=Warning \
  dotnet src/Hosts/TalentMatch.Server/bin/Release/net10.0/TalentMatch.Server.dll --urls "http://127.0.0.1:$port" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
key=$(cat "$data/admin-key.txt")
auth="Authorization: Bearer $key"

echo "seeding $candidates candidates..."
skills=(PyTorch TensorFlow DeepSpeed vLLM Kubernetes CUDA Spark Kafka React LoRA RLHF Triton)
last=""
for i in $(seq 1 "$candidates"); do
  a=${skills[$((i % 12))]}; b=${skills[$(((i * 7) % 12))]}
  last=$(curl -fs -X POST "http://127.0.0.1:$port/v1/candidates" -H "$auth" -H 'Content-Type: text/plain' \
    --data-binary "Engineer $i: $((i % 9 + 1)) years of $a and $b; shipped ML systems to production." | sed -E 's/.*"id":"([^"]+)".*/\1/')
done
for _ in $(seq 1 600); do
  status=$(curl -fs "http://127.0.0.1:$port/v1/candidates/$last" -H "$auth" | sed -E 's/.*"status":"([a-z]+)".*/\1/')
  [ "$status" = indexed ] && break; sleep 0.5
done
echo "last candidate: $status"

run() { # name url
  echo "== $1"
  wrk -t2 -c"$connections" -d"${seconds}s" -s bench/percentiles.lua -H "$auth" "$2" | grep -E "Requests/sec|^p50|Non-2xx|Socket errors" || true
}
run "baseline /health/live" "http://127.0.0.1:$port/health/live"
run "GET /v1/candidates/{id}" "http://127.0.0.1:$port/v1/candidates/$last"
run "GET /v1/search/candidates?q=pytorch kubernetes" "http://127.0.0.1:$port/v1/search/candidates?q=pytorch%20kubernetes"
run "GET /v1/search/candidates?skills=distributed-training&facets=skills" "http://127.0.0.1:$port/v1/search/candidates?skills=distributed-training&facets=skills"
run "GET /v1/search/candidates?mode=hybrid&q=llm serving" "http://127.0.0.1:$port/v1/search/candidates?mode=hybrid&q=llm%20serving"
