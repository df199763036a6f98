#!/usr/bin/env bash
# Load over real sockets (issue 16): wrk on 127.0.0.1 against one Kestrel host per mode, each fresh, with pre-signed
# distinct 1 KiB events. Writes benchmarks/results/LoadBenchmarks.md (the table benchmarks/README.md shows).
#   benchmarks/load.sh                               # 10 s per mode, 32 connections, 1 wrk thread
#   DURATION=30s CONNECTIONS=64 benchmarks/load.sh
# Modes: bare (the floor: read the body, answer 200), receiver (verify + parse + handler, no store), idempotency
# (in-memory store, capacity 20,000, so a run fills it and then evicts), postgres (PostgreSQL idempotency store), inbox
# (PostgreSQL inbox: 202 once stored; the processor runs the handler in the background, in the same process).
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-32}"
events="${EVENTS:-150000}"
modes="${MODES:-bare receiver idempotency postgres inbox}"
secret="whsec_load_benchmark"

if ! command -v wrk >/dev/null; then
  echo "== installing wrk (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

echo "== building the load host"
dotnet build benchmarks/LimeCall.Sdk.LoadHost -c Release -v q -nologo >/dev/null
host="benchmarks/LimeCall.Sdk.LoadHost/bin/Release/net10.0/LimeCall.Sdk.LoadHost"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$host" generate "$events" "$work/events.tsv" "$secret" evt_load
"$host" generate 20000 "$work/warmup.tsv" "$secret" evt_warmup

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# CPU time of a process in microseconds (utime + stime from /proc; the name field has no spaces here).
cpu_us() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1000000 / hz }' "/proc/$1/stat"; }

declare -A rps p50 p99 non2xx sockerr sent hostcpu
for mode in $modes; do
  port="$(free_port)"
  "$host" serve "$mode" "$port" "$secret" >"$work/$mode.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do grep -q "^listening" "$work/$mode.log" && break; sleep 0.1; done
  grep -q "^listening" "$work/$mode.log" || { cat "$work/$mode.log"; kill "$pid"; exit 1; }
  # Warm-up with other events (JIT, pools), then the measured run from the first of the distinct events.
  wrk -t1 -c"$connections" -d3s -s benchmarks/load/events.lua "http://127.0.0.1:$port" -- "$work/warmup.tsv" >/dev/null
  before="$(cpu_us "$pid")"
  wrk -t1 -c"$connections" -d"$duration" --latency -s benchmarks/load/events.lua "http://127.0.0.1:$port" -- "$work/events.tsv" >"$work/$mode.wrk"
  after="$(cpu_us "$pid")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  read -r _ sent[$mode] rps[$mode] p50[$mode] p99[$mode] non2xx[$mode] sockerr[$mode] < <(grep '^RESULT' "$work/$mode.wrk")
  # The host's CPU per request (all its threads: Kestrel, the handlers, the GC; not PostgreSQL's processes).
  hostcpu[$mode]=$(python3 -c "print(f'{($after - $before) / ${sent[$mode]}:.1f}')")
  echo "$mode: ${rps[$mode]} requests/s, p50 ${p50[$mode]} ms, p99 ${p99[$mode]} ms, host CPU ${hostcpu[$mode]} µs/request, non-2xx ${non2xx[$mode]}, socket errors ${sockerr[$mode]}"
done

out=benchmarks/results/LoadBenchmarks.md
{
  echo "Load over loopback sockets: \`benchmarks/load.sh\` (wrk 1 thread, $connections connections, $duration per mode after a 3 s warm-up;"
  echo "$events distinct signed 1 KiB events). $(date -u +%Y-%m-%d), $(nproc) cores, commit $(git rev-parse --short HEAD)."
  echo
  echo "| mode | requests/s | ratio to bare | p50 ms | p99 ms | host CPU µs/request | non-2xx | socket errors | events resent (past the distinct set) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for mode in $modes; do
    ratio="n/a"
    [[ -n "${rps[bare]:-}" ]] && ratio=$(python3 -c "print(f'{${rps[$mode]}/${rps[bare]}:.2f}x')")
    resent=$(( ${sent[$mode]} > events ? ${sent[$mode]} - events : 0 ))
    echo "| $mode | ${rps[$mode]} | $ratio | ${p50[$mode]} | ${p99[$mode]} | ${hostcpu[$mode]} | ${non2xx[$mode]} | ${sockerr[$mode]} | $resent |"
  done
} >"$out"
cat "$out"
