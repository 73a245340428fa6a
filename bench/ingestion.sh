#!/usr/bin/env bash
# End-to-end ingestion throughput (resumes/s from POST to searchable) and time per stage, in the
# same run for two set-ups:
#   embedded     one process, SQLite, in-memory bus, embedded index (the README's `dotnet run`)
#   distributed  RabbitMQ + PostgreSQL; an api process (api, search, matching, notifications, insights)
#                and two worker processes (ingestion, embedding) sharing the queues
# Usage: bench/ingestion.sh [resumes=1000] [embedded|distributed|both=both]
# SPLIT=1 runs distributed with api (+ notifications), search (+ matching) and insights each in a process of its own.
# SERVER_DLL=path/to/TalentMatch.Server.dll runs another build of the server (a baseline) under the same bench.
# distributed needs RabbitMQ and PostgreSQL: `source .ci/start-services` first (as root).
# Stages come from each process's /metrics (MassTransit consume durations). After each set-up, the same resumes
# and jobs go through the same stages inside the bench process, without bus, HTTP or database: the stage-only
# limit of the same machine in the same run. The output ends with one JSON line per set-up:
#   {"setup": "embedded", "resumes": N, "resumesPerSecond": …, "stageOnlyResumesPerSecond": …, "postP95Ms": …,
#    "serverProcessorMsPerResume": …, "stageOnlyProcessorMsPerResume": …}
# (processor time of the servers, first POST until idle, and of the stage-only run, per resume: what the load of a shared
# machine moves least), and per process; for distributed, PostgreSQL's and RabbitMQ's too, and the scale-out model built
# from them (bench/TalentMatch.Bench/Commands/ScaleOutModel.cs: the rate with 1-16 workers, where it stops growing and why).
# Results: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
which=${2:-both}
work=$(mktemp -d)
pids=()
labelled=() # name=pid of each server, for the processor time per process
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build -c Release src/Hosts/TalentMatch.Server -v q -nologo >/dev/null
dotnet build -c Release bench/TalentMatch.Bench -v q -nologo >/dev/null
server=${SERVER_DLL:-src/Hosts/TalentMatch.Server/bin/Release/net10.0/TalentMatch.Server.dll}
bench() { dotnet bench/TalentMatch.Bench/bin/Release/net10.0/talentmatch-bench.dll ingest "$@" | tee -a "$work/report.md"; }

# Every process: Prometheus /metrics on, no rate limit (one client posts thousands), quiet logs.
export TalentMatch__Telemetry__PrometheusEndpoint=true
export TalentMatch__RateLimit__RequestsPerSecond=1000000 TalentMatch__RateLimit__Burst=1000000
export Logging__LogLevel__Default=Warning

start() { # name port [VAR=value ...]: starts the server with extra environment, waits until ready
  local name=$1 port=$2; shift 2
  env "$@" dotnet "$server" --urls "http://127.0.0.1:$port" >"$work/$name.log" 2>&1 &
  pids+=($!)
  labelled+=("$name=$!")
  for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "$name did not become ready:" >&2; tail -20 "$work/$name.log" >&2; return 1
}

stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
  labelled=()
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run" >&2

if [ "$which" = embedded ] || [ "$which" = both ]; then
  mkdir -p "$work/embedded"
  start embedded 5201 TalentMatch__DataDirectory="$work/embedded"
  bench --label "embedded (one process, SQLite, in-memory bus)" --setup embedded --api http://127.0.0.1:5201 \
    --key "$(cat "$work/embedded/admin-key.txt")" --count "$count" --server-pids "$(IFS=,; echo "${labelled[*]}")"
  stop_all
fi

if [ "$which" = distributed ] || [ "$which" = both ]; then
  : "${TALENTMATCH_TEST_RABBITMQ_URL:?source .ci/start-services first}"
  : "${TALENTMATCH_TEST_POSTGRES:?source .ci/start-services first}"
  name="talentmatch_bench_$(date +%s)"
  rabbitmqctl add_vhost "$name" >/dev/null
  rabbitmqctl set_permissions -p "$name" guest '.*' '.*' '.*' >/dev/null
  su postgres -c "createdb $name"
  trap 'cleanup; rabbitmqctl delete_vhost "$name" >/dev/null || true; su postgres -c "dropdb --if-exists $name" || true' EXIT
  common=(
    TalentMatch__Messaging__Transport=RabbitMq
    "TalentMatch__Messaging__RabbitMqUrl=${TALENTMATCH_TEST_RABBITMQ_URL%/}/$name"
    TalentMatch__Database__Provider=PostgreSql
    "TalentMatch__Database__ConnectionString=$TALENTMATCH_TEST_POSTGRES;Database=$name"
    "TalentMatch__DataDirectory=$work/distributed"
  )
  env "${common[@]}" dotnet "$server" migrate 2>"$work/migrate.log"
  key=$(env "${common[@]}" dotnet "$server" bootstrap bench 2>>"$work/migrate.log")
  metrics=http://127.0.0.1:5211,http://127.0.0.1:5212,http://127.0.0.1:5213
  if [ "${SPLIT:-0}" = 1 ]; then
    # The api process's modules in three processes, so that each one's processor time per resume is known (the scale-out
    # model's stations): api with notifications; search with matching (matching reads the embedded index in its process);
    # insights.
    start api 5211 "${common[@]}" TalentMatch__Modules=api,notifications
    start search 5214 "${common[@]}" TalentMatch__Modules=search,matching
    start insights 5216 "${common[@]}" TalentMatch__Modules=insights
    metrics=$metrics,http://127.0.0.1:5214,http://127.0.0.1:5216
    searchurl=http://127.0.0.1:5214 setup=distributed-split label="distributed (RabbitMQ, PostgreSQL, api, search + matching and insights processes + 2 workers)"
  else
    start api 5211 "${common[@]}" TalentMatch__Modules=api,search,matching,notifications,insights
    searchurl=http://127.0.0.1:5211 setup=distributed label="distributed (RabbitMQ, PostgreSQL, api process + 2 worker processes)"
  fi
  # Two workers on two cores: one ONNX thread each, or they fight over the cores.
  start worker1 5212 "${common[@]}" TalentMatch__Modules=ingestion,embedding TalentMatch__Embeddings__Sessions=1 TalentMatch__Embeddings__IntraOpThreads=1
  start worker2 5213 "${common[@]}" TalentMatch__Modules=ingestion,embedding TalentMatch__Embeddings__Sessions=1 TalentMatch__Embeddings__IntraOpThreads=1
  bench --label "$label" --setup "$setup" --api http://127.0.0.1:5211 --search "$searchurl" \
    --metrics "$metrics" --key "$key" --count "$count" \
    --server-pids "$(IFS=,; echo "${labelled[*]}")" --infrastructure postgres,beam.smp
  stop_all
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
grep '^{"setup"' "$work/report.md"
