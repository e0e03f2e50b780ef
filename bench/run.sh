#!/usr/bin/env bash
# Riskbase benchmark harness: builds the app, starts PostgreSQL, Redis, nginx and one or two
# Riskbase nodes on 127.0.0.1, loads generated data, runs every scenario with wrk (and a small Java
# client for the consistency checks) and writes <out>/report.md, results.json and PNG charts.
# Everything it starts is stopped by PID when it exits. See docs/benchmarks.md.
#
#   bench/run.sh            full: 100 organizations x 10,000 risks (1M), 15 s per scenario
#   bench/run.sh --quick    5 x 2,000 risks, 3 s per scenario after 20 s of JIT warm-up (CI: under 6 minutes)
#
# Honest by construction: every node gets --jit-warmup seconds of load over all endpoints before its first measured
# scenario; thread dumps (jcmd) are taken only in separate, unmeasured profiling passes; a non-2xx answer, a stale
# read or a propagation timeout makes the run exit non-zero (after the report is written).
#   bench/run.sh --help     all options
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH="$ROOT/bench"
cd "$ROOT"

ARGS="$*"
MODE=full ORGS=100 RISKS=10000 DURATION=15 WARMUP=5 TENANTS=50 IDS=100 CONNS=16 PROFILE_SAMPLES=6 THREADS=2 BIG_CONNS=1000
JIT_WARMUP=60
ZIPF=1.1 RW_SECONDS="" PROP_ROUNDS=100 SKIP_BUILD=0 FRESH_DATA=0 ONLY="" OUT="" WORK="$ROOT/target/bench"

usage() {
  cat <<EOF
usage: bench/run.sh [--quick] [options]
  --quick               small data and short scenarios (5 orgs x 2,000 risks, 3 s each)
  --orgs N              organizations to generate (default $ORGS)
  --risks-per-org N     risks per organization (default $RISKS)
  --duration S          seconds per measured scenario (default $DURATION)
  --warmup S            seconds of warm-up before each warm scenario (default $WARMUP)
  --jit-warmup S        seconds of load over all endpoints on a fresh node before its first measured scenario
                        (default $JIT_WARMUP; quick 20)
  --profile-samples N   thread dumps per profiling pass, taken outside the measured windows (0: no profiling;
                        default $PROFILE_SAMPLES, quick 0)
  --tenants N           organizations whose ADMIN logs in and is read (default $TENANTS, at most --orgs)
  --ids N               risk ids per tenant in the by-id key set (default $IDS)
  --connections N       wrk connections for the per-endpoint scenarios (default $CONNS)
  --big-connections N   connections of the many-connections scenario (default $BIG_CONNS)
  --zipf S              exponent of the Zipf-like skew over tenants and ids (default $ZIPF)
  --out DIR             result directory (default bench/results/<date>; quick: target/bench/results/<date>-quick)
  --skip-build          use the server already prepared in target/liberty
  --fresh-data          drop the kept PostgreSQL data of this size and load again
  --prop-rounds N        rounds of the propagation scenario, 4 writes each (default $PROP_ROUNDS; quick 25)
  --only propagation    only the two-node propagation scenario (node A warm, node B, the writes; no report.md,
                        the figures in <out>/raw/propagation_*.json)
Ports (environment): BENCH_PG_PORT 15581, BENCH_REDIS_PORT 15582, BENCH_NGINX_PORT 9581,
  BENCH_A_PORT 9582 (+1 https), BENCH_B_PORT 9584 (+1 https). Only 127.0.0.1 is used.
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) MODE=quick ORGS=5 RISKS=2000 DURATION=3 WARMUP=1 TENANTS=5 IDS=50 CONNS=8 PROP_ROUNDS=25 PROFILE_SAMPLES=0 JIT_WARMUP=20 ;;
    --orgs) ORGS=$2; shift ;;
    --risks-per-org) RISKS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --jit-warmup) JIT_WARMUP=$2; shift ;;
    --prop-rounds) PROP_ROUNDS=$2; shift ;;
    --profile-samples) PROFILE_SAMPLES=$2; shift ;;
    --tenants) TENANTS=$2; shift ;;
    --ids) IDS=$2; shift ;;
    --connections) CONNS=$2; shift ;;
    --big-connections) BIG_CONNS=$2; shift ;;
    --zipf) ZIPF=$2; shift ;;
    --out) OUT=$2; shift ;;
    --skip-build) SKIP_BUILD=1 ;;
    --fresh-data) FRESH_DATA=1 ;;
    --only) ONLY=$2; [ "$ONLY" = propagation ] || { echo "--only: propagation is the one scenario that runs alone" >&2; exit 2; }; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
[ "$TENANTS" -gt "$ORGS" ] && TENANTS=$ORGS
RW_SECONDS=${RW_SECONDS:-$DURATION}

PG_PORT=${BENCH_PG_PORT:-15581}
REDIS_PORT=${BENCH_REDIS_PORT:-15582}
NGINX_PORT=${BENCH_NGINX_PORT:-9581}
A_PORT=${BENCH_A_PORT:-9582}
B_PORT=${BENCH_B_PORT:-9584}
A="http://127.0.0.1:$A_PORT"
B="http://127.0.0.1:$B_PORT"
STAMP=$(date -u +%Y-%m-%d-%H%M)
if [ -z "$OUT" ]; then
  if [ "$MODE" = quick ]; then OUT="$WORK/results/$STAMP-quick"; else OUT="$BENCH/results/$STAMP"; fi
fi
mkdir -p "$OUT/raw" "$WORK/tmp"
OUT=$(cd "$OUT" && pwd)
RAW="$OUT/raw"
BEGAN=$(date +%s)

