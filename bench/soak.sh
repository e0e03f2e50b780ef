#!/usr/bin/env bash
# Soak run (issue 18, part 5): two Riskbase nodes on one PostgreSQL and one Redis under the mixed read/write load for
# --minutes (default 30), sampled once a minute per node: heap after a full GC, live threads, JDBC pool connections
# in use, Redis client connections, open file descriptors, p99 of the read mix and of the checked read/write load
# (and the L1 entry count, charted only).
# The run passes when no series trends upward (bench/soak-report.sh: least-squares slope test, thresholds there and
# in docs/reliability.md), with 0 errors and 0 stale reads. Everything it starts is stopped by PID when it exits.
#
#   bench/soak.sh [--minutes N] [--orgs N] [--risks-per-org N] [--out DIR] [--skip-build]
#   mvn -B -Psoak exec:exec@soak [-Dsoak.minutes=30]
#
# Each minute is one 60 s window per node: wrk over the read mix (lists, search, matrix, dashboard, by id) and the
# staleness checker of bench/java/Consistency.java (rw, 20 % writes) on that node's own risks; the samples are taken
# between windows (a few seconds, reported as the gap). Ports: SOAK_PG_PORT 21591, SOAK_REDIS_PORT 21592,
# SOAK_A_PORT 21594 (+1 https), SOAK_B_PORT 21596 (+1 https); only 127.0.0.1. Work directory SOAK_WORK
# (default target/soak).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH="$ROOT/bench"
cd "$ROOT"
MINUTES=30 ORGS=10 RISKS=2000 OUT="" SKIP_BUILD=0 CONNS=4 THREADS=4 WRITE_PERCENT=20
WORK=${SOAK_WORK:-$ROOT/target/soak}
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES=$2; shift ;;
    --orgs) ORGS=$2; shift ;;
    --risks-per-org) RISKS=$2; shift ;;
    --out) OUT=$2; shift ;;
    --skip-build) SKIP_BUILD=1 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
PG_PORT=${SOAK_PG_PORT:-21591}
REDIS_PORT=${SOAK_REDIS_PORT:-21592}
A_PORT=${SOAK_A_PORT:-21594}
B_PORT=${SOAK_B_PORT:-21596}
A="http://127.0.0.1:$A_PORT"
B="http://127.0.0.1:$B_PORT"
[ -n "$OUT" ] || OUT="$BENCH/results/$(date -u +%Y-%m-%d)-soak"
mkdir -p "$OUT/raw" "$WORK/tmp"
OUT=$(cd "$OUT" && pwd)
RAW="$OUT/raw"
BEGAN=$(date +%s)

say() { printf '[%s %5ss] %s\n' "$(date +%H:%M:%S)" "$(( $(date +%s) - BEGAN ))" "$*"; }
die() { say "FAILED: $*" >&2; exit 1; }
wait_for() {
  local limit=$1; shift
  local deadline=$(( $(date +%s) + limit ))
  until "$@" >/dev/null 2>&1; do [ "$(date +%s)" -ge "$deadline" ] && return 1; sleep 0.25; done
}
PSQL() {
  PGPASSWORD=riskbase psql -X -q -A -t -h 127.0.0.1 -p "$PG_PORT" -U riskbase -d riskbase -v ON_ERROR_STOP=1 "$@"
}

