#!/usr/bin/env bash
# Server render time of the console's main pages with N candidates indexed (issue 18: < 200 ms).
# Starts the embedded server (Release, the README's `dotnet run` set-up), ingests N real resumes
# through the API (talentmatch-bench ingest), creates two jobs, signs in through the sign-in form,
# then requests each page R times in a row and prints Markdown: median and p95 of the time from
# request to last byte (curl on loopback: server time plus the page's transfer), and the page size.
# Usage: bench/console.sh [candidates=10000] [requests=30]. Results: docs/benchmarks.md, "Console".
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
requests=${2:-30}
port=5391
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release src/Hosts/TalentMatch.Server -v q -nologo >/dev/null
dotnet build -c Release bench/TalentMatch.Bench -v q -nologo >/dev/null
export TalentMatch__Telemetry__PrometheusEndpoint=true # talentmatch-bench ingest reads stage times from /metrics
export TalentMatch__RateLimit__RequestsPerSecond=1000000 TalentMatch__RateLimit__Burst=1000000
export Logging__LogLevel__Default=Warning
(cd "$work" && exec dotnet "$OLDPWD/src/Hosts/TalentMatch.Server/bin/Release/net10.0/TalentMatch.Server.dll" --urls "http://127.0.0.1:$port" >server.log 2>&1) &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 240); do curl -fs "$base/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
key=$(cat "$work/data/admin-key.txt")

dotnet bench/TalentMatch.Bench/bin/Release/net10.0/talentmatch-bench.dll ingest --api "$base" --key "$key" --count "$count" --label embedded >"$work/ingest.md"
job() { curl -fs -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$1" "$base/v1/jobs" | sed 's/.*"id":"\([^"]*\)".*/\1/'; }
job_en=$(job '{"title":"ML Engineer","text":"Requirements: 3+ years of Python and PyTorch; Kubernetes; SQL. Nice to have: Spark, AWS."}')
job_zh=$(job '{"title":"机器学习工程师","text":"职位要求：3年以上 Python 和 PyTorch 经验，熟悉 Kubernetes 与 SQL，有 Spark 经验者优先。"}')
for id in "$job_en" "$job_zh"; do
  for _ in $(seq 1 600); do curl -fs -H "Authorization: Bearer $key" "$base/v1/jobs/$id" | grep -q '"status":"indexed"' && break; sleep 0.2; done
done
candidate=$(curl -fs -H "Authorization: Bearer $key" "$base/v1/search/candidates?q=python&limit=1" | sed 's/.*"hits":\[{"id":"\([^"]*\)".*/\1/')

# Sign in as a recruiter does: the form's token, then the key.
jar="$work/jar"
token=$(curl -fs -c "$jar" -b "$jar" "$base/console/sign-in" | sed -n 's/.*name="__csrf" value="\([^"]*\)".*/\1/p')
curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__csrf=$token" --data-urlencode "key=$key" "$base/console/sign-in"

pages=(
  "sign-in|/console/sign-in"
  "search (keyword)|/console/search?q=python"
  "search (keyword, Chinese)|/console/search?q=%E6%9C%BA%E5%99%A8%E5%AD%A6%E4%B9%A0"
  "search (hybrid)|/console/search?q=machine%20learning%20engineer&mode=hybrid"
  "search (skill filter + facet)|/console/search?q=data&skills=python"
  "candidate|/console/candidates/$candidate"
  "jobs|/console/jobs"
  "job with 20 ranked candidates|/console/jobs/$job_en"
  "job (Chinese) with 20 ranked candidates|/console/jobs/$job_zh"
  "job, re-ranked by weights|/console/jobs/$job_en?w.requiredSkills=0.9&w.semantic=0.1"
)
echo "### Console pages, $count candidates indexed, $requests requests each (after one warm-up)"
echo
echo "| page | median ms | p95 ms | KiB |"
echo "|---|---:|---:|---:|"
for entry in "${pages[@]}"; do
  name=${entry%%|*}; path=${entry#*|}
  curl -fs -o /dev/null -b "$jar" "$base$path"
  times=$(for _ in $(seq 1 "$requests"); do curl -fs -o /dev/null -b "$jar" -w '%{time_total}\n' "$base$path"; done | sort -n)
  size=$(curl -fs -b "$jar" "$base$path" | wc -c)
  median=$(echo "$times" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]*1000}')
  p95=$(echo "$times" | awk '{a[NR]=$1} END {i=int(NR*0.95+0.999); print a[i]*1000}')
  printf '| %s | %.1f | %.1f | %.1f |\n' "$name" "$median" "$p95" "$(echo "$size/1024" | bc -l)"
done
echo
echo "Ingestion of the $count candidates (talentmatch-bench ingest):"
echo
cat "$work/ingest.md"
