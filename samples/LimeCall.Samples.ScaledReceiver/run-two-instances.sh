#!/usr/bin/env bash
# Runs the receiver as two processes over one PostgreSQL, on the durable inbox, and delivers every event to both of
# them at once (a retry landing on the other instance), then once more to each (late duplicates). The handler takes
# 2 seconds; every delivery must still be acknowledged (202 stored, 200 duplicate) in milliseconds. Passes only when
# every event then produced exactly one follow-up.
#
#   run-two-instances.sh [events]      default 20
#
# PostgreSQL: the server in LIMECALL_POSTGRES (an Npgsql connection string), or else a throwaway cluster
# started from the installed PostgreSQL binaries in a temporary folder on a free loopback port.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
events="${1:-20}"
secret="whsec_local_development_only"
run="evt_$(date +%s%N)_"
work="$(mktemp -d)"
pids=()
pg_data=""

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ -n "$pg_data" ]]; then as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
as_postgres() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
sign() { printf '%s' "$1" | openssl dgst -sha256 -hmac "$secret" -hex | sed 's/^.*= //'; }

connection="${LIMECALL_POSTGRES:-}"
if [[ -z "$connection" ]]; then
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [[ -x "$pg_bin/initdb" ]] || { echo "No PostgreSQL: set LIMECALL_POSTGRES or install Debian's postgresql package." >&2; exit 2; }
  pg_data="$work/pg"; mkdir -p "$pg_data"
  [[ $EUID -eq 0 ]] && chown postgres "$work" "$pg_data"
  pg_port="$(free_port)"
  as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust >/dev/null
  as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -w -l "$pg_data/server.log" \
    -o "-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1" start >/dev/null
  connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
  echo "throwaway PostgreSQL on 127.0.0.1:$pg_port"
fi

configuration="${LIMECALL_SAMPLE_CONFIGURATION:-Release}"
dll="$here/bin/$configuration/net10.0/LimeCall.Samples.ScaledReceiver.dll"
[[ -f "$dll" ]] || dotnet build "$here" -c "$configuration" >/dev/null

start_instance() { # <name> <port>
  ( cd "$(dirname "$dll")" && ConnectionStrings__LimeCall="$connection" LimeCall__Webhooks__Secrets__0="$secret" \
      Sample__InstanceName="$1" exec dotnet "$dll" --urls "http://127.0.0.1:$2" >"$work/$1.log" 2>&1 ) &
  pids+=("$!")
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$2/healthz" >/dev/null 2>&1 && { echo "instance $1 on 127.0.0.1:$2"; return 0; }
    sleep 0.1
  done
  echo "instance $1 did not start:" >&2; cat "$work/$1.log" >&2; exit 1
}

port_a="$(free_port)"; start_instance a "$port_a"   # one at a time: both run the (idempotent) schema statements
port_b="$(free_port)"; start_instance b "$port_b"

# deliver <port> <body>: POSTs like LimeCall does; records the answer and how long it took (milliseconds).
deliver() {
  local port="$1" body="$2" answer status seconds
  answer="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -X POST "http://127.0.0.1:$port/webhooks/limecall" \
    -H 'Content-Type: application/json' -H "X-LimeCall-Signature: $(sign "$body")" --data-binary "$body")"
  status="${answer%% *}"; seconds="${answer##* }"
  echo "$status" >> "$work/statuses"
  awk -v s="$seconds" 'BEGIN { printf "%d\n", s * 1000 }' >> "$work/milliseconds"
  [[ "$status" == "202" || "$status" == "200" ]]
}

for i in $(seq 1 "$events"); do
  body="{\"id\":\"$run$i\",\"event\":\"call.missed\",\"data\":{\"call_id\":\"c$i\",\"caller_number\":\"+1415555$(printf '%04d' "$i")\"}}"
  deliver "$port_a" "$body" & deliver "$port_b" "$body" &
done
wait_failed=0
for job in $(jobs -p); do
  if ! printf '%s\n' "${pids[@]}" | grep -qx "$job"; then wait "$job" || wait_failed=1; fi
done
for i in $(seq 1 "$events"); do   # late duplicates, one to each instance
  body="{\"id\":\"$run$i\",\"event\":\"call.missed\",\"data\":{\"call_id\":\"c$i\",\"caller_number\":\"+1415555$(printf '%04d' "$i")\"}}"
  deliver "$port_a" "$body" || wait_failed=1
  deliver "$port_b" "$body" || wait_failed=1
done

echo "answers: $(sort "$work/statuses" | uniq -c | awk '{printf "%s x%s  ", $2, $1}')"
echo "acknowledged in: max $(sort -n "$work/milliseconds" | tail -1) ms, median $(sort -n "$work/milliseconds" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') ms (the handler takes 2000 ms)"

# The handlers run in the background: wait (bounded) until every event was handled.
summary=""
for _ in $(seq 1 150); do
  summary="$(curl -s "http://127.0.0.1:$port_a/follow-ups/summary?prefix=$run")"
  [[ "$summary" == "rows=$events events=$events "* ]] && break
  sleep 0.2
done
echo "follow-ups: $summary"
if [[ $wait_failed -eq 0 && "$summary" == "rows=$events events=$events "* ]]; then
  echo "two instances: every event processed exactly once"
else
  echo "two instances: FAILED (expected rows=$events events=$events)"; exit 1
fi
