#!/usr/bin/env bash
# One node (embedded default, rate limits off): /ping, /ping/auth, warm by-id with a token and with an API key, and a
# warm page of 20 risks, wrk -t1 -c50, alternating rounds after a warm-up of every endpoint (docs/benchmarks.md).
# Usage, after mvn package: bench/auth-ratios.sh [target/liberty]; ROUNDS, SECS, WARM, PORT from the environment.
set -u
DIR=${1:-target/liberty}; ROUNDS=${ROUNDS:-3}; SECS=${SECS:-10}; WARM=${WARM:-40}; PORT=${PORT:-24280}; DATA=/tmp/ratios-data
rm -rf "$DATA"; mkdir -p "$DATA"
HTTP_PORT=$PORT HTTPS_PORT=$((PORT+1)) RISKBASE_DEMO_PASSWORD='DemoPassw0rd!' RISKBASE_RATELIMIT_ENABLED=false RISKBASE_DATA_DIR=$DATA \
  "$DIR/wlp/bin/server" run riskbase >"$DATA/console.log" 2>&1 &
PID=$!; trap 'kill $PID 2>/dev/null' EXIT
for i in $(seq 1 240); do curl -sf localhost:$PORT/health/ready >/dev/null && break; sleep 1; done
B=http://127.0.0.1:$PORT
LIST='/api/v1/risks?size=20&sort=-score'
TOKEN=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"admin@demo.riskbase.local","password":"DemoPassw0rd!"}' $B/api/v1/auth/login | jq -r .access_token)
KEY=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"name":"bench","scopes":["risks:read"]}' $B/api/v1/api-keys | jq -r '.secret // .key // .token')
ID=$(curl -sf -H "Authorization: Bearer $TOKEN" "$B/api/v1/risks?size=1" | jq -r '.[0].id')
echo "token ${#TOKEN} chars, key ${KEY:0:8}…, risk $ID, java $(java -version 2>&1 | head -1)"
run() { # run <label> <header> <path> <secs>
  local out; out=$(wrk -t1 -c50 -d"$4"s -H "$2" "$B$3")
  echo "$1 $(echo "$out" | awk '/Requests\/sec/{print $2}') non2xx=$(echo "$out" | awk '/Non-2xx/{print $NF}') errors=$(echo "$out" | awk '/Socket errors/{print $0}') load=$(cut -d' ' -f1 /proc/loadavg)"
}
for k in 1 2 3; do
  run warm-ping "X-None: 1" /api/v1/ping $((WARM/4)) >/dev/null
  run warm-auth "Authorization: Bearer $TOKEN" /api/v1/ping/auth $((WARM/4)) >/dev/null
  run warm-id "Authorization: Bearer $TOKEN" /api/v1/risks/$ID $((WARM/4)) >/dev/null
  run warm-key "Authorization: Bearer $KEY" /api/v1/risks/$ID $((WARM/4)) >/dev/null
  run warm-list "Authorization: Bearer $TOKEN" "$LIST" $((WARM/4)) >/dev/null
done
for r in $(seq 1 "$ROUNDS"); do
  run "round $r ping" "X-None: 1" /api/v1/ping "$SECS"
  run "round $r ping_auth" "Authorization: Bearer $TOKEN" /api/v1/ping/auth "$SECS"
  run "round $r by_id_token" "Authorization: Bearer $TOKEN" /api/v1/risks/$ID "$SECS"
  run "round $r by_id_key" "Authorization: Bearer $KEY" /api/v1/risks/$ID "$SECS"
  run "round $r list" "Authorization: Bearer $TOKEN" "$LIST" "$SECS"
done
