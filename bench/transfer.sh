#!/usr/bin/env bash
# Import / export figures of issue 17 for docs/benchmarks.md, outside CI: PostgreSQL (zonky binaries) with one
# organization of N risks from RiskDataGenerator, one Riskbase node, then bench/java/Transfer.java measures a streamed
# CSV export of all N against COPY ... TO STDOUT of the same rows and columns, and an import of M rows and its re-import,
# sampling the node's heap (jstat). Everything it starts is stopped by PID when it exits.
#
#   bench/transfer.sh [--risks N (1000000)] [--import-rows M (100000)] [--skip-build] [--port P (23080)] [--jfr FILE]
#
# --import-rows 0 measures the export alone. The heap is sampled with jstat -gc on the node every 250 ms (young + old
# in use, garbage included: the sampled peak minus the value before is what each phase made the heap reach).
# --jfr FILE records a JFR profile of the node (settings=profile) over the whole measurement into FILE: take it on a
# run of its own, the profiler's cost is in that run's figures.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RISKS=1000000 IMPORT_ROWS=100000 SKIP_BUILD=0 PORT=23080 PG_PORT=23432 JFR=
while [ $# -gt 0 ]; do
  case "$1" in
    --risks) RISKS=$2; shift 2 ;;
    --import-rows) IMPORT_ROWS=$2; shift 2 ;;
    --skip-build) SKIP_BUILD=1; shift ;;
    --jfr) JFR=$(realpath -m "$2"); shift 2 ;;
    --port) PORT=$2; PG_PORT=$((PORT + 352)); shift 2 ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
WORK="$ROOT/target/bench-transfer"
RAW="$WORK/raw"
mkdir -p "$RAW" "$WORK/tmp" "$WORK/usr/servers"
PIDS=()
NODE=bench-transfer
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
PGDIR="$WORK/pg-$RISKS"
say "PostgreSQL on 127.0.0.1:$PG_PORT, data $PGDIR"
java -Djava.io.tmpdir="$WORK/tmp" -cp "$CP" io.riskbase.it.support.StandalonePostgres "$PG_PORT" "$PGDIR" >"$RAW/postgres.log" 2>&1 &
PIDS+=($!)
wait_for 180 grep -q "PostgreSQL ready" "$RAW/postgres.log" || { tail -20 "$RAW/postgres.log"; exit 1; }
DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/riskbase"
if [ ! -f "$PGDIR/bench-login" ]; then
  say "generating 1 organization x $RISKS risks"
  java -Djava.io.tmpdir="$WORK/tmp" -cp "$CP" io.riskbase.risk.generator.RiskDataGenerator --url "$DB_URL" \
      --user riskbase --password riskbase --orgs 1 --risks-per-org "$RISKS" --migrate >"$RAW/generator.log" 2>&1
  grep '^done:' "$RAW/generator.log" | sed -n 's/.*log in as \([^ ]*\) \/ \([^ ]*\).*/\1 \2/p' >"$PGDIR/bench-login"
fi
read -r EMAIL PASSWORD <"$PGDIR/bench-login"

dst="$WORK/usr/servers/$NODE"
rm -rf "$dst"; mkdir -p "$dst"
(cd target/liberty/wlp/usr/servers/riskbase && tar --exclude=./logs --exclude=./workarea -cf - .) | (cd "$dst" && tar -xf -)
KEYS="$WORK/keys"; mkdir -p "$KEYS"
[ -f "$KEYS/private.pem" ] || { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
  openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem" 2>/dev/null; }
say "starting the node on 127.0.0.1:$PORT"
env WLP_USER_DIR="$WORK/usr" HTTP_HOST=127.0.0.1 HTTP_PORT="$PORT" HTTPS_PORT="$((PORT + 1))" \
    DB_URL="$DB_URL" DB_USER=riskbase DB_PASSWORD=riskbase REDIS_URL="" RISKBASE_PROFILE=prod \
    RISKBASE_JWT_PRIVATE_KEY="$(cat "$KEYS/private.pem")" RISKBASE_JWT_PUBLIC_KEY="$(cat "$KEYS/public.pem")" \
    RISKBASE_DATA_DIR="$WORK/data" RISKBASE_RATELIMIT_ENABLED=false RISKBASE_SIGNUP=open \
    "$ROOT/target/liberty/wlp/bin/server" start "$NODE" >>"$RAW/server-control.log" 2>&1
wait_for 300 curl -sf "http://127.0.0.1:$PORT/health/ready" || { tail -40 "$dst/logs/messages.log"; exit 1; }
PID=$(cat "$WORK/usr/servers/.pid/$NODE.pid")
jcmd "$PID" GC.run >/dev/null 2>&1 || true
[ -z "$JFR" ] || jcmd "$PID" JFR.start name=transfer settings=profile filename="$JFR" >/dev/null
PGJAR=$(tr ':' '\n' < target/bench-classpath.txt | grep '/postgresql-' | head -1)
say "measuring (machine load: $(cut -d' ' -f1-3 /proc/loadavg))"
java -cp "$PGJAR" bench/java/Transfer.java "http://127.0.0.1:$PORT" "$DB_URL" "$EMAIL" "$PASSWORD" "$IMPORT_ROWS" "$PID" \
  | tee "$RAW/transfer.txt"
[ -z "$JFR" ] || jcmd "$PID" JFR.stop name=transfer | tail -1
jcmd "$PID" GC.run >/dev/null 2>&1 || true
jcmd "$PID" GC.heap_info 2>/dev/null | head -3 | tee -a "$RAW/transfer.txt"
say "load after: $(cut -d' ' -f1-3 /proc/loadavg); figures in $RAW/transfer.txt"
