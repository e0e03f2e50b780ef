#!/usr/bin/env bash
# The cost of a cache miss by id, as the node reports it: n rounds of GET (for the ETag), PATCH with If-Match, GET
# of one risk; the second GET is a miss (the PATCH evicted the entry), and its Server-Timing gives total and database
# time. Prints p50/p90 of both. Usage: bench/miss-latency.sh <base URL> <bearer token> <risk id> [rounds, 100]
# (e.g. against a node started with RISKBASE_CACHE_L1_NEAR_CACHE=false and without, for the near cache's price).
set -euo pipefail
B=$1 T=$2 ID=$3 N=${4:-100}
for i in $(seq 1 "$N"); do
  v=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $T" "$B/api/v1/risks/$ID" | awk -F'"' 'tolower($0) ~ /^etag/ {print $2}')
  curl -sf -o /dev/null -X PATCH -H "Authorization: Bearer $T" -H 'Content-Type: application/merge-patch+json' \
    -H "If-Match: \"$v\"" -d "{\"title\":\"miss latency $i\"}" "$B/api/v1/risks/$ID"
  curl -sf -D - -o /dev/null -H "Authorization: Bearer $T" "$B/api/v1/risks/$ID" | tr -d '\r' \
    | sed -n 's/^[Ss]erver-[Tt]iming: cache;desc="miss", db;dur=\([0-9.]*\), total;dur=\([0-9.]*\).*/\1 \2/p'
done | sort -k2 -n | awk '{ db[NR] = $1; t[NR] = $2 } END {
  if (NR == 0) { print "no miss seen"; exit 1 }
  printf "%d misses: total p50 %s ms, p90 %s ms; database p50 %s ms\n", NR, t[int((NR + 1) / 2)], t[int(NR * 0.9)], db[int((NR + 1) / 2)] }'
