#!/usr/bin/env bash
# Exercises a running receiver the way LimeCall and the Internet do, with nothing but curl and openssl:
# signed, duplicate, tampered, unsigned, wrong method, wrong content type, oversized, malformed and
# unknown-type requests; then counts the side effects. Exits 0 only when every status code and the
# number of follow-ups are as documented.
#
#   try-it.sh [base-url] [secret]      defaults: http://127.0.0.1:5080 whsec_local_development_only
set -euo pipefail

base="${1:-http://127.0.0.1:5080}"
secret="${2:-whsec_local_development_only}"
url="$base/webhooks/limecall"
failures=0
run_id="$(date +%s%N)"

sign() { printf '%s' "$1" | openssl dgst -sha256 -hmac "$secret" -hex | sed 's/^.*= //'; }

# expect <status> <description> <curl arguments...>
expect() {
  local want="$1" what="$2"; shift 2
  local got
  got="$(curl -s -o /dev/null -w '%{http_code}' "$@")"
  if [[ "$got" == "$want" ]]; then
    printf '  ok    %-44s %s\n' "$what" "$got"
  else
    printf '  FAIL  %-44s %s (expected %s)\n' "$what" "$got" "$want"
    failures=$((failures + 1))
  fi
}

post_signed() { # <status> <description> <body> [content-type]
  local body="$3" type="${4:-application/json}"
  expect "$1" "$2" -X POST "$url" -H "Content-Type: $type" -H "X-LimeCall-Signature: $(sign "$body")" --data-binary "$body"
}

missed="{\"id\":\"evt_missed_$run_id\",\"event\":\"call.missed\",\"timestamp\":\"2025-01-30T15:00:00Z\",\"data\":{\"call_id\":\"c1\",\"caller_number\":\"+14155550123\"}}"
lead="{\"event\":\"lead.captured\",\"id\":\"evt_lead_$run_id\",\"name\":\"Ada\",\"phone\":\"+442071838750\"}"
unknown="{\"id\":\"evt_future_$run_id\",\"event\":\"call.transcribed\",\"data\":{\"call_id\":\"c1\"}}"
tampered="${missed/+14155550123/+19005550199}"
oversized="$(mktemp)"
trap 'rm -f "$oversized"' EXIT
{ printf '{"id":"evt_big_%s","event":"call.missed","pad":"' "$run_id"; head -c 300000 /dev/zero | tr '\0' 'x'; printf '"}'; } > "$oversized"

echo "receiver at $url"
post_signed 200 "signed call.missed"                "$missed"
post_signed 200 "the same delivery again (duplicate)"   "$missed"
post_signed 200 "signed lead.captured, flat shape"    "$lead" "application/json; charset=utf-8"
post_signed 200 "unknown event type (acknowledged)"   "$unknown"
post_signed 400 "signed but not JSON"                 "{\"id\":\"evt_bad\",\"event\":"
post_signed 415 "signed, text/plain"                  "$missed" "text/plain"
post_signed 415 "signed, declared UTF-16"             "$missed" "application/json; charset=utf-16"
post_signed 400 "signed, two ids (member named twice)" "{\"id\":\"evt_a_$run_id\",\"id\":\"evt_b_$run_id\",\"event\":\"call.missed\",\"data\":{}}"
expect 401 "body changed after signing" -X POST "$url" -H "Content-Type: application/json" -H "X-LimeCall-Signature: $(sign "$missed")" --data-binary "$tampered"
expect 401 "no signature"                -X POST "$url" -H "Content-Type: application/json" --data-binary "$missed"
expect 401 "signature with a wrong secret" -X POST "$url" -H "Content-Type: application/json" -H "X-LimeCall-Signature: $(secret=wrong sign "$missed")" --data-binary "$missed"
expect 405 "GET" "$url"
expect 413 "300 KB body (limit 256 KiB)" -X POST "$url" -H "Content-Type: application/json" \
  -H "X-LimeCall-Signature: $(openssl dgst -sha256 -hmac "$secret" -hex < "$oversized" | sed 's/^.*= //')" --data-binary "@$oversized"

# Side effects: one follow-up per accepted missed call or lead, never two for the same event. The endpoint that
# lists them exists only in Development (it would leak call data in production).
listing_status="$(curl -s -o /dev/null -w '%{http_code}' "$base/follow-ups")"
followups="$(curl -s "$base/follow-ups" | grep -c "_$run_id " || true)"
if [[ "$listing_status" == "404" ]]; then
  printf '  skip  %-44s %s\n' "follow-ups (listed only in Development)" "404"
elif [[ "$followups" == "2" ]]; then
  printf '  ok    %-44s %s\n' "follow-ups created for this run" "$followups"
else
  printf '  FAIL  %-44s %s (expected 2)\n' "follow-ups created for this run" "$followups"
  failures=$((failures + 1))
fi

if [[ $failures -eq 0 ]]; then echo "try-it: all as documented"; else echo "try-it: $failures unexpected answer(s)"; fi
exit $((failures > 0))
