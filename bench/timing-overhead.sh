#!/usr/bin/env bash
# Overhead of the timing layer (platform.timing): the same node started twice on the embedded H2
# default — riskbase.timing.enabled=true, then false — and wrk against two endpoints each time:
#   trivial:   GET /api/v1/me without a token -> 401 problem+json (JAX-RS filters and mapper, no database)
#   realistic: GET /api/v1/me with a token    -> 200 (session check and user lookup: two repository calls)
# Prerequisites: wrk (apt-get install -y wrk) and a prepared server:
#   mvn -DskipTests package liberty:create liberty:deploy
# Rounds alternate enabled/disabled (on, off, on, off, ...) so that drift in machine load hits both.
# Usage: bench/timing-overhead.sh [port] [seconds] [connections] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${1:-9280}
DURATION=${2:-15}
CONNECTIONS=${3:-16}
ROUNDS=${4:-2}
WLP=target/liberty/wlp
SERVER=riskbase
PASSWORD=bench-password-not-secret
BASE=http://127.0.0.1:$PORT

command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }
[ -x "$WLP/bin/server" ] || { echo "no prepared server: mvn -DskipTests package liberty:create liberty:deploy" >&2; exit 1; }

start_node() {
  HTTP_PORT=$PORT HTTPS_PORT=$((PORT + 363)) RISKBASE_DEMO_PASSWORD=$PASSWORD RISKBASE_TIMING_ENABLED=$1 \
    RISKBASE_DATA_DIR="$PWD/target/bench-timing-data" "$WLP/bin/server" start "$SERVER" >/dev/null
  for _ in $(seq 1 180); do
    curl -sf "$BASE/health/ready" >/dev/null && return 0
    sleep 1
  done
  echo "node not ready" >&2
  exit 1
}

stop_node() {
  "$WLP/bin/server" stop "$SERVER" >/dev/null || true
}
trap stop_node EXIT

# prints: requests/s p50 p99 (ms)
measure() {
  local label=$1; shift
  wrk -t2 -c"$CONNECTIONS" -d5s "$@" >/dev/null          # warm-up (JIT, pool)
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" | awk -v label="$label" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
    END { printf "%-28s %10.0f req/s   p50 %7.2f ms   p99 %7.2f ms\n", label, rps, p50, p99 }'
}

run() {
  local enabled=$1
  start_node "$enabled"
  local token headers
  token=$(curl -s -XPOST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"admin@demo.riskbase.local\",\"password\":\"$PASSWORD\"}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  headers=$(curl -s -D - -o /dev/null "$BASE/api/v1/me" -H "Authorization: Bearer $token" | tr -d '\r' | grep -ci '^x-response-time' || true)
  echo "# riskbase.timing.enabled=$enabled (X-Response-Time headers seen: $headers)"
  measure "trivial   timing=$enabled" "$BASE/api/v1/me"
  measure "realistic timing=$enabled" -H "Authorization: Bearer $token" "$BASE/api/v1/me"
  stop_node
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, wrk -t2 -c$CONNECTIONS -d${DURATION}s, one Liberty node on H2"
for _ in $(seq 1 "$ROUNDS"); do
  run true
  run false
done
