#!/usr/bin/env bash
# Webhook figures of issue 17 for docs/benchmarks.md, outside CI: PostgreSQL (zonky binaries, a fresh database), one
# Riskbase node, and bench/java/WebhookBench.java — a real receiver on loopback that verifies every signature — for
# (1) commit-to-receipt latency at a steady write rate and (2) the backlog draining after a receiver outage, with every
# acknowledged write's event accounted for. Everything it starts is stopped by PID when it exits; exit 1 on a lost
# event, a bad signature or an event out of order.
#
#   bench/webhooks.sh [--rate 50] [--seconds 60] [--outage 60] [--skip-build] [--port P (24580)]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RATE=50 SECS=60 OUTAGE=60 SKIP_BUILD=0 PORT=24580
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) RATE=$2; shift 2 ;;
    --seconds) SECS=$2; shift 2 ;;
    --outage) OUTAGE=$2; shift 2 ;;
    --skip-build) SKIP_BUILD=1; shift ;;
    --port) PORT=$2; shift 2 ;;
    -h|--help) sed -n 2,8p "$0"; exit 0 ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
PG_PORT=$((PORT + 2)) RECEIVER_PORT=$((PORT + 3))
WORK="$ROOT/target/bench-webhooks"
RAW="$WORK/raw"
rm -rf "$WORK/pg" "$WORK/usr" "$WORK/data"
mkdir -p "$RAW" "$WORK/tmp" "$WORK/usr/servers"
PIDS=()
NODE=bench-webhooks
cleanup() {
  WLP_USER_DIR="$WORK/usr" "$ROOT/target/liberty/wlp/bin/server" stop "$NODE" >>"$RAW/server-control.log" 2>&1 || true
  # waited for: a PostgreSQL still stopping holds its data directory's lock against the next run
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
say() { echo "[$(date -u +%T)] $*"; }
wait_for() { local t=$1; shift; for _ in $(seq 1 "$t"); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done; return 1; }

if [ "$SKIP_BUILD" = 0 ] || [ ! -f target/bench-classpath.txt ]; then
  say "building"
  mvn -q -B -DskipTests package liberty:create@prepare-it-server liberty:deploy@prepare-it-server \
      dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >"$RAW/build.log" 2>&1
fi
CP="$ROOT/target/classes:$ROOT/target/test-classes:$(cat target/bench-classpath.txt)"
say "PostgreSQL on 127.0.0.1:$PG_PORT"
java -Djava.io.tmpdir="$WORK/tmp" -cp "$CP" io.riskbase.it.support.StandalonePostgres "$PG_PORT" "$WORK/pg" >"$RAW/postgres.log" 2>&1 &
PIDS+=($!)
wait_for 180 grep -q "PostgreSQL ready" "$RAW/postgres.log" || { tail -20 "$RAW/postgres.log"; exit 1; }

dst="$WORK/usr/servers/$NODE"
mkdir -p "$dst"
(cd target/liberty/wlp/usr/servers/riskbase && tar --exclude=./logs --exclude=./workarea -cf - .) | (cd "$dst" && tar -xf -)
KEYS="$WORK/keys"; mkdir -p "$KEYS"
[ -f "$KEYS/private.pem" ] || { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
  openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem" 2>/dev/null; }
say "starting the node on 127.0.0.1:$PORT"
env WLP_USER_DIR="$WORK/usr" HTTP_HOST=127.0.0.1 HTTP_PORT="$PORT" HTTPS_PORT="$((PORT + 1))" \
    DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/riskbase" DB_USER=riskbase DB_PASSWORD=riskbase REDIS_URL="" \
    RISKBASE_PROFILE=prod RISKBASE_JWT_PRIVATE_KEY="$(cat "$KEYS/private.pem")" \
    RISKBASE_JWT_PUBLIC_KEY="$(cat "$KEYS/public.pem")" RISKBASE_DATA_DIR="$WORK/data" \
    RISKBASE_RATELIMIT_ENABLED=false RISKBASE_SIGNUP=open RISKBASE_WEBHOOKS_ALLOWED_PRIVATE_NETWORKS=127.0.0.1/32 \
    "$ROOT/target/liberty/wlp/bin/server" start "$NODE" >>"$RAW/server-control.log" 2>&1
wait_for 300 curl -sf "http://127.0.0.1:$PORT/health/ready" || { tail -40 "$dst/logs/messages.log"; exit 1; }
say "measuring (machine load: $(cut -d' ' -f1-3 /proc/loadavg)); rate limits off"
java bench/java/WebhookBench.java "http://127.0.0.1:$PORT" "$RECEIVER_PORT" "$RATE" "$SECS" "$OUTAGE" | tee "$RAW/webhooks.txt"
say "load after: $(cut -d' ' -f1-3 /proc/loadavg); figures in $RAW/webhooks.txt"
