#!/usr/bin/env bash
# Times the backup and restore procedure of docs/operations.md on a generated data set (default 100 organizations x
# 10,000 risks = 1M): pg_dump -Fc of the loaded database, pg_restore into a fresh PostgreSQL cluster, and the per-table
# checksum comparison of BackupRestoreIT. Uses the operating system's PostgreSQL (PG_BIN, default Debian's 15) because
# its pg_dump must match the server; needs the test classpath (target/bench-classpath.txt: bench/run.sh or
# bench/soak.sh writes it). Writes <out>/backup-restore.json. Ports BACKUP_PG_PORT (21571) and +1.
#
# --jobs takes a comma-separated list (e.g. 1,2,2,1): the one dump is restored once per entry, each time into a fresh
# cluster, so that pg_restore -j N can be compared on the same dump in the same session.
#
#   bench/backup-restore.sh [--orgs N] [--risks-per-org N] [--jobs N[,N...]] [--out DIR]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
ORGS=100 RISKS=10000 JOBS=1 OUT="$ROOT/target/backup-restore"
while [ $# -gt 0 ]; do
  case "$1" in
    --orgs) ORGS=$2; shift ;;
    --risks-per-org) RISKS=$2; shift ;;
    --jobs) JOBS=$2; shift ;;
    --out) OUT=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
SRC_PORT=${BACKUP_PG_PORT:-21571}
DST_PORT=$((SRC_PORT + 1))
WORK=$(mktemp -d /tmp/backup-restore-XXXXXX)
mkdir -p "$OUT"
BEGAN=$(date +%s)
say() { printf '[%s %5ss] %s\n' "$(date +%H:%M:%S)" "$(( $(date +%s) - BEGAN ))" "$*"; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  set +e
  for c in src dst; do [ -d "$WORK/$c" ] && as_pg "$PG_BIN/pg_ctl" -D "$WORK/$c" -m fast stop >/dev/null 2>&1; done
  rm -rf "$WORK"
}
trap cleanup EXIT
[ "$(id -u)" = 0 ] && chown postgres:postgres "$WORK"
cluster() { # cluster <name> <port>
  as_pg "$PG_BIN/initdb" -D "$WORK/$1" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/$1" -l "$WORK/$1.log" -w -t 120 \
    -o "-p $2 -k $WORK -c listen_addresses=127.0.0.1 -c max_wal_size=4GB -c shared_buffers=256MB" start >/dev/null
  "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$2" -U postgres -d postgres \
    -c "CREATE USER riskbase WITH PASSWORD 'riskbase'" -c "CREATE DATABASE riskbase OWNER riskbase"
}
checksums() { # checksums <port>: "table count md5" per table
  local p=$1
  "$PG_BIN/psql" -X -A -t -h 127.0.0.1 -p "$p" -U postgres -d riskbase -c "SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1" | while read -r t; do
    [ -n "$t" ] && "$PG_BIN/psql" -X -A -t -F ' ' -h 127.0.0.1 -p "$p" -U postgres -d riskbase -c "SELECT '$t', count(*),
      coalesce(md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))), '-') FROM public.\"$t\" x"
  done
}
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
say "source cluster on $SRC_PORT ($("$PG_BIN/postgres" --version)), load average $LOAD_START"
cluster src "$SRC_PORT"
# BENCH_CP: a private copy of the classes, so that a build in this checkout during the long load cannot change them
CP=${BENCH_CP:-"$ROOT/target/classes:$ROOT/target/test-classes:$(cat target/bench-classpath.txt)"}
say "loading $ORGS x $RISKS risks"
t=$(date +%s%N)
java -cp "$CP" io.riskbase.risk.generator.RiskDataGenerator --url "jdbc:postgresql://127.0.0.1:$SRC_PORT/riskbase" \
  --user riskbase --password riskbase --orgs "$ORGS" --risks-per-org "$RISKS" --password-iterations 5000 --migrate \
  >"$OUT/generator.log" 2>&1
