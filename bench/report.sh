#!/usr/bin/env bash
# Turns a run's raw/*.json into results.json, PNG charts (gnuplot) and report.md.
#   bench/report.sh <result dir>      (bench/run.sh calls it; re-run it after editing the template)
set -euo pipefail
OUT=$(cd "$1" && pwd)
RAW="$OUT/raw"

ENDPOINTS="by_id list_filtered search matrix stats marketplace my_tasks overdue_reviews"
# the catalogue's reads (issue 15), kept apart from the risk reads above
CATALOG_ENDPOINTS="coverage control_impact"
ENDPOINTS="$ENDPOINTS $CATALOG_ENDPOINTS"
REQUIRED="nginx ping ping_auth mix rw mix_cached mix_c1000 mix_1node mix_2nodes"
for e in $ENDPOINTS; do REQUIRED="$REQUIRED cold_$e warm_$e"; done

# ---------------------------------------------------------------- results.json
big=$(jq -r .settings.big_connections "$RAW/meta.json")
scen_files=()
for f in "$RAW"/*.json; do
  case "$(basename "$f")" in
    meta.json|hit-rate-*|heap-*|statuses-*|profile-*|propagation_*|admin-cache.json|mix_2nodes_a.json|mix_2nodes_b.json) ;;
    *) scen_files+=("$f") ;;
  esac
done
profiles=$(for f in "$RAW"/profile-*.json; do [ -s "$f" ] || continue; jq -c --arg e "$(basename "$f" .json | sed 's/^profile-//')" '{($e): .}' "$f"; done | jq -s 'add // {}')

jq -s --arg endpoints "$ENDPOINTS" --argjson profiles "$profiles" --arg big "mix_c$big" --slurpfile meta "$RAW/meta.json" '
  (map({(.name): (del(.name))}) | add) as $s
  | def r(a; b): if (a == null or b == null or b == 0) then null else ((a / b) * 100 | round / 100) end;
  $meta[0] + {
    scenarios: $s,
    ratios: {
      warm_over_cold_throughput: ([$endpoints | splits(" +") | select(. != "") as $e
                                   | {($e): r($s["warm_" + $e].rps; $s["cold_" + $e].rps)}] | add),
      cold_over_warm_p50: ([$endpoints | splits(" +") | select(. != "") as $e
                            | {($e): r($s["cold_" + $e].p50_ms; $s["warm_" + $e].p50_ms)}] | add),
      cached_by_id_over_ping_auth_throughput: r($s.warm_by_id.rps; $s.ping_auth.rps),
      mix_over_ping_auth_throughput: r($s.mix.rps; $s.ping_auth.rps),
      ping_over_nginx_throughput: r($s.ping.rps; $s.nginx.rps),
      ping_auth_over_nginx_throughput: r($s.ping_auth.rps; $s.nginx.rps),
      two_nodes_over_one_node_throughput: r($s.mix_2nodes.rps; $s.mix_1node.rps)
    },
    profile: $profiles,
    big_connections_scenario: $big
  }' "${scen_files[@]}" >"$OUT/results.json"

# every scenario ran and produced numbers (not how fast): the quick-mode check
missing=()
for n in $REQUIRED; do
  name=$n; [ "$n" = mix_c1000 ] && name="mix_c$big"
  jq -e --arg n "$name" '.scenarios[$n] | (.rps > 0) and (.p50_ms > 0) and (.p99_ms > 0) and (.requests > 0)' "$OUT/results.json" >/dev/null 2>&1 \
    || missing+=("$name")
done
jq -e '.scenarios.rw.reads_checked_after_a_write > 0 and .scenarios.rw.writes > 0' "$OUT/results.json" >/dev/null || missing+=("rw checker")
jq -e '.propagation.http.writes > 0 and .propagation.http.p99_ms > 0' "$OUT/results.json" >/dev/null || missing+=("propagation_http")
jq -e '.propagation.node_b_metric.count > 0' "$OUT/results.json" >/dev/null || missing+=("propagation_metric")
jq -e '(.cache_hit_rate_mix.hits + .cache_hit_rate_mix.misses) > 0' "$OUT/results.json" >/dev/null || missing+=("hit rate")
jq -e '.heap_after_gc_mb.warm_node_end > 0 and .start_to_ready_ms.warm_node > 0' "$OUT/results.json" >/dev/null || missing+=("heap/ready")
# numbers are not enough: an error (socket error or any answer outside 2xx/3xx, e.g. a bulkhead 503) in any
# scenario, a stale read or a propagation timeout fails the run
for n in $(jq -r '.scenarios | to_entries[] | select((.value.errors // 0) > 0) | .key' "$OUT/results.json"); do
  missing+=("errors in $n ($(jq -r --arg n "$n" '.scenarios[$n].errors' "$OUT/results.json"))")
done
jq -e '(.scenarios.rw.stale_reads // 0) == 0' "$OUT/results.json" >/dev/null || missing+=("stale reads ($(jq -r .scenarios.rw.stale_reads "$OUT/results.json"))")
jq -e '(.propagation.http.timeouts_5s // 0) == 0 and (.propagation.http.errors // 0) == 0' "$OUT/results.json" >/dev/null \
  || missing+=("propagation timeouts/errors ($(jq -r '"\(.propagation.http.timeouts_5s)/\(.propagation.http.errors)"' "$OUT/results.json"))")
jq --argjson m "$(printf '%s\n' "${missing[@]+"${missing[@]}"}" | jq -R . | jq -s 'map(select(. != ""))')" '. + {check:{missing:$m, passed:($m|length == 0)}}' \
  "$OUT/results.json" >"$OUT/results.json.tmp" && mv "$OUT/results.json.tmp" "$OUT/results.json"

# ---------------------------------------------------------------- charts
PLOT="$RAW/plot"
mkdir -p "$PLOT"
dat() { # dat <scenario>: "x ms" with x = 1/(1-p): 50 % -> 2, 99 % -> 100, 99.9 % -> 1000
  jq -r --arg n "$1" '.scenarios[$n].dist // [] | .[] | select(.[0] < 100) | "\(1 / (1 - .[0] / 100)) \(.[1])"' "$OUT/results.json" >"$PLOT/$1.dat"
}
for n in $(jq -r '.scenarios | keys[]' "$OUT/results.json"); do dat "$n"; done
for n in mix_2nodes_a mix_2nodes_b; do
  jq -r '.dist // [] | .[] | select(.[0] < 100) | "\(1 / (1 - .[0] / 100)) \(.[1])"' "$RAW/$n.json" >"$PLOT/$n.dat" 2>/dev/null || : >"$PLOT/$n.dat"
done
jq -r '.propagation.http.dist // [] | .[] | select(.[0] < 100) | "\(1 / (1 - .[0] / 100)) \(.[1])"' "$OUT/results.json" >"$PLOT/propagation_http.dat"

common='set terminal pngcairo size 900,520 font "sans,10"
set logscale xy
set xrange [1:20000]
set termoption noenhanced
set xtics ("50%%" 2, "90%%" 10, "99%%" 100, "99.9%%" 1000, "99.99%%" 10000)
set xlabel "percentile"
set ylabel "latency (ms, log)"
set grid xtics ytics mytics
set key top left
set style data linespoints'
if command -v gnuplot >/dev/null; then
  gnuplot <<EOF
$common
set output "$OUT/latency-references.png"
set title "Reference limits vs a cached read (same run)"
plot "$PLOT/nginx.dat" title "nginx static JSON", "$PLOT/ping.dat" title "/ping (no auth)", \
     "$PLOT/ping_auth.dat" title "/ping/auth", "$PLOT/warm_by_id.dat" title "cached GET /risks/{id}", \
     "$PLOT/cold_by_id.dat" title "uncached GET /risks/{id}"
EOF
  {
    echo "$common"
    echo "set terminal pngcairo size 2000,760 font \"sans,9\""
    echo "set output \"$OUT/latency-cold-warm.png\""
    echo "set multiplot layout 2,5 title \"Cold (cache disabled) vs warm, per endpoint\""
    for e in $ENDPOINTS; do
      echo "set title \"$e\""
      echo "plot \"$PLOT/cold_$e.dat\" title \"cold\", \"$PLOT/warm_$e.dat\" title \"warm\""
    done
    echo "unset multiplot"
  } | gnuplot
  gnuplot <<EOF
$common
set output "$OUT/latency-mix.png"
set title "Skewed read mix: connections, nodes, writes"
plot "$PLOT/mix.dat" title "read mix", "$PLOT/mix_cached.dat" title "re-warmed mix", "$PLOT/mix_c$big.dat" title "re-warmed mix, $big connections", \
     "$PLOT/mix_1node.dat" title "1 node", "$PLOT/mix_2nodes_a.dat" title "2 nodes: node A", "$PLOT/mix_2nodes_b.dat" title "2 nodes: node B", \
     "$PLOT/rw.dat" title "90/10 read/write (Java client)"
EOF
  gnuplot <<EOF
$common
set output "$OUT/propagation.png"
set title "Invalidation propagation: write acknowledged on A -> new version read on B (HTTP polling)"
set ylabel "ms (log)"
plot "$PLOT/propagation_http.dat" title "write on A, poll B"
EOF
fi

# ---------------------------------------------------------------- report.md
J() { jq -r "$@" "$OUT/results.json"; }
row() { # row <scenario> <label>
  J --arg n "$1" --arg l "$2" '.scenarios[$n] as $s | if $s == null then "| \($l) | – | – | – | – | missing |"
    else "| \($l) | \($s.rps | floor) | \($s.p50_ms) | \($s.p95_ms) | \($s.p99_ms) | \($s.errors) |" end'
}
pct() { awk -v v="$1" 'BEGIN { if (v == "" || v == "null") print "–"; else printf "%.2f %%", v * 100 }'; }
goal() { # goal <value> <op> <target>
  awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { if (v == "" || v == "null") { print "–"; exit }
    ok = (op == ">=") ? (v + 0 >= t + 0) : (v + 0 <= t + 0); print ok ? "met" : "**missed**" }'
}

{
  cat <<EOF
# Riskbase benchmark report — $(J .date) ($(J .mode))

Command: \`$(J .command)\` · finished in $(J '.elapsed_s') s · check: $(J 'if .check.passed then "every scenario produced numbers, no errors, no stale reads" else "FAILED: \(.check.missing | join(", "))" end')

## Machine and data

| | |
|---|---|
| cores / memory | $(J '.machine.cores') / $(J '.machine.memory_gb') GB ($(J '.machine.cpu')) |
| Java | $(J '.machine.java') |
| load average (1/5/15 min) | start **$(J '.load_average.start')**, end **$(J '.load_average.end')** — the machine is shared with other builds |
| PostgreSQL / Redis / nginx / wrk | $(J '.machine.postgresql') / $(J '.machine.redis') / $(J '.machine.nginx' | sed 's/nginx version: //') / $(J '.machine.wrk' | cut -d' ' -f1-2) |
| data | $(J '.data.organizations') organizations × $(J '.data.risks_per_organization') risks = $(J '.data.risks') risks ($(J 'if .data.load.reused then "kept from an earlier run, which loaded them" else "loaded" end') at $(J '.data.load.risks_per_s | floor') risks/s in $(J '.data.load.seconds') s, $(J '.data.load.loaded_at')) |
| readers | ADMIN tokens of $(J '.settings.tenants') organizations; $(J '.settings.ids_per_tenant') risk ids each; Zipf exponent $(J '.settings.zipf') |
| wrk | $(J '.settings.connections') connections, 2 threads, $(J '.settings.duration_s') s per scenario after $(J '.settings.warmup_s') s warm-up; every node first gets $(J '.settings.jit_warmup_s // "–"') s of JIT warm-up over every endpoint |
| rate limits | $(J 'if .settings.rate_limits_enabled then "**on** (figures include the limiter and may include 429s)" else "**off** (RISKBASE_RATELIMIT_ENABLED=false; BENCH_RATELIMIT=true measures with them)" end') |
| profiling | $(J 'if (.settings.profile_samples // 0) > 0 then "thread dumps in separate unmeasured passes, \(.settings.profile_samples) per pass; no measured window is profiled" else "none in this run" end') |
| start to ready (\`/health/ready\`) | cold node $(J '.start_to_ready_ms.cold_node') ms, warm node $(J '.start_to_ready_ms.warm_node') ms, node B $(J '.start_to_ready_ms.node_b') ms |
| heap after full GC (node A) | warm node start $(J '.heap_after_gc_mb.warm_node_start') MB → end of run $(J '.heap_after_gc_mb.warm_node_end') MB |

## Goals of the cache issue

| figure | value | goal | |
|---|---|---|---|
| cached GET by id / trivial authenticated endpoint, throughput | $(J '.ratios.cached_by_id_over_ping_auth_throughput')× ($(J '.scenarios.warm_by_id.rps|floor') vs $(J '.scenarios.ping_auth.rps|floor') req/s; p50 $(J '.scenarios.warm_by_id.p50_ms') vs $(J '.scenarios.ping_auth.p50_ms') ms, p99 $(J '.scenarios.warm_by_id.p99_ms') vs $(J '.scenarios.ping_auth.p99_ms') ms) | ≥ 0.8× | $(goal "$(J '.ratios.cached_by_id_over_ping_auth_throughput')" ">=" 0.8) |
| dashboard stats warm / cold throughput | $(J '.ratios.warm_over_cold_throughput.stats')× | ≥ 20× | $(goal "$(J '.ratios.warm_over_cold_throughput.stats')" ">=" 20) |
| matrix warm / cold throughput | $(J '.ratios.warm_over_cold_throughput.matrix')× | ≥ 20× | $(goal "$(J '.ratios.warm_over_cold_throughput.matrix')" ">=" 20) |
| filtered list (with total count) warm / cold throughput | $(J '.ratios.warm_over_cold_throughput.list_filtered')× | ≥ 5× | $(goal "$(J '.ratios.warm_over_cold_throughput.list_filtered')" ">=" 5) |
| hit rate, skewed read mix (all namespaces incl. sessions) | $(pct "$(J '.cache_hit_rate_mix.hit_rate')") | ≥ 97 % | $(goal "$(J '.cache_hit_rate_mix.hit_rate')" ">=" 0.97) |
| cross-node invalidation p99, node B's \`riskbase_cache_invalidation_lag_seconds\` | $(J '.propagation.node_b_metric.quantiles_ms["0.99"] // "–"') ms (max $(J '.propagation.node_b_metric.max_ms') ms, $(J '.propagation.node_b_metric.count') messages) | ≤ 10 ms | $(goal "$(J '.propagation.node_b_metric.quantiles_ms["0.99"]')" "<=" 10) |
| cross-node propagation p99 as a client sees it (ack on A → new version on B) | $(J '.propagation.http.p99_ms') ms (p50 $(J '.propagation.http.p50_ms') ms, $(J '.propagation.http.writes') writes) | ≤ 10 ms | $(goal "$(J '.propagation.http.p99_ms')" "<=" 10) |

## Scenarios

Throughput in requests/s, latency in ms as wrk measures it (coordinated omission not corrected), errors =
socket errors + HTTP status ≥ 400.

| scenario | req/s | p50 | p95 | p99 | errors |
|---|---|---|---|---|---|
$(row nginx "nginx, static JSON file (physical HTTP limit)")
$(row ping "Riskbase \`GET /ping\` (no auth)")
$(row ping_auth "Riskbase \`GET /ping/auth\` (token + live session)")
EOF
  for e in $ENDPOINTS; do
    row "cold_$e" "cold $e \`$(head -1 "$RAW/paths/$e.txt" 2>/dev/null | awk '{print $3}' | sed 's|/risks/[0-9][0-9]*|/risks/{id}|')\`"
    row "warm_$e" "warm $e"
  done
  row mix "skewed read mix, $(J '.settings.connections') connections"
  J '.scenarios.rw as $s | "| 90/10 read/write mix (Java client, \($s.threads) threads, \($s.targets) risks) | \($s.rps|floor) | \($s.p50_ms) | \($s.p95_ms) | \($s.p99_ms) | \($s.errors) |"'
  row mix_cached "the same mix re-warmed after the writes, $(J '.settings.connections') connections"
  row "mix_c$big" "the re-warmed mix, **$big connections**"
  row mix_1node "read mix, 1 node"
  row mix_2nodes "read mix, 2 nodes (sum; higher percentile of the two)"
  cat <<EOF

## Ratios

| ratio | throughput | p50 (cold/warm) |
|---|---|---|
EOF
  for e in $ENDPOINTS; do
    J --arg e "$e" '"| warm / cold, \($e) | \(.ratios.warm_over_cold_throughput[$e])× | \(.ratios.cold_over_warm_p50[$e])× |"'
  done
  cat <<EOF
| cached GET by id / \`/ping/auth\` | $(J '.ratios.cached_by_id_over_ping_auth_throughput')× | |
| skewed read mix / \`/ping/auth\` | $(J '.ratios.mix_over_ping_auth_throughput')× | |
| Riskbase \`/ping\` / nginx | $(J '.ratios.ping_over_nginx_throughput')× | |
| Riskbase \`/ping/auth\` / nginx | $(J '.ratios.ping_auth_over_nginx_throughput')× | |
| 2 nodes / 1 node (read mix) | $(J '.ratios.two_nodes_over_one_node_throughput')× | |

Both nodes, PostgreSQL, Redis, nginx and wrk share the same $(J '.machine.cores') cores, so "2 nodes / 1 node"
measures contention on this machine, not the scaling of separate hosts.

![references](latency-references.png)

![cold vs warm](latency-cold-warm.png)

## Cache under the skewed read mix

Deltas of node A's \`riskbase_cache_hits_total\` / \`riskbase_cache_misses_total\` over the measured
run (after $(J '.settings.warmup_s') s of the same mix): hit rate **$(pct "$(J '.cache_hit_rate_mix.hit_rate')")** overall,
$(pct "$(J '.cache_hit_rate_mix.data_hit_rate')") on the data namespaces (without session/user/organization/settings).

| namespace | hits | misses | hit rate |
|---|---|---|---|
$(J '.cache_hit_rate_mix.namespaces | to_entries | sort_by(.key) | .[] | "| \(.key) | \(.value.hits) | \(.value.misses) | \(if (.value.hits + .value.misses) > 0 then (.value.hits * 10000 / (.value.hits + .value.misses) | round / 100 | tostring) + " %" else "–" end) |"')

## Consistency: 90/10 read/write

$(J '.scenarios.rw | "\(.reads) reads and \(.writes) writes (PATCH with If-Match, and \(.task_writes // 0) task creations/deletions on the risk) on \(.targets) risks from \(.threads) threads on one node; \(.reads_checked_after_a_write) reads were compared with the last acknowledged version of their risk (\(.reads_checked_after_a_task_write // 0) right after a task write, stale among them: \(.stale_after_a_task_write // 0)). **Stale reads (version older than the last write acknowledged before the read was sent): \(.stale_reads)**. Reads p50/p99 \(.read_p50_ms)/\(.read_p99_ms) ms, writes p50/p99 \(.write_p50_ms)/\(.write_p99_ms) ms, errors \(.errors)."')
$(J '.scenarios.rw | if .stale_reads > 0 then "The latest stale read was sent \(.stale_latest_sent_after_ack_ms) ms after the acknowledgement. Examples: " + (.stale_examples | join("; ")) + "." else "" end')

## $big connections

$(J --arg n "mix_c$big" '.scenarios[$n] | "\(.rps|floor) req/s, p99 \(.p99_ms) ms, max \(.max_ms) ms, errors \(.errors) (connect \(.socket_errors.connect), read \(.socket_errors.read), write \(.socket_errors.write), timeout \(.socket_errors.timeout), HTTP \(.non_2xx_3xx))."')
The read mix was re-warmed after the read/write scenario's evictions (one sequential pass over its paths), then
measured at $(J '.settings.connections') connections and at $big, so both see the same cached set.
Answers outside 2xx by status (the node's own \`http_server_request_duration_seconds_count\`):
$(J '.big_connections_answers.non_2xx | if length == 0 then "none" else tostring end'); cache misses during the run:
$(J '.big_connections_answers.misses').
$(J --arg n "mix_c$big" '.scenarios[$n] as $b | .scenarios.mix_cached as $m | if ($b == null or $m == null) then "" else
  "Throughput **\($b.rps / $m.rps * 100 | round) %** of the same set at \($m.connections) connections (\($m.rps|floor) req/s; goal ≥ 90 %). "
  + "Queueing bound: \($b.connections) connections ÷ \($b.rps|floor) req/s = \($b.connections / $b.rps * 1000 * 10 | round / 10) ms; "
  + "p99 is **\($b.p99_ms / ($b.connections / $b.rps * 1000) * 100 | round / 100)×** that bound (goal ≤ 2×)." end') Heap after a full GC: $(J '.heap_after_gc_mb.c1000.heap_after_gc_mb_start') MB before, $(J '.heap_after_gc_mb.c1000.heap_after_gc_mb_end') MB after.

![mix](latency-mix.png)

## Two nodes: invalidation propagation

Writes on node A (PATCH, $(J '.propagation.http.threads') writers); each writer first reads the risk on B (so B holds it), and after A
acknowledges polls B until the new version shows: p50 $(J '.propagation.http.p50_ms') ms, p95 $(J '.propagation.http.p95_ms') ms,
p99 **$(J '.propagation.http.p99_ms') ms**, max $(J '.propagation.http.max_ms') ms over $(J '.propagation.http.writes') writes ($(J '.propagation.http.timeouts_5s') not visible within 5 s;
the figure includes one HTTP round trip on B). The poll that first saw the new version took
p50 $(J '.propagation.http.seen_poll.p50_ms // "–"') ms, p99 $(J '.propagation.http.seen_poll.p99_ms // "–"') ms by itself (of which the
database, as B's \`Server-Timing\` says: p50 $(J '.propagation.http.seen_poll.db_p50_ms // "–"') ms, p99 $(J '.propagation.http.seen_poll.db_p99_ms // "–"') ms) and was answered by
$(J '.propagation.http.seen_poll.tiers // {} | to_entries | map("\(.key) \(.value)") | join(", ")') (tier from its \`Server-Timing\`: \`miss\` is a reload from
PostgreSQL on B). Node B's own \`riskbase_cache_invalidation_lag_seconds\` (publish on A → applied on B):
$(J '.propagation.node_b_metric.quantiles_ms | to_entries | map("p\(.key | tonumber * 100 | tostring | sub("\\.0$"; "")) \(.value) ms") | join(", ")'), max $(J '.propagation.node_b_metric.max_ms') ms.

![propagation](propagation.png)

## Where the time goes

Busy request threads (\`Default Executor\`): $(J '[.profile[] | .busy_thread_samples] | add // 0') samples from thread dumps (\`jcmd Thread.print\`, up to
$(J '.settings.profile_samples // 3') per profiled scenario), each counted under the topmost stack frame that names a component
(a thread writing to PostgreSQL's socket counts as postgresql_jdbc; a thread copying Liberty's injection
metadata counts as cdi_injection):

$(J '. as $r | ([$r.profile[] | keys[]] | unique | map(select(. != "busy_thread_samples"))) as $k
  | "| scenario | samples | " + ($k | join(" | ")) + " |\n|---|---|" + ($k | map("---") | join("|")) + "|\n"
  + ([$r.profile | to_entries[] | .value as $v | "| \(.key) | \($v.busy_thread_samples) | " + ($k | map(($v[.] // 0) | tostring) | join(" | ")) + " |"] | join("\n"))')

Raw stacks are in \`raw/jstack-*\` (not committed).
EOF
} >"$OUT/report.md"

if jq -e '.check.passed' "$OUT/results.json" >/dev/null; then
  echo "check: every scenario produced numbers, no errors, no stale reads, no propagation timeouts"
else
  echo "check FAILED: $(jq -r '.check.missing | join(", ")' "$OUT/results.json")" >&2
  exit 1
fi