# ---------------------------------------------------------------- helpers
say() { printf '[%s %4ss] %s\n' "$(date +%H:%M:%S)" "$(( $(date +%s) - BEGAN ))" "$*"; }
die() { say "FAILED: $*" >&2; exit 1; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

PIDS=()
cleanup() {
  local rc=$?
  set +e
  for node in bench-b bench-a; do
    [ -f "$WORK/usr/servers/$node/server.xml" ] && stop_node "$node" >/dev/null 2>&1
  done
  for ((i=${#PIDS[@]}-1; i>=0; i--)); do
    local pid=${PIDS[i]}
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
    fi
  done
  [ $rc -ne 0 ] && say "stopped everything after an error (exit $rc); logs in $RAW and $WORK/usr/servers/*/logs"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wait_for <seconds> <command...>: retries the command every 0.25 s
wait_for() {
  local limit=$1; shift
  local deadline=$(( $(date +%s) + limit ))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.25
  done
}

# ---------------------------------------------------------------- 1. tools
install_tools() {
  local need=()
  command -v wrk >/dev/null || need+=(wrk)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
  command -v gnuplot >/dev/null || need+=(gnuplot-nox)
  command -v redis-server >/dev/null || need+=(redis-server)
  command -v jq >/dev/null || need+=(jq)
  command -v psql >/dev/null || need+=(postgresql-client)
  command -v curl >/dev/null || need+=(curl)
  command -v openssl >/dev/null || need+=(openssl)
  command -v mvn >/dev/null || need+=(maven)
  if [ ${#need[@]} -gt 0 ]; then
    say "installing ${need[*]}"
    [ "$(id -u)" = 0 ] || die "missing ${need[*]}: install them or run as root"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >"$RAW/apt.log" 2>&1
    apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends "${need[@]}" >>"$RAW/apt.log" 2>&1 || die "apt-get failed, see $RAW/apt.log"
  fi
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
  # 1,000 connections on each side of loopback plus the server's own files
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
}

# ---------------------------------------------------------------- 2. build
build() {
  if [ "$SKIP_BUILD" = 1 ] && [ -f target/liberty/wlp/usr/servers/riskbase/apps/riskbase.war ] && [ -f target/bench-classpath.txt ]; then
    say "build skipped (--skip-build)"
    return
  fi
  say "building (mvn package, Liberty server riskbase with the WAR, test classpath)"
  mvn -q -B -DskipTests package liberty:create@prepare-it-server liberty:deploy@prepare-it-server \
      dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >"$RAW/build.log" 2>&1 \
    || { tail -40 "$RAW/build.log"; die "build failed"; }
}

# ---------------------------------------------------------------- 3. PostgreSQL, Redis, nginx
PSQL() { PGPASSWORD=riskbase psql -X -q -A -t -h 127.0.0.1 -p "$PG_PORT" -U riskbase -d riskbase -v ON_ERROR_STOP=1 "$@"; }

start_postgres() {
  PGDIR="$WORK/pg-${ORGS}x${RISKS}"
  if [ "$FRESH_DATA" = 1 ] || [ ! -f "$PGDIR/bench-loaded" ]; then rm -rf "$PGDIR"; fi
  CP="$ROOT/target/classes:$ROOT/target/test-classes:$(cat target/bench-classpath.txt)"
  say "starting PostgreSQL (zonky binaries, io.riskbase.it.support.StandalonePostgres) on 127.0.0.1:$PG_PORT, data $PGDIR"
  java -Djava.io.tmpdir="$WORK/tmp" -cp "$CP" io.riskbase.it.support.StandalonePostgres "$PG_PORT" "$PGDIR" >"$RAW/postgres.log" 2>&1 &
  PIDS+=($!)
  wait_for 180 grep -q "PostgreSQL ready" "$RAW/postgres.log" || { tail -20 "$RAW/postgres.log"; die "PostgreSQL did not start"; }
  DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/riskbase"
}

load_data() {
  if [ -f "$PGDIR/bench-loaded" ]; then
    say "data kept from an earlier run: $(cat "$PGDIR/bench-loaded")"
    LOAD_JSON=$(jq -c '.reused = true' "$PGDIR/bench-load.json")
    return
  fi
  say "loading $ORGS organizations x $RISKS risks with RiskDataGenerator (progress in raw/generator.log)"
  java -Djava.io.tmpdir="$WORK/tmp" -cp "$CP" io.riskbase.risk.generator.RiskDataGenerator --url "$DB_URL" --user riskbase --password riskbase \
      --orgs "$ORGS" --risks-per-org "$RISKS" --migrate >"$RAW/generator.log" 2>&1 &
  local gen=$!
  PIDS+=($gen)
  while kill -0 $gen 2>/dev/null; do
    sleep 10
    kill -0 $gen 2>/dev/null && say "  generator: $(tail -c 200 "$RAW/generator.log" | tr '\r' '\n' | grep . | tail -1 | cut -c1-100)"
  done
  wait $gen || { tail -20 "$RAW/generator.log"; die "generator failed"; }
  local line; line=$(grep '^done:' "$RAW/generator.log" | tail -1)
  local rate; rate=$(echo "$line" | sed -n 's/.*(\([0-9,]*\) risks\/s).*/\1/p' | tr -d ,)
  local gsecs; gsecs=$(echo "$line" | sed -n 's/.* in \([0-9.]*\) s .*/\1/p')
  LOAD_JSON=$(jq -n --argjson rows "$((ORGS * RISKS))" --arg secs "${gsecs:-0}" --arg rate "${rate:-0}" --arg date "$(date -u +%FT%TZ)" \
    '{rows:$rows, seconds:($secs|tonumber), risks_per_s:($rate|tonumber), loaded_at:$date, reused:false}')
  echo "$LOAD_JSON" > "$PGDIR/bench-load.json"
  echo "$((ORGS * RISKS)) risks loaded $(date -u +%FT%TZ)" > "$PGDIR/bench-loaded"
}

# ---- the catalogue (issue 15): assets, controls, 2 frameworks of 210 requirements, mappings and links per
# organization, for the coverage and control-impact reads. A marker of its own: data kept from a run before the
# catalogue was in the benchmark gets it added.
CATALOG_ASSETS=${CATALOG_ASSETS:-2000} CATALOG_CONTROLS=${CATALOG_CONTROLS:-500}
load_catalog() {
  [ "$MODE" = quick ] && CATALOG_ASSETS=200 CATALOG_CONTROLS=50
  if [ -f "$PGDIR/bench-catalog-loaded" ]; then
    say "catalogue kept from an earlier run: $(cat "$PGDIR/bench-catalog-loaded")"
    return
  fi
  say "adding the catalogue ($CATALOG_ASSETS assets, $CATALOG_CONTROLS controls, 2 frameworks per organization)"
  java -Djava.io.tmpdir="$WORK/tmp" -cp "$CP" io.riskbase.control.generator.CatalogDataGenerator --url "$DB_URL" \
      --user riskbase --password riskbase --prefix gen --assets "$CATALOG_ASSETS" --controls "$CATALOG_CONTROLS" \
      >"$RAW/catalog-generator.log" 2>&1 || { tail -20 "$RAW/catalog-generator.log"; die "catalogue generator failed"; }
  grep '^done:' "$RAW/catalog-generator.log" | tail -1 | tee "$PGDIR/bench-catalog-loaded" | sed 's/^/  /'
}

# per tenant: its first framework and its most mapped control ("<tenant index> <framework id> <control id>")
catalog_ids() {
  PSQL -c "select t.idx || ' ' || f.id || ' ' || c.control_id
           from (select row_number() over (order by id) idx, id from organizations where slug like 'gen-%' order by id limit $TENANTS) t
           cross join lateral (select id from frameworks where org_id = t.id order by id limit 1) f
           cross join lateral (select control_id from control_requirements where org_id = t.id
                               group by control_id order by count(*) desc, control_id limit 1) c
           order by t.idx" >"$RAW/catalog_ids.txt"
  [ "$(wc -l <"$RAW/catalog_ids.txt")" -eq "$TENANTS" ] || die "expected a framework and a mapped control in each of $TENANTS organizations"
}

start_redis() {
  say "starting redis-server on 127.0.0.1:$REDIS_PORT"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --protected-mode yes \
      --dir "$WORK/tmp" >"$RAW/redis.log" 2>&1 &
  PIDS+=($!)
  wait_for 20 redis-cli -p "$REDIS_PORT" ping || die "Redis did not start"
}

start_nginx() {
  local dir="$WORK/nginx"
  mkdir -p "$dir/html" "$dir/tmp"
  cat >"$dir/nginx.conf" <<EOF
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/tmp; proxy_temp_path $dir/tmp; fastcgi_temp_path $dir/tmp; uwsgi_temp_path $dir/tmp; scgi_temp_path $dir/tmp;
  keepalive_requests 1000000;
  types { application/json json; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $dir/html;
  }
}
EOF
  echo '{"status":"ok"}' > "$dir/html/static.json"
  say "starting nginx on 127.0.0.1:$NGINX_PORT (static JSON)"
  "$NGINX" -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' >"$RAW/nginx.log" 2>&1 &
  PIDS+=($!)
  wait_for 20 curl -sf "http://127.0.0.1:$NGINX_PORT/static.json" || die "nginx did not start"
}

# ---------------------------------------------------------------- 4. Riskbase nodes
make_keys() {
  local dir="$WORK/keys"
  mkdir -p "$dir"
  if [ ! -f "$dir/private.pem" ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/private.pem" 2>/dev/null
    openssl pkey -in "$dir/private.pem" -pubout -out "$dir/public.pem" 2>/dev/null
  fi
  JWT_PRIVATE=$(cat "$dir/private.pem")
  JWT_PUBLIC=$(cat "$dir/public.pem")
}

# prepare_node <name>: a copy of the server the build prepared (like LibertyNode in the tests)
prepare_node() {
  local name=$1 src="$ROOT/target/liberty/wlp/usr/servers/riskbase" dst="$WORK/usr/servers/$1"
  rm -rf "$dst"
  mkdir -p "$dst"
  (cd "$src" && tar --exclude=./logs --exclude=./workarea -cf - .) | (cd "$dst" && tar -xf -)
}

node_pid() { cat "$WORK/usr/servers/.pid/$1.pid" 2>/dev/null; }

# start_node <name> <port> <cache enabled true|false>: sets READY_MS
start_node() {
  local name=$1 port=$2 cache=$3
  prepare_node "$name"
  local t0; t0=$(date +%s%N)
  # quick mode (CI's smoke run) caps the node's own warm-up before ready at 10 s; its --jit-warmup does the rest
  local warm=(); [ "$MODE" = quick ] && warm=(RISKBASE_WARMUP_SECONDS=10)
  env "${warm[@]}" WLP_USER_DIR="$WORK/usr" HTTP_HOST=127.0.0.1 HTTP_PORT="$port" HTTPS_PORT="$((port + 1))" \
      DB_URL="$DB_URL" DB_USER=riskbase DB_PASSWORD=riskbase REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
      RISKBASE_PROFILE=prod RISKBASE_JWT_PRIVATE_KEY="$JWT_PRIVATE" RISKBASE_JWT_PUBLIC_KEY="$JWT_PUBLIC" \
      RISKBASE_CACHE_ENABLED="$cache" RISKBASE_DATA_DIR="$WORK/data-$name" \
      RISKBASE_RATELIMIT_ENABLED="${BENCH_RATELIMIT:-false}" \
      "$ROOT/target/liberty/wlp/bin/server" start "$name" >>"$RAW/server-control.log" 2>&1 || die "server start $name failed"
  wait_for 240 curl -sf "http://127.0.0.1:$port/health/ready" \
    || { tail -40 "$WORK/usr/servers/$name/logs/messages.log"; die "$name not ready after 240 s"; }
  READY_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
  say "  $name ready on 127.0.0.1:$port (cache enabled: $cache) in ${READY_MS} ms, pid $(node_pid "$name")"
}

stop_node() {
  local name=$1 pid
  pid=$(node_pid "$name")
  WLP_USER_DIR="$WORK/usr" "$ROOT/target/liberty/wlp/bin/server" stop "$name" >>"$RAW/server-control.log" 2>&1 || true
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null; sleep 2; kill -9 "$pid" 2>/dev/null || true; fi
  cp "$WORK/usr/servers/$name/logs/messages.log" "$RAW/$name-messages-$(date +%H%M%S).log" 2>/dev/null || true
}

# heap <name> <label>: full GC, then the heap in use (MB) into raw/heap-<label>.txt; prints the MB
heap() {
  local pid; pid=$(node_pid "$1")
  jcmd "$pid" GC.run >/dev/null 2>&1 || true
  jcmd "$pid" GC.heap_info >"$RAW/heap-$2.txt" 2>&1 || true
  sed -n 's/.*heap *total \([0-9]*\)K, used \([0-9]*\)K.*/\2/p' "$RAW/heap-$2.txt" | head -1 | awk '{printf "%.1f", $1/1024}'
}

# ---------------------------------------------------------------- 5. users, tokens and key sets
login_tenants() {
  say "logging in the ADMIN of $TENANTS organizations"
  PSQL -c "select id || ' ' || slug from organizations where slug like 'gen-%' order by id limit $TENANTS" >"$RAW/orgs.txt"
  [ "$(wc -l <"$RAW/orgs.txt")" -eq "$TENANTS" ] || die "expected $TENANTS generated organizations, found $(wc -l <"$RAW/orgs.txt")"
  : >"$RAW/tokens.txt"
  while read -r id slug; do
    local token
    token=$(curl -sf -X POST "$A/api/v1/auth/login" -H 'Content-Type: application/json' \
      -d "{\"email\":\"admin0@$slug.example\",\"password\":\"load-test-password\"}" | jq -r .access_token) || die "login admin0@$slug.example failed"
    [ -n "$token" ] && [ "$token" != null ] || die "no token for admin0@$slug.example"
    echo "$token" >>"$RAW/tokens.txt"
  done <"$RAW/orgs.txt"
  # risk ids per tenant: the first IDS of each (the generator spreads them over the whole data set)
  PSQL -c "select t.idx || ' ' || r.id from (select row_number() over (order by id) idx, id from organizations where slug like 'gen-%' order by id limit $TENANTS) t
           cross join lateral (select id from risks where org_id = t.id order by id limit $IDS) r order by t.idx, r.id" >"$RAW/ids.txt"
}

# path files "<weight> <token index> <path>"; weighted picks multiply a Zipf weight per tenant rank
# (1/rank^s) by one per key rank within the tenant
make_paths() {
  local P="$RAW/paths"
  mkdir -p "$P"
  awk '{print 1, $1, "/api/v1/risks/" $2}' "$RAW/ids.txt" >"$P/by_id.txt"
  seq 1 "$TENANTS" | awk '{print 1, $1, "/api/v1/risks?status=OPEN&severity=HIGH,CRITICAL&sort=-score"}' >"$P/list_filtered.txt"
  seq 1 "$TENANTS" | awk '{print 1, $1, "/api/v1/risks/search?q=ransomware"}' >"$P/search.txt"
  seq 1 "$TENANTS" | awk '{print 1, $1, "/api/v1/risks/matrix"}' >"$P/matrix.txt"
  seq 1 "$TENANTS" | awk '{print 1, $1, "/api/v1/dashboard/stats?period=30d"}' >"$P/stats.txt"
  seq 1 "$TENANTS" | awk '{print 1, $1, "/api/v1/marketplace/connectors"}' >"$P/marketplace.txt"
  # the risk model's reads (issue 14): a person's open tasks across risks, and the overdue reviews
  seq 1 "$TENANTS" | awk '{print 1, $1, "/api/v1/tasks?owner=me&status=open"}' >"$P/my_tasks.txt"
  seq 1 "$TENANTS" | awk '{print 1, $1, "/api/v1/risks?review=overdue&sort=next_review_at"}' >"$P/overdue_reviews.txt"
  # the catalogue's tenant-wide aggregates (issue 15): a framework's coverage, a control's impact
  catalog_ids
  awk '{print 1, $1, "/api/v1/frameworks/" $2 "/coverage"}' "$RAW/catalog_ids.txt" >"$P/coverage.txt"
  awk '{print 1, $1, "/api/v1/controls/" $3 "/impact"}' "$RAW/catalog_ids.txt" >"$P/control_impact.txt"
  seq 1 "$TENANTS" | awk '{print 1, $1, "/api/v1/ping/auth"}' >"$P/ping_auth.txt"
  echo "1 0 /api/v1/ping" >"$P/ping.txt"
  echo "1 0 /static.json" >"$P/nginx.txt"
  # the read mix: 60 % by id, 15 % filtered lists (3 filters x 3 pages), 5 % search (5 words),
  # 7 % matrix, 8 % dashboard, 5 % marketplace; Zipf-like over tenants, ids, pages and words
  awk -v s="$ZIPF" -v T="$TENANTS" '
    function z(rank) { return 1 / (rank ^ s) }
    { ids[$1] = ids[$1] " " $2 }
    END {
      split("status=OPEN&severity=HIGH,CRITICAL&sort=-score|status=OPEN,MITIGATING&sort=-created_at|severity=CRITICAL&sort=-score", f, "|")
      split("ransomware phishing vendor outage backup", w, " ")
      for (t = 1; t <= T; t++) {
        tw = z(t)
        n = split(ids[t], list, " "); norm = 0
        for (i = 1; i <= n; i++) norm += z(i)
        for (i = 1; i <= n; i++) printf "%.9g %d /api/v1/risks/%s\n", tw * 0.60 * z(i) / norm, t, list[i]
        norm = 0; for (i = 1; i <= 9; i++) norm += z(i)
        k = 0
        for (a = 1; a <= 3; a++) for (p = 1; p <= 3; p++) { k++; printf "%.9g %d /api/v1/risks?%s&page=%d\n", tw * 0.15 * z(k) / norm, t, f[a], p }
        norm = 0; for (i = 1; i <= 5; i++) norm += z(i)
        for (i = 1; i <= 5; i++) printf "%.9g %d /api/v1/risks/search?q=%s\n", tw * 0.05 * z(i) / norm, t, w[i]
        printf "%.9g %d /api/v1/risks/matrix\n", tw * 0.07, t
        printf "%.9g %d /api/v1/dashboard/stats?period=30d\n", tw * 0.06, t
        printf "%.9g %d /api/v1/dashboard/stats?period=7d\n", tw * 0.02, t
        printf "%.9g %d /api/v1/marketplace/connectors\n", tw * 0.05, t
      }
    }' "$RAW/ids.txt" >"$P/mix.txt"
  # read/write checker targets: 4 risks per tenant (at least 16)
  awk 'NR==FNR { tok[NR] = $0; next } { if (++seen[$1] <= 4) print tok[$1], $2 }' "$RAW/tokens.txt" "$RAW/ids.txt" >"$RAW/targets.txt"
  while [ "$(wc -l <"$RAW/targets.txt")" -lt 16 ]; do
    awk 'NR==FNR { tok[NR] = $0; next } { if (++seen[$1] > 4 && seen[$1] <= 8) print tok[$1], $2 }' "$RAW/tokens.txt" "$RAW/ids.txt" >>"$RAW/targets.txt"
    break
  done
  # a real risk as nginx's static file, so both carry a body of the same size
  local first; first=$(awk 'NR==1 {print $3}' "$P/by_id.txt")
  curl -sf "$A$first" -H "Authorization: Bearer $(head -1 "$RAW/tokens.txt")" >"$WORK/nginx/html/static.json" || true
}

# ---------------------------------------------------------------- 6. scenarios
SCEN_N=0
SCEN_TOTAL=0

# wrk_run <name> <base url> <paths> <pick> <connections> <seconds> [threads]: raw/<name>.json
wrk_run() {
  local name=$1 base=$2 paths=$3 pick=$4 conns=$5 secs=$6 threads=${7:-$THREADS}
  [ "$threads" -gt "$conns" ] && threads=$conns
  local load; load=$(loadavg)
  BENCH_TOKENS="$RAW/tokens.txt" BENCH_PATHS="$RAW/paths/$paths.txt" BENCH_PICK="$pick" BENCH_OUT="$RAW/$name.json" BENCH_NAME="$name" \
    timeout $((secs + 60)) wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s -s "$BENCH/wrk/bench.lua" "$base" >"$RAW/$name.wrk.txt" 2>&1 \
    || { cat "$RAW/$name.wrk.txt"; die "wrk $name failed"; }
  [ -s "$RAW/$name.json" ] || die "wrk $name wrote no result"
  local tmp; tmp=$(jq -c --arg load "$load" --arg l2 "$(loadavg)" --argjson c "$conns" --argjson t "$threads" --arg url "$base" --arg pick "$pick" --arg paths "$paths" \
    '. + {load_before:$load, load_after:$l2, connections:$c, threads:$t, url:$url, pick:$pick, key_set:$paths}' "$RAW/$name.json")
  echo "$tmp" >"$RAW/$name.json"
}

# scenario <name> <description> <wrk_run args...>: progress line, run, one-line summary
scenario() {
  local name=$1 desc=$2; shift 2
  SCEN_N=$((SCEN_N + 1))
  say "[$SCEN_N/$SCEN_TOTAL] $name: $desc"
  wrk_run "$name" "$@"
  say "$(jq -r '"        \(.rps|floor) req/s  p50 \(.p50_ms) ms  p95 \(.p95_ms) ms  p99 \(.p99_ms) ms  errors \(.errors)"' "$RAW/$name.json")"
}

# jit_warmup <base> [seconds]: --jit-warmup seconds over every endpoint (the read mix, /ping and /ping/auth), unmeasured
jit_warmup() {
  [ -s "$RAW/paths/jit.txt" ] || { cat "$RAW/paths/mix.txt"; echo "0.3 1 /api/v1/ping/auth"; echo "0.1 0 /api/v1/ping"; } >"$RAW/paths/jit.txt"
  WARMUP_S=${2:-$JIT_WARMUP}
  say "  JIT warm-up: $WARMUP_S s over every endpoint on $1 (unmeasured)"
  warmup "$1" jit weighted "$CONNS"
}

WARMUP_S=""
warmup() { # warmup <base> <paths> <pick> <conns>: unmeasured pass of $WARMUP_S or --warmup seconds
  local secs=${WARMUP_S:-$WARMUP}
  WARMUP_S=""
  BENCH_TOKENS="$RAW/tokens.txt" BENCH_PATHS="$RAW/paths/$2.txt" BENCH_PICK="$3" BENCH_OUT="" BENCH_NAME=warmup \
    timeout $((secs + 60)) wrk -t"$THREADS" -c"$4" -d"${secs}s" --timeout 10s -s "$BENCH/wrk/bench.lua" "$1" >"$RAW/warmup-$2.txt" 2>&1 || true
}

# metric_sum <file> <metric name>: sum over every label set
metric_sum() { awk -v m="$2" 'index($0, m "{") == 1 || index($0, m " ") == 1 { s += $NF } END { printf "%.0f", s + 0 }' "$1"; }
scrape() { curl -sf "$1/metrics" >"$RAW/metrics-$2.txt" || die "metrics of $1"; }

# statuses_json <before> <after>: answers outside 2xx by status code between two scrapes (Liberty's
# http_server_request_duration_seconds_count; wrk counts them but does not say which), and cache misses
statuses_json() {
  awk '
    FNR == 1 { f++ }
    /^http_server_request_duration_seconds_count\{/ {
      code = $0; sub(/.*http_response_status_code="/, "", code); sub(/".*/, "", code)
      if (code !~ /^2/) v[f, code] += $NF; codes[code] = 1
    }
    /^riskbase_cache_misses_total\{/ { m[f] += $NF }
    END {
      printf "{\"non_2xx\":{"; sep = ""
      for (c in codes) if (c !~ /^2/ && v[2, c] - v[1, c] > 0) { printf "%s\"%s\":%d", sep, c, v[2, c] - v[1, c]; sep = "," }
      printf "},\"misses\":%d}\n", m[2] - m[1]
    }' "$RAW/metrics-$1.txt" "$RAW/metrics-$2.txt"
}

# cache hit rate between two scrapes, all namespaces and the data namespaces (without session/user)
hit_rate_json() {
  local before=$1 after=$2
  awk -v out=json '
    FNR == 1 { f++ }
    /^riskbase_cache_hits_total\{/ || /^riskbase_cache_misses_total\{/ {
      ns = $0; sub(/.*namespace="/, "", ns); sub(/".*/, "", ns)
      kind = ($0 ~ /^riskbase_cache_hits_total/) ? "h" : "m"
      tier = ""; if (kind == "h") { tier = $0; sub(/.*tier="/, "", tier); sub(/".*/, "", tier) }
      v[f, kind, ns, tier] += $NF; nss[ns] = 1; if (tier != "") tiers[tier] = 1
    }
    END {
      printf "{\"namespaces\":{"; sep = ""
      for (ns in nss) {
        h = 0; for (t in tiers) { d[t] = v[2, "h", ns, t] - v[1, "h", ns, t]; h += d[t] }
        m = v[2, "m", ns, ""] - v[1, "m", ns, ""]
        printf "%s\"%s\":{\"hits\":%d,\"misses\":%d", sep, ns, h, m; sep = ","
        for (t in tiers) printf ",\"hits_%s\":%d", t, d[t]
        printf "}"
        H += h; M += m
        if (ns != "session" && ns != "user" && ns != "organization" && ns != "settings") { DH += h; DM += m }
      }
      printf "},\"hits\":%d,\"misses\":%d,\"hit_rate\":%.5f,\"data_hits\":%d,\"data_misses\":%d,\"data_hit_rate\":%.5f}\n",
        H, M, (H + M) ? H / (H + M) : 0, DH, DM, (DH + DM) ? DH / (DH + DM) : 0
    }' "$RAW/metrics-$before.txt" "$RAW/metrics-$after.txt"
}

# profile_pass <name> <node> <base> <paths> <pick>: an unmeasured wrk pass of --duration seconds with thread dumps,
# so that no measured window ever pays for a jcmd (each one is a JVM start, 1-2 s of CPU on a busy machine)
profile_pass() {
  local name=$1 node=$2 base=$3 paths=$4 pick=$5
  [ "$PROFILE_SAMPLES" -gt 0 ] || return 0
  profile_cold "$name" "$PROFILE_SAMPLES" "$node"
  BENCH_TOKENS="$RAW/tokens.txt" BENCH_PATHS="$RAW/paths/$paths.txt" BENCH_PICK="$pick" BENCH_OUT="" BENCH_NAME=profile \
    timeout $((DURATION + 60)) wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --timeout 10s -s "$BENCH/wrk/bench.lua" "$base" \
    >"$RAW/profile-pass-$name.txt" 2>&1 || true
  wait "$PROFILER" 2>/dev/null || true
  classify_stacks "$name" >"$RAW/profile-$name.json"
}

# jstack samples of the request threads during a profiling pass: where the time goes
profile_cold() { # profile_cold <name> <samples> <node>: background, writes raw/jstack-<name>-<i>.txt
  local name=$1 n=$2 pid; pid=$(node_pid "$3")
  local gap; gap=$(awk -v d="$DURATION" -v n="$n" 'BEGIN { printf "%.1f", d / (n + 1) }')
  (
    # each jcmd is a JVM start of its own (1-2 s on a busy machine): samples taken after the end are dropped
    local until=$(( $(date +%s) + DURATION ))
    for i in $(seq 1 "$n"); do
      sleep "$gap"
      [ "$(date +%s)" -lt "$until" ] || break
      jcmd "$pid" Thread.print >"$RAW/jstack-$name-$i.txt" 2>/dev/null || true
    done
  ) &
  PROFILER=$!
}

classify_stacks() { # classify_stacks <name>: busy request threads by the topmost frame that names a component, as JSON
  cat "$RAW"/jstack-"$1"-*.txt 2>/dev/null | awk '
    function kind(f) {
      if (f ~ /org\.postgresql/) return "postgresql_jdbc"
      if (f ~ /com\.ibm\.ws\.rsadapter|com\.ibm\.ejs\.j2c|com\.ibm\.ws\.jca/) return "connection_pool"
      if (f ~ /org\.hibernate/) return "hibernate"
      if (f ~ /yasson|parsson|jakarta\.json/) return "json"
      if (f ~ /com\.ibm\.ws\.injectionengine|org\.jboss\.weld/) return "cdi_injection"
      if (f ~ /com\.ibm\.ws\.security|nimbus|jwt/) return "security_jwt"
      if (f ~ /redisson|io\.netty/) return "redis"
      if (f ~ /hazelcast/) return "hazelcast_l1"
      if (f ~ /io\.riskbase/) return "riskbase_code"
      if (f ~ /com\.ibm\.ws\.(tcpchannel|http)|com\.ibm\.ws\.webcontainer/) return "http_io"
      return ""
    }
    function flush() {
      if (n > 0 && !(idle)) { k = "other"; for (i = 1; i <= n; i++) { k2 = kind(fr[i]); if (k2 != "") { k = k2; break } } c[k]++; total++ }
      n = 0; idle = 0
    }
    /^"/ { flush(); inthread = ($0 ~ /Default Executor-thread/); next }
    inthread && /^\tat / { fr[++n] = $0; if ($0 ~ /ThreadPoolExecutor\.getTask/) idle = 1 }
    END { flush(); printf "{\"busy_thread_samples\":%d", total; for (k in c) printf ",\"%s\":%d", k, c[k]; printf "}\n" }'
}

# Search and dashboard recomputations sit behind bulkheads of 8 (RiskService.EXPENSIVE_CONCURRENCY,
# DashboardService.RECOMPUTE_CONCURRENCY) that refuse the ninth concurrent caller with 503 by design. With the cache
# off every request is a recomputation, so those endpoints are measured at the width the node admits: more connections
# would only measure refusals. Warm figures keep --connections (hits never reach the bulkheads).
BULKHEAD_WIDTH=8
cold_conns() { # cold_conns <endpoint>
  case $1 in
    search | stats) echo $((CONNS < BULKHEAD_WIDTH ? CONNS : BULKHEAD_WIDTH)) ;;
    *) echo "$CONNS" ;;
  esac
}

# drain <base>: wrk stops sending at the end of a warm-up, but the node still runs what was in flight; a measured
# scenario that starts then finds the bulkheads occupied and counts the refusals as its errors. Wait (at most 60 s)
# until no bulkhead execution is running.
drain() {
  local i
  for i in $(seq 1 120); do
    [ "$(curl -sf "$1/metrics" | metric_sum /dev/stdin ft_bulkhead_executionsRunning)" = 0 ] && return 0
    sleep 0.5
  done
  say "  warning: bulkheads of $1 still busy after 60 s"
}

# the catalogue's reads (issue 15), kept apart from the risk reads above
CATALOG_ENDPOINTS="coverage control_impact"

# ---- invalidation propagation: writes on A, B polled over HTTP; B's own lag metric
propagation_scenario() {
  SCEN_N=$((SCEN_N + 1))
  say "[$SCEN_N/$SCEN_TOTAL] propagation: $PROP_ROUNDS rounds x 4 writers: write on A, poll B until the new version shows"
  scrape "$B" prop-before
  local rc=0
  java "$BENCH/java/Consistency.java" propagation "$A" "$B" "$RAW/targets.txt" 4 "$PROP_ROUNDS" "$RAW/propagation_http.json" >"$RAW/propagation.log" 2>&1 || rc=$?
  [ $rc -eq 0 ] || [ $rc -eq 3 ] || { cat "$RAW/propagation.log"; die "propagation failed"; }
  [ $rc -eq 0 ] || say "        propagation FAILED its check: $(grep -E "FAILED|^timeout:" "$RAW/propagation.log")"
  scrape "$B" prop-after
  grep '^riskbase_cache_invalidation_lag_seconds' "$RAW/metrics-prop-after.txt" >"$RAW/lag-metric.txt" || true
  awk '
    /^riskbase_cache_invalidation_lag_seconds\{.*quantile="/ { q = $0; sub(/.*quantile="/, "", q); sub(/".*/, "", q); v[q] = $NF * 1000 }
    /^riskbase_cache_invalidation_lag_seconds_count/ { n = $NF }
    /^riskbase_cache_invalidation_lag_seconds_max/ { mx = $NF * 1000 }
    END { printf "{\"count\":%d,\"max_ms\":%.3f,\"quantiles_ms\":{", n, mx; s = ""; for (q in v) { printf "%s\"%s\":%.3f", s, q, v[q]; s = "," } printf "}}\n" }' \
    "$RAW/lag-metric.txt" >"$RAW/propagation_metric.json"
  say "$(jq -r '"        over HTTP: p50 \(.p50_ms) ms  p99 \(.p99_ms) ms  max \(.max_ms) ms  (\(.writes) writes, \(.timeouts_5s) timeouts)"' "$RAW/propagation_http.json")"
  say "$(jq -r '"        the poll that saw it: p50 \(.seen_poll.p50_ms) ms  p99 \(.seen_poll.p99_ms) ms (in B p50 \(.seen_poll.server_p50_ms) p99 \(.seen_poll.server_p99_ms) ms, database p50 \(.seen_poll.db_p50_ms) ms, Redis p50 \(.seen_poll.redis_p50_ms) ms), answered by \(.seen_poll.tiers | tostring)"' "$RAW/propagation_http.json")"
  say "        node B lag metric: $(jq -c '.quantiles_ms' "$RAW/propagation_metric.json") ms, count $(jq .count "$RAW/propagation_metric.json")"
}

# --only propagation: node A warm, node B, the propagation scenario alone
run_propagation_only() {
  SCEN_TOTAL=1
  start_node bench-a "$A_PORT" true
  login_tenants
  make_paths
  jit_warmup "$A"
  start_node bench-b "$B_PORT" true
  jit_warmup "$B" $(( JIT_WARMUP / 2 ))
  propagation_scenario
}

run_scenarios() {
  local endpoints="by_id list_filtered search matrix stats marketplace my_tasks overdue_reviews"
  endpoints="$endpoints $CATALOG_ENDPOINTS"
  SCEN_TOTAL=$(( 8 + 3 + 8 + 1 + 1 + 1 + 1 + 3 + 1 + 2 * $(echo $CATALOG_ENDPOINTS | wc -w) ))
  META_READY_COLD=0 META_READY_WARM=0

  # ---- cold: one node with the cache disabled by configuration (the honest uncached path)
  say "phase 1: cold node (RISKBASE_CACHE_ENABLED=false)"
  start_node bench-a "$A_PORT" false; META_READY_COLD=$READY_MS
  login_tenants
  make_paths
  # JIT warm-up of the whole request path (every endpoint) before anything is measured (same on every node)
  jit_warmup "$A"
  for e in $endpoints; do
    local conns; conns=$(cold_conns "$e")
    # a short unmeasured pass warms the JIT and PostgreSQL's buffers, not any cache
    warmup "$A" "$e" uniform "$conns"
    drain "$A"
    scenario "cold_$e" "GET $(awk 'NR==1{print $3}' "$RAW/paths/$e.txt") (uniform over $(wc -l <"$RAW/paths/$e.txt") keys, cache off, $conns connections)" \
      "$A" "$e" uniform "$conns" "$DURATION"
  done
  # profiles in passes of their own, after every cold figure is taken
  for e in $endpoints; do profile_pass "cold_$e" bench-a "$A" "$e" uniform; done
  stop_node bench-a

  # ---- warm: the same node restarted with the cache enabled and Redis
  say "phase 2: warm node (cache enabled, Redis L2)"
  start_node bench-a "$A_PORT" true; META_READY_WARM=$READY_MS
  jit_warmup "$A"
  HEAP_START=$(heap bench-a start)
  scenario nginx "nginx static JSON (the physical HTTP limit here)" "http://127.0.0.1:$NGINX_PORT" nginx uniform "$CONNS" "$DURATION"
  warmup "$A" ping uniform "$CONNS"
  scenario ping "GET /api/v1/ping (no auth)" "$A" ping uniform "$CONNS" "$DURATION"
  warmup "$A" ping_auth uniform "$CONNS"
  scenario ping_auth "GET /api/v1/ping/auth (token + live session check)" "$A" ping_auth uniform "$CONNS" "$DURATION"
  for e in $endpoints; do
    # a sequential pass over every key: as long as the key set takes at the cold rate (+50 %), at most 90 s
    local keys; keys=$(wc -l <"$RAW/paths/$e.txt")
    WARMUP_S=$(jq -r --argjson k "$keys" --argjson w "$WARMUP" '[[($k / ([.rps, 1] | max) * 1.5 | ceil), $w] | max, 90] | min' "$RAW/cold_$e.json")
    warmup "$A" "$e" sequential "$CONNS"
    scenario "warm_$e" "GET $(awk 'NR==1{print $3}' "$RAW/paths/$e.txt") (cached, uniform over $(wc -l <"$RAW/paths/$e.txt") keys)" \
      "$A" "$e" uniform "$CONNS" "$DURATION"
  done
  profile_pass ping_auth bench-a "$A" ping_auth uniform
  profile_pass warm_by_id bench-a "$A" by_id uniform

  # ---- skewed read mix: hit rate from the server's own counters
  warmup "$A" mix weighted "$CONNS"
  scrape "$A" mix-before
  scenario mix "skewed read mix (Zipf s=$ZIPF over $TENANTS tenants, ids, pages, words)" "$A" mix weighted "$CONNS" "$DURATION"
  scrape "$A" mix-after
  hit_rate_json mix-before mix-after >"$RAW/hit-rate-mix.json"
  say "        hit rate $(jq -r '"\(.hit_rate*100|.*100|round/100) % (data namespaces \(.data_hit_rate*100|.*100|round/100) %)"' "$RAW/hit-rate-mix.json")"

  # ---- 90/10 read/write with the staleness checker (same node, tolerance 0)
  SCEN_N=$((SCEN_N + 1))
  say "[$SCEN_N/$SCEN_TOTAL] rw: 90 % reads / 10 % writes (PATCH, or a task written on the risk) on $(wc -l <"$RAW/targets.txt") risks, staleness checker ($CONNS client threads)"
  # exit 3: measured, but a stale read or an error; the report is written and the check fails the run
  local rc=0
  java "$BENCH/java/Consistency.java" rw "$A" "$RAW/targets.txt" "$CONNS" "$RW_SECONDS" 10 "$RAW/rw.json" >"$RAW/rw.log" 2>&1 || rc=$?
  [ $rc -eq 0 ] || [ $rc -eq 3 ] || { cat "$RAW/rw.log"; die "rw failed"; }
  [ $rc -eq 0 ] || say "        rw FAILED its check: $(grep FAILED "$RAW/rw.log")"
  say "$(jq -r '"        \(.rps|floor) req/s  p50 \(.p50_ms) ms  p99 \(.p99_ms) ms  errors \(.errors)  stale reads \(.stale_reads) of \(.reads_checked_after_a_write) checked"' "$RAW/rw.json")"

  # ---- many connections on cached reads: the rw scenario's writes evicted part of the mix, so a sequential pass
  # caches every path of it again, and the reference at $CONNS connections is taken on that same warm set
  WARMUP_S=$(( DURATION > 10 ? 10 : DURATION )) warmup "$A" mix sequential "$CONNS"
  scenario mix_cached "skewed read mix on the re-warmed set, $CONNS connections (reference)" "$A" mix weighted "$CONNS" "$DURATION"
  local h0; h0=$(heap bench-a c1000-start)
  scrape "$A" c1000-before
  scenario "mix_c$BIG_CONNS" "the same read mix over $BIG_CONNS connections" "$A" mix weighted "$BIG_CONNS" "$DURATION"
  scrape "$A" c1000-after
  local h1; h1=$(heap bench-a c1000-end)
  statuses_json c1000-before c1000-after >"$RAW/statuses-c1000.json"
  say "        answers outside 2xx by status (node's own count): $(jq -c . "$RAW/statuses-c1000.json"), cache misses $(jq .misses "$RAW/statuses-c1000.json")"
  jq -n --arg a "$h0" --arg b "$h1" '{heap_after_gc_mb_start:($a|tonumber? // null), heap_after_gc_mb_end:($b|tonumber? // null)}' >"$RAW/heap-c1000.json"

  # ---- two nodes on the same PostgreSQL and Redis
  say "phase 3: second node"
  start_node bench-b "$B_PORT" true; META_READY_B=$READY_MS
  # node B is measured only in the two-node mix and propagation, never against a cold figure: half the warm-up
  jit_warmup "$B" $(( JIT_WARMUP / 2 ))
  scenario mix_1node "read mix, node A alone (node B idle)" "$A" mix weighted "$CONNS" "$DURATION"
  SCEN_N=$((SCEN_N + 1))
  say "[$SCEN_N/$SCEN_TOTAL] mix_2nodes: read mix on A and B at once ($((CONNS / 2)) connections each)"
  local half=$(( CONNS / 2 > 0 ? CONNS / 2 : 1 ))
  wrk_run mix_2nodes_a "$A" mix weighted "$half" "$DURATION" &
  local wa=$!
  wrk_run mix_2nodes_b "$B" mix weighted "$half" "$DURATION" &
  local wb=$!
  wait $wa || die "wrk on A failed"; wait $wb || die "wrk on B failed"
  jq -s '{name:"mix_2nodes", tool:"wrk", rps:(.[0].rps + .[1].rps), requests:(.[0].requests + .[1].requests), errors:(.[0].errors + .[1].errors),
          p50_ms:([.[0].p50_ms, .[1].p50_ms]|max), p95_ms:([.[0].p95_ms, .[1].p95_ms]|max), p99_ms:([.[0].p99_ms, .[1].p99_ms]|max),
          duration_s:.[0].duration_s, connections:(.[0].connections + .[1].connections), node_a:.[0], node_b:.[1],
          note:"percentiles: the higher of the two nodes", dist:.[0].dist}' "$RAW/mix_2nodes_a.json" "$RAW/mix_2nodes_b.json" >"$RAW/mix_2nodes.json"
  say "$(jq -r '"        \(.rps|floor) req/s (A \(.node_a.rps|floor) + B \(.node_b.rps|floor))  p99 \(.p99_ms) ms  errors \(.errors)"' "$RAW/mix_2nodes.json")"

  propagation_scenario

  scrape "$A" end
  jq -n --arg ip "$(curl -s -H "Authorization: Bearer $(head -1 "$RAW/tokens.txt")" "$A/api/v1/admin/cache" | head -c 20000)" '$ip' >"$RAW/admin-cache.json" || true
  HEAP_END=$(heap bench-a end)
}

# ---------------------------------------------------------------- 7. machine, results, report
machine_json() {
  jq -n --arg cores "$(nproc)" --arg mem "$(awk '/MemTotal/ {printf "%.1f", $2/1048576}' /proc/meminfo)" \
    --arg cpu "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)" --arg kernel "$(uname -r)" \
    --arg java "$(java -version 2>&1 | head -2 | tr '\n' ' ')" --arg wrk "$(wrk -v 2>&1 | head -1)" \
    --arg nginx "$("$NGINX" -v 2>&1)" --arg redis "$(redis-server --version | cut -d' ' -f1-3)" \
    --arg pg "$(PSQL -c 'select version()' | cut -d' ' -f1-2)" \
    '{cores:($cores|tonumber), memory_gb:($mem|tonumber), cpu:$cpu, kernel:$kernel, java:$java, wrk:$wrk, nginx:$nginx, redis:$redis, postgresql:$pg}'
}

main() {
  install_tools
  LOAD_START=$(loadavg)
  say "Riskbase benchmark ($MODE): $ORGS orgs x $RISKS risks, $DURATION s per scenario, results in $OUT (load average $LOAD_START)"
  build
  start_postgres
  load_data
  load_catalog
  start_redis
  make_keys
  if [ "$ONLY" = propagation ]; then
    mkdir -p "$WORK/nginx/html"
    run_propagation_only
    stop_node bench-b; stop_node bench-a
    say "done in $(( $(date +%s) - BEGAN )) s: $RAW/propagation_*.json (load average $LOAD_START -> $(loadavg))"
    return
  fi
  start_nginx
  run_scenarios
  LOAD_END=$(loadavg)
  MACHINE=$(machine_json)
  stop_node bench-b; stop_node bench-a
  say "writing results.json, charts and report.md"
  jq -n --arg mode "$MODE" --arg date "$(date -u +%FT%TZ)" --arg cmd "bench/run.sh${ARGS:+ $ARGS}" --argjson machine "$MACHINE" \
    --arg load_start "$LOAD_START" --arg load_end "$LOAD_END" --argjson load "$LOAD_JSON" \
    --argjson orgs "$ORGS" --argjson risks "$RISKS" --argjson tenants "$TENANTS" --argjson ids "$IDS" --argjson duration "$DURATION" \
    --argjson warmup "$WARMUP" --argjson jit "$JIT_WARMUP" --arg ratelimit "${BENCH_RATELIMIT:-false}" --argjson conns "$CONNS" --argjson samples "$PROFILE_SAMPLES" --argjson big "$BIG_CONNS" --arg zipf "$ZIPF" \
    --argjson ready_cold "$META_READY_COLD" --argjson ready_warm "$META_READY_WARM" --argjson ready_b "$META_READY_B" \
    --arg heap_start "$HEAP_START" --arg heap_end "$HEAP_END" --arg elapsed "$(( $(date +%s) - BEGAN ))" \
    --slurpfile hit "$RAW/hit-rate-mix.json" --slurpfile heapc "$RAW/heap-c1000.json" --slurpfile statc "$RAW/statuses-c1000.json" \
    --slurpfile prop_http "$RAW/propagation_http.json" --slurpfile prop_metric "$RAW/propagation_metric.json" \
    '{mode:$mode, date:$date, command:$cmd, machine:$machine, load_average:{start:$load_start, end:$load_end},
      data:{organizations:$orgs, risks_per_organization:$risks, risks:($orgs*$risks), load:$load},
      settings:{tenants:$tenants, ids_per_tenant:$ids, duration_s:$duration, warmup_s:$warmup, jit_warmup_s:$jit,
        rate_limits_enabled:($ratelimit == "true"), profile_samples:$samples, connections:$conns, big_connections:$big, zipf:($zipf|tonumber)},
      start_to_ready_ms:{cold_node:$ready_cold, warm_node:$ready_warm, node_b:$ready_b},
      heap_after_gc_mb:{warm_node_start:($heap_start|tonumber? // null), warm_node_end:($heap_end|tonumber? // null), c1000:$heapc[0]},
      big_connections_answers:$statc[0], cache_hit_rate_mix:$hit[0], propagation:{http:$prop_http[0], node_b_metric:$prop_metric[0]}, elapsed_s:($elapsed|tonumber)}' >"$RAW/meta.json"
  bash "$BENCH/report.sh" "$OUT"
  say "done in $(( $(date +%s) - BEGAN )) s: $OUT/report.md (load average $LOAD_START -> $LOAD_END)"
}

main