PIDS=()
cleanup() {
  local rc=$?
  set +e
  for node in soak-b soak-a; do stop_node "$node" >/dev/null 2>&1; done
  for ((i=${#PIDS[@]}-1; i>=0; i--)); do
    local pid=${PIDS[i]}
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
    fi
  done
  [ $rc -ne 0 ] && say "stopped everything after an error (exit $rc); logs in $RAW"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in wrk redis-server redis-cli psql jq gnuplot jcmd curl openssl; do
  command -v "$tool" >/dev/null || die "$tool missing (.ci/run installs it)"
done
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
say "soak: $MINUTES min, 2 nodes, $ORGS orgs x $RISKS risks, results in $OUT (load average $LOAD_START)"

if [ "$SKIP_BUILD" = 0 ] || [ ! -f target/bench-classpath.txt ]; then
  say "building"
  mvn -q -B -DskipTests package liberty:create@prepare-it-server liberty:deploy@prepare-it-server \
      dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test \
      >"$RAW/build.log" 2>&1 \
    || { tail -40 "$RAW/build.log"; die "build failed"; }
fi
# a private copy of the runtime, server and classes: a build in this checkout during a long run cannot pull them away
say "copying the Liberty runtime and classes to $WORK"
rm -rf "$WORK/wlp" "$WORK/cp"
mkdir -p "$WORK/cp" "$WORK/classes"
(cd target/liberty && tar --exclude=./wlp/usr/servers/*/logs --exclude=./wlp/usr/servers/*/workarea -cf - wlp) \
  | (cd "$WORK" && tar -xf -)
cp -a target/classes "$WORK/cp/classes"; cp -a target/test-classes "$WORK/cp/test-classes"
CP="$WORK/cp/classes:$WORK/cp/test-classes:$(cat target/bench-classpath.txt)"
javac -d "$WORK/classes" "$BENCH/java/Consistency.java" || die "javac Consistency.java"

PGDIR="$WORK/pg-${ORGS}x${RISKS}"
rm -rf "$PGDIR"
say "starting PostgreSQL on $PG_PORT"
java -Djava.io.tmpdir="$WORK/tmp" -cp "$CP" io.riskbase.it.support.StandalonePostgres "$PG_PORT" "$PGDIR" \
  >"$RAW/postgres.log" 2>&1 &
PIDS+=($!)
wait_for 180 grep -q "PostgreSQL ready" "$RAW/postgres.log" || die "PostgreSQL did not start"
DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/riskbase"
say "loading data"
java -Djava.io.tmpdir="$WORK/tmp" -cp "$CP" io.riskbase.risk.generator.RiskDataGenerator --url "$DB_URL" \
    --user riskbase --password riskbase --orgs "$ORGS" --risks-per-org "$RISKS" --migrate \
    >"$RAW/generator.log" 2>&1 || die "generator failed"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK/tmp" >"$RAW/redis.log" 2>&1 &
PIDS+=($!)
wait_for 20 redis-cli -p "$REDIS_PORT" ping || die "Redis did not start"

mkdir -p "$WORK/keys"
[ -f "$WORK/keys/private.pem" ] || {
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/keys/private.pem" 2>/dev/null
  openssl pkey -in "$WORK/keys/private.pem" -pubout -out "$WORK/keys/public.pem" 2>/dev/null; }
node_pid() { cat "$WORK/usr/servers/.pid/$1.pid" 2>/dev/null; }
start_node() {
  local name=$1 port=$2 src="$WORK/wlp/usr/servers/riskbase" dst="$WORK/usr/servers/$1"
  rm -rf "$dst"; mkdir -p "$dst"
  (cd "$src" && tar --exclude=./logs --exclude=./workarea -cf - .) | (cd "$dst" && tar -xf -)
  env WLP_USER_DIR="$WORK/usr" HTTP_HOST=127.0.0.1 HTTP_PORT="$port" HTTPS_PORT="$((port + 1))" \
      DB_URL="$DB_URL" DB_USER=riskbase DB_PASSWORD=riskbase REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
      RISKBASE_PROFILE=prod RISKBASE_JWT_PRIVATE_KEY="$(cat "$WORK/keys/private.pem")" \
      RISKBASE_JWT_PUBLIC_KEY="$(cat "$WORK/keys/public.pem")" RISKBASE_CACHE_ENABLED=true \
      RISKBASE_DATA_DIR="$WORK/data-$name" RISKBASE_RATELIMIT_ENABLED=false \
      "$WORK/wlp/bin/server" start "$name" >>"$RAW/server-control.log" 2>&1 || die "server start $name"
  wait_for 300 curl -sf "http://127.0.0.1:$port/health/ready" || die "$name not ready"
  say "  $name ready on $port, pid $(node_pid "$name")"
}
stop_node() {
  local name=$1 pid
  pid=$(node_pid "$name")
  [ -n "$pid" ] || return 0
  WLP_USER_DIR="$WORK/usr" "$WORK/wlp/bin/server" stop "$name" >>"$RAW/server-control.log" 2>&1 || true
  if kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null; sleep 2; kill -9 "$pid" 2>/dev/null || true; fi
  cp "$WORK/usr/servers/$name/logs/messages.log" "$RAW/$name-messages.log" 2>/dev/null || true
}
start_node soak-a "$A_PORT"
start_node soak-b "$B_PORT"

say "logging in, key sets"
PSQL -c "select id || ' ' || slug from organizations where slug like 'gen-%' order by id" >"$RAW/orgs.txt"
: >"$RAW/tokens.txt"
while read -r id slug; do
  curl -sf -X POST "$A/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"admin0@$slug.example\",\"password\":\"load-test-password\"}" \
    | jq -r .access_token >>"$RAW/tokens.txt" \
    || die "login $slug"
done <"$RAW/orgs.txt"
PSQL -c "select t.idx || ' ' || r.id from (select row_number() over (order by id) idx, id from organizations
         where slug like 'gen-%') t cross join lateral (select id from risks where org_id = t.id order by id limit 50) r
         order by t.idx, r.id" >"$RAW/ids.txt"
# read mix: 60 % by id, 15 % filtered list pages, 5 % search, 7 % matrix, 8 % dashboard, 5 % marketplace
awk '{ ids[$1] = ids[$1] " " $2; if ($1 > T) T = $1 }
  END {
    split("status=OPEN&severity=HIGH,CRITICAL&sort=-score|status=OPEN,MITIGATING&sort=-created_at|" \
      "severity=CRITICAL&sort=-score", f, "|")
    split("ransomware phishing vendor outage backup", w, " ")
    for (t = 1; t <= T; t++) {
      n = split(ids[t], list, " ")
      for (i = 1; i <= n; i++) printf "%.6f %d /api/v1/risks/%s\n", 0.60 / n, t, list[i]
      for (a = 1; a <= 3; a++) for (p = 1; p <= 3; p++)
        printf "%.6f %d /api/v1/risks?%s&page=%d\n", 0.15 / 9, t, f[a], p
      for (i = 1; i <= 5; i++) printf "%.6f %d /api/v1/risks/search?q=%s\n", 0.01, t, w[i]
      printf "0.07 %d /api/v1/risks/matrix\n0.08 %d /api/v1/dashboard/stats?period=30d\n", t, t
      printf "0.05 %d /api/v1/marketplace/connectors\n", t
    }
  }' "$RAW/ids.txt" >"$RAW/mix.txt"
# checker targets: risks 41..50 of each tenant (not in the first 40 the mix reads by id); A writes odd tenants, B even
awk 'NR==FNR { tok[NR] = $0; next } { if (++seen[$1] > 40) print $1, tok[$1], $2 }' "$RAW/tokens.txt" "$RAW/ids.txt" \
  | awk '$1 % 2 == 1 { print $2, $3 }' >"$RAW/targets-a.txt"
awk 'NR==FNR { tok[NR] = $0; next } { if (++seen[$1] > 40) print $1, tok[$1], $2 }' "$RAW/tokens.txt" "$RAW/ids.txt" \
  | awk '$1 % 2 == 0 { print $2, $3 }' >"$RAW/targets-b.txt"

mix() { # mix <base> <seconds> <out>
  BENCH_TOKENS="$RAW/tokens.txt" BENCH_PATHS="$RAW/mix.txt" BENCH_PICK=weighted BENCH_OUT="$3" BENCH_NAME=soak \
    timeout $(($2 + 60)) wrk -t2 -c"$CONNS" -d"$2s" --timeout 10s -s "$BENCH/wrk/bench.lua" "$1" >"$3.txt" 2>&1
}
rw() { # rw <base> <targets> <seconds> <out>: exit 3 when its check failed (stale reads or errors)
  timeout $(($3 + 120)) java -cp "$WORK/classes" Consistency rw "$1" "$2" "$THREADS" "$3" "$WRITE_PERCENT" "$4" >"$4.log" 2>&1
}
metric() { awk -v m="$2" 'index($0, m "{") == 1 || index($0, m " ") == 1 { s += $NF; f = 1 } END { if (f) printf "%.0f", s; else printf "NA" }' "$1"; }
sample() { # sample <node> <base> <minute>: one CSV line
  local node=$1 base=$2 m=$3 pid heap threads fds pool redis
  pid=$(node_pid "$node")
  jcmd "$pid" GC.run >/dev/null 2>&1 || true
  heap=$(jcmd "$pid" GC.heap_info 2>/dev/null | sed -n 's/.*heap *total \([0-9]*\)K, used \([0-9]*\)K.*/\2/p' | head -1 \
    | awk '{printf "%.1f", $1/1024}')
  threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")
  fds=$(ls "/proc/$pid/fd" | wc -l)
  curl -sf "$base/metrics" >"$RAW/metrics-$node.txt" || : >"$RAW/metrics-$node.txt"
  # Liberty's pool gauges: managed connections minus free ones = handed out to requests
  local managed free
  managed=$(metric "$RAW/metrics-$node.txt" connectionpool_managedConnections)
  free=$(metric "$RAW/metrics-$node.txt" connectionpool_freeConnections)
  if [ "$managed" = NA ] || [ "$free" = NA ]; then pool=NA; else pool=$((managed - free)); fi
  # Redis connections of this node: redis's client list, matched on the node's local ports (ss)
  redis=$(ss -tnp 2>/dev/null | awk -v p=":$REDIS_PORT" -v pid="pid=$pid," '$5 ~ p"$" && index($0, pid) { n++ } END { print n + 0 }')
  printf '%s,%s,%s,%s,%s,%s,%s,%s' "$m" "$node" "$heap" "$threads" "$fds" "$pool" "${managed}" "$redis"
}

say "JIT warm-up: 60 s of the mix and the checker on each node (unmeasured)"
mix "$A" 60 "$RAW/warmup-a.json" & w1=$!; mix "$B" 60 "$RAW/warmup-b.json" & w2=$!
rw "$A" "$RAW/targets-a.txt" 60 "$RAW/warmup-rw-a.json" || true
rw "$B" "$RAW/targets-b.txt" 30 "$RAW/warmup-rw-b.json" || true
wait $w1 || true; wait $w2 || true

CSV="$OUT/samples.csv"
echo "minute,node,heap_after_gc_mb,live_threads,open_fds,pool_in_use,pool_managed,redis_connections,p99_mix_ms,p99_rw_ms,requests,errors,stale_reads,reads_checked,gap_s,load1,l1_entries" >"$CSV"
FAILS=0
for m in $(seq 1 "$MINUTES"); do
  t0=$(date +%s)
  mix "$A" 60 "$RAW/m$m-mix-a.json" & pa=$!
  mix "$B" 60 "$RAW/m$m-mix-b.json" & pb=$!
  rw "$A" "$RAW/targets-a.txt" 60 "$RAW/m$m-rw-a.json" & ra=$!
  rw "$B" "$RAW/targets-b.txt" 60 "$RAW/m$m-rw-b.json" & rb=$!
  wait $pa || FAILS=$((FAILS + 1)); wait $pb || FAILS=$((FAILS + 1))
  wait $ra || true; wait $rb || true
  t1=$(date +%s)
  load1=$(cut -d' ' -f1 /proc/loadavg)
  for x in a b; do
    node=soak-$x; base=$A; [ $x = b ] && base=$B
    line=$(sample "$node" "$base" "$m")
    mixj="$RAW/m$m-mix-$x.json" rwj="$RAW/m$m-rw-$x.json"
    p99m=$(jq -r '.p99_ms // "NA"' "$mixj" 2>/dev/null || echo NA)
    p99r=$(jq -r '.p99_ms // "NA"' "$rwj" 2>/dev/null || echo NA)
    reqs=$(( $(jq -r '.requests // 0' "$mixj" 2>/dev/null || echo 0) + $(jq -r '.requests // 0' "$rwj" 2>/dev/null || echo 0) ))
    errs=$(( $(jq -r '.errors // 1' "$mixj" 2>/dev/null || echo 1) + $(jq -r '.errors // 1' "$rwj" 2>/dev/null || echo 1) ))
    stale=$(jq -r '.stale_reads // 0' "$rwj" 2>/dev/null || echo 0)
    checked=$(jq -r '.reads_checked_after_a_write // 0' "$rwj" 2>/dev/null || echo 0)
    l1=$(metric "$RAW/metrics-$node.txt" riskbase_cache_l1_entries)
    echo "$line,$p99m,$p99r,$reqs,$errs,$stale,$checked,$(( $(date +%s) - t1 )),$load1,$l1" >>"$CSV"
  done
  say "minute $m/$MINUTES ($((t1 - t0)) s): $(tail -2 "$CSV" | cut -d, -f2-14 | tr '\n' ' ')"
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
stop_node soak-b; stop_node soak-a
jq -n --arg start "$LOAD_START" --arg load_end "$LOAD_END" --argjson minutes "$MINUTES" --argjson orgs "$ORGS" \
  --argjson risks "$RISKS" --arg cmd "bench/soak.sh --minutes $MINUTES --orgs $ORGS --risks-per-org $RISKS" \
  --arg date "$(date -u +%FT%TZ)" --arg cores "$(nproc)" --argjson conns "$CONNS" --argjson threads "$THREADS" \
  --argjson wp "$WRITE_PERCENT" --argjson wrkfail "$FAILS" --arg pg "$(head -c 200 "$RAW/postgres.log" | tr -d '\n')" \
  '{date:$date, command:$cmd, minutes:$minutes, organizations:$orgs, risks_per_organization:$risks, cores:$cores,
    load_average:{start:$start, "end":$load_end}, wrk_connections_per_node:$conns, checker_threads_per_node:$threads,
    write_percent:$wp, wrk_failures:$wrkfail}' >"$OUT/meta.json"
bash "$BENCH/soak-report.sh" "$OUT"