LOAD_MS=$(ms "$t")
"$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$SRC_PORT" -U postgres -d riskbase -c "VACUUM ANALYZE"
DB_BYTES=$("$PG_BIN/psql" -X -A -t -h 127.0.0.1 -p "$SRC_PORT" -U postgres -d riskbase -c "SELECT pg_database_size('riskbase')")
RISK_COUNT=$("$PG_BIN/psql" -X -A -t -h 127.0.0.1 -p "$SRC_PORT" -U postgres -d riskbase -c "SELECT count(*) FROM risks")
say "loaded $RISK_COUNT risks in $LOAD_MS ms, database $((DB_BYTES / 1048576)) MB; checksums of the source"
checksums "$SRC_PORT" >"$OUT/checksums-source.txt"

say "pg_dump -Fc"
t=$(date +%s%N)
"$PG_BIN/pg_dump" -Fc -h 127.0.0.1 -p "$SRC_PORT" -U postgres -d riskbase -f "$WORK/riskbase.dump"
DUMP_MS=$(ms "$t")
DUMP_BYTES=$(stat -c %s "$WORK/riskbase.dump")
say "  $DUMP_MS ms, $((DUMP_BYTES / 1048576)) MB"

RUNS=()
EQUAL=true
RUN=0
for J in ${JOBS//,/ }; do
  RUN=$((RUN + 1))
  DST=dst$RUN
  say "fresh cluster on $DST_PORT, pg_restore --no-owner --role=riskbase -j $J" \
    "(load average $(cut -d' ' -f1-3 /proc/loadavg))"
  cluster "$DST" "$DST_PORT"
  t=$(date +%s%N)
  "$PG_BIN/pg_restore" --no-owner --role=riskbase --exit-on-error -j "$J" -h 127.0.0.1 -p "$DST_PORT" -U postgres \
    -d riskbase "$WORK/riskbase.dump"
  RESTORE_MS=$(ms "$t")
  RUN_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
  say "  $RESTORE_MS ms (load average $RUN_LOAD)"
  t=$(date +%s%N)
  "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$DST_PORT" -U postgres -d riskbase -c "ANALYZE"
  ANALYZE_MS=$(ms "$t")
  checksums "$DST_PORT" >"$OUT/checksums-restored-$RUN.txt"
  RUN_EQUAL=false
  cmp -s "$OUT/checksums-source.txt" "$OUT/checksums-restored-$RUN.txt" && RUN_EQUAL=true
  $RUN_EQUAL || EQUAL=false
  RUNS+=("$(jq -n --argjson j "$J" --argjson r "$RESTORE_MS" --argjson a "$ANALYZE_MS" --argjson e "$RUN_EQUAL" \
    --arg l "$RUN_LOAD" '{jobs:$j, pg_restore_ms:$r, analyze_ms:$a, all_tables_equal:$e, load_average_after:$l}')")
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/$DST" -m fast stop >/dev/null
  rm -rf "${WORK:?}/$DST"
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
jq -n --argjson orgs "$ORGS" --argjson risks "$RISK_COUNT" --argjson load_ms "$LOAD_MS" --argjson db "$DB_BYTES" \
  --argjson dump_ms "$DUMP_MS" --argjson dump_bytes "$DUMP_BYTES" \
  --argjson restores "$(printf '%s\n' "${RUNS[@]}" | jq -s .)" \
  --argjson equal "$EQUAL" \
  --argjson tables "$(wc -l <"$OUT/checksums-source.txt")" --arg pg "$("$PG_BIN/postgres" --version)" \
  --arg l0 "$LOAD_START" --arg l1 "$LOAD_END" --arg date "$(date -u +%FT%TZ)" --arg cores "$(nproc)" \
  '{date:$date, postgresql:$pg, cores:$cores, organizations:$orgs, risks:$risks, database_bytes:$db,
    generate_ms:$load_ms, pg_dump_ms:$dump_ms, dump_bytes:$dump_bytes, restores:$restores, tables:$tables,
    all_tables_equal:$equal, load_average:{start:$l0, end:$l1}}' | tee "$OUT/backup-restore.json"
$EQUAL || { say "FAILED: checksums differ (diff $OUT/checksums-source.txt $OUT/checksums-restored-N.txt)"; exit 1; }
