#!/usr/bin/env bash
# Time from ready to steady throughput: starts a fresh node (embedded default: H2, L1 only, rate limits off) from
# the server the build prepared, and from the moment /health/ready is UP keeps GET /api/v1/ping/auth under continuous
# wrk load, reported in 5 s windows; steady = mean of the last 3 windows; prints the time to 90 % of steady.
#
#   bench/warmup-curve.sh [--seconds 120] [--connections 50] [--port 20380]
#   RISKBASE_WARMUP_SECONDS=0 bench/warmup-curve.sh          # without the self warm-up before ready
#   JVM_ARGS="-XX:SharedArchiveFile=..." bench/warmup-curve.sh # JVM options to compare (Liberty reads JVM_ARGS)
#
# Needs a prepared server: mvn -DskipTests package liberty:create@prepare-it-server liberty:deploy@prepare-it-server
# Writes target/bench/warmup-curve-<date>.json. Stops the node it started (by PID) when it exits.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_TOTAL=120 CONNS=50 PORT=${BENCH_CURVE_PORT:-20380} WINDOW=5
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_TOTAL=$2; shift ;;
    --connections) CONNS=$2; shift ;;
    --port) PORT=$2; shift ;;
    -h|--help) sed -n 2,12p "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
WORK="$ROOT/target/bench/curve"
SRC="$ROOT/target/liberty/wlp/usr/servers/riskbase"
[ -f "$SRC/apps/riskbase.war" ] || { echo "no prepared server in $SRC (see --help)" >&2; exit 1; }
rm -rf "$WORK" && mkdir -p "$WORK/usr/servers/curve"
(cd "$SRC" && tar --exclude=./logs --exclude=./workarea -cf - .) | (cd "$WORK/usr/servers/curve" && tar -xf -)
PASSWORD=curve-password-$$
BASE="http://127.0.0.1:$PORT"

stop() {
  WLP_USER_DIR="$WORK/usr" "$ROOT/target/liberty/wlp/bin/server" stop curve >/dev/null 2>&1 || true
  local pid; pid=$(cat "$WORK/usr/servers/.pid/curve.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; fi
}
trap stop EXIT

t0=$(date +%s%N)
env WLP_USER_DIR="$WORK/usr" HTTP_HOST=127.0.0.1 HTTP_PORT="$PORT" HTTPS_PORT=$((PORT + 1)) RISKBASE_DATA_DIR="$WORK/data" \
    RISKBASE_RATELIMIT_ENABLED=false RISKBASE_DEMO_PASSWORD="$PASSWORD" \
    "$ROOT/target/liberty/wlp/bin/server" start curve >"$WORK/server-start.log" 2>&1
until curl -sf "$BASE/health/ready" >/dev/null; do
  [ $(( ($(date +%s%N) - t0) / 1000000000 )) -lt 300 ] || { echo "not ready after 300 s" >&2; exit 1; }
  sleep 0.1
done
READY_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
TOKEN=$(curl -sf -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"admin@demo.riskbase.local\",\"password\":\"$PASSWORD\"}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$TOKEN" >"$WORK/auth.lua"
echo "ready after $READY_MS ms (load average $(cut -d' ' -f1-3 /proc/loadavg)); ${WINDOW} s windows of GET /api/v1/ping/auth, $CONNS connections"

RATES=()
for ((w = 1; w * WINDOW <= SECONDS_TOTAL; w++)); do
  out=$(wrk -t1 -c"$CONNS" -d"${WINDOW}s" --timeout 10s -s "$WORK/auth.lua" "$BASE/api/v1/ping/auth")
  rps=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  bad=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  RATES+=("$rps")
  printf '%4d s  %7d req/s%s\n' $((w * WINDOW)) "$rps" "${bad:+  ($bad non-2xx)}"
done
n=${#RATES[@]}
[ "$n" -ge 4 ] || { echo "too few windows for a steady figure" >&2; exit 1; }
STEADY=$(( (RATES[n-1] + RATES[n-2] + RATES[n-3]) / 3 ))
TO90=""
for ((i = 0; i < n; i++)); do
  if [ $(( RATES[i] * 10 )) -ge $(( STEADY * 9 )) ]; then TO90=$(( (i + 1) * WINDOW )); break; fi
done
echo "steady (last 3 windows) $STEADY req/s; 90 % of steady reached in the window ending ${TO90:-never} s after ready"
OUT="$ROOT/target/bench/warmup-curve-$(date -u +%Y%m%d-%H%M%S).json"
printf '{"ready_ms":%d,"window_s":%d,"connections":%d,"rps":[%s],"steady_rps":%d,"seconds_to_90pct":%s,"warmup_seconds":"%s","jvm_args":"%s","load_average":"%s"}\n' \
  "$READY_MS" "$WINDOW" "$CONNS" "$(IFS=,; echo "${RATES[*]}")" "$STEADY" "${TO90:-null}" "${RISKBASE_WARMUP_SECONDS:-default}" \
  "${JVM_ARGS:-}" "$(cut -d' ' -f1-3 /proc/loadavg)" >"$OUT"
echo "written $OUT"
