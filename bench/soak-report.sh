#!/usr/bin/env bash
# Soak report: reads <dir>/samples.csv and <dir>/meta.json (bench/soak.sh), writes <dir>/slopes.csv, one PNG chart
# per series and <dir>/report.md; exits 1 when the run failed (a series trends upward, an error, a stale read).
#
# Slope test, per node and series: least-squares line over the minutes after the warm-up. The warm-up is 10 minutes in
# runs of 20 minutes or more (twice the 300 s TTL of the data cache namespaces: L1 keeps filling with entries of
# superseded generations until expiry removes them as fast as writes make them), else the first third;
# SOAK_WARMUP_MIN overrides it. The series "trends upward" when the line's rise over that window exceeds
# REL x median + ABS  of the series:
#   heap after GC      10 % + 8 MB       live threads      10 % + 3
#   open files         10 % + 10         pool in use       25 % + 2
#   Redis connections  10 % + 2          p99 (both loads)  50 % + 5 ms (latency follows the shared machine's load)
set -euo pipefail
DIR=$(cd "$1" && pwd)
CSV="$DIR/samples.csv"
[ -s "$CSV" ] || { echo "no $CSV" >&2; exit 2; }

slopes() { # slopes [warm-up minutes]: the slope table on stdout
  awk -F, -v warm="$1" '
  BEGIN {
    split("heap_after_gc_mb live_threads open_fds pool_in_use redis_connections p99_mix_ms p99_rw_ms", names, " ")
    split("3 4 5 6 8 9 10", cols, " ")
    split("0.10 0.10 0.10 0.25 0.10 0.50 0.50", rel, " ")
    split("8 3 10 2 2 5 5", abs, " ")
    print "node,series,samples,median,slope_per_min,rise,threshold,verdict"
  }
  NR == 1 { next }
  { m = $1 + 0; if (m > maxm) maxm = m; node[$2] = 1; for (i = 1; i <= 7; i++) v[$2, i, m] = $(cols[i]) }
  END {
    if (warm == "") warm = (maxm >= 20) ? 10 : int(maxm / 3)
    for (nd in node) for (i = 1; i <= 7; i++) {
      n = 0; sx = sy = sxx = sxy = 0; delete ys; first = last = ""
      for (m = warm + 1; m <= maxm; m++) {
        y = v[nd, i, m]
        if (y == "" || y == "NA") continue
        n++; sx += m; sy += y; sxx += m * m; sxy += m * y; ys[n] = y
        if (first == "") first = m; last = m
      }
      if (n < 3) { printf "%s,%s,%d,NA,NA,NA,NA,too few samples\n", nd, names[i], n; continue }
      # median by insertion sort (a few dozen values)
      for (a = 2; a <= n; a++) { t = ys[a]; for (b = a - 1; b >= 1 && ys[b] > t; b--) ys[b + 1] = ys[b]; ys[b + 1] = t }
      med = (n % 2) ? ys[(n + 1) / 2] : (ys[n / 2] + ys[n / 2 + 1]) / 2
      slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
      rise = slope * (last - first)
      thr = rel[i] * med + abs[i]
      printf "%s,%s,%d,%.2f,%.4f,%.2f,%.2f,%s\n", nd, names[i], n, med, slope, rise, thr, (rise > thr) ? "RISES" : "flat"
    }
  }' "$CSV" | { read -r header; echo "$header"; sort; } 
}
slopes "${SOAK_WARMUP_MIN:-}" >"$DIR/slopes.csv"
# the same test with only 5 minutes of warm-up, shown beside it
slopes 5 >"$DIR/slopes-warmup5.csv"

# charts: one per series, both nodes
cols="heap_after_gc_mb:3:heap after full GC (MB) live_threads:4:live threads open_fds:5:open file descriptors"
cols="$cols pool_in_use:6:JDBC pool connections in use redis_connections:8:Redis connections"
cols="$cols p99_mix_ms:9:p99 of the read mix (ms) p99_rw_ms:10:p99 of the checked read/write load (ms) load1:16:load average (1 min) l1_entries:17:entries in L1 (Hazelcast)"
awk -F, 'NR > 1 && $2 == "soak-a"' "$CSV" >"$DIR/raw/samples-a.csv"
awk -F, 'NR > 1 && $2 == "soak-b"' "$CSV" >"$DIR/raw/samples-b.csv"
echo "$cols" | sed 's/ \([a-z0-9_]*:[0-9]*:\)/\n\1/g' | while IFS=: read -r name col title; do
  # a column an older samples.csv lacks (l1_entries) gives no chart rather than stopping the report
  gnuplot 2>/dev/null <<EOF || rm -f "$DIR/$name.png"
set terminal pngcairo size 900,420 font "sans,10"
set output "$DIR/$name.png"
set datafile separator ","
set datafile missing "NA"
set title "$title, per minute"
set xlabel "minute"
set yrange [0:*]
set grid
set key bottom right
plot "$DIR/raw/samples-a.csv" using 1:$col with linespoints title "node A", \
     "$DIR/raw/samples-b.csv" using 1:$col with linespoints title "node B"
EOF
done

rising=$(awk -F, 'NR > 1 && $8 == "RISES"' "$DIR/slopes.csv" | wc -l)
errors=$(awk -F, 'NR > 1 { s += $12 } END { print s + 0 }' "$CSV")
stale=$(awk -F, 'NR > 1 { s += $13 } END { print s + 0 }' "$CSV")
checked=$(awk -F, 'NR > 1 { s += $14 } END { print s + 0 }' "$CSV")
requests=$(awk -F, 'NR > 1 { s += $11 } END { print s + 0 }' "$CSV")
minutes=$(awk -F, 'NR > 1 { if ($1 > m) m = $1 } END { print m + 0 }' "$CSV")
verdict=PASSED
[ "$rising" -eq 0 ] && [ "$errors" -eq 0 ] && [ "$stale" -eq 0 ] || verdict=FAILED
meta() { jq -r "$1" "$DIR/meta.json" 2>/dev/null || echo "?"; }

{
  echo "# Soak run $(meta .date): $verdict"
  echo
  echo "Command: \`$(meta .command)\` (Maven: \`mvn -B -Psoak exec:exec@soak -Dsoak.minutes=$minutes\`)."
  echo "Two Riskbase nodes (A, B) on one PostgreSQL and one Redis, $(meta .organizations) organizations x"
  echo "$(meta .risks_per_organization) risks; each minute, per node: wrk over the read mix ($(meta .wrk_connections_per_node)"
  echo "connections) and the staleness checker (bench/java/Consistency.java rw, $(meta .checker_threads_per_node) threads,"
  echo "$(meta .write_percent) % writes, tolerance 0) on that node's own risks. Machine: $(meta .cores) cores, shared with"
  echo "other engineers' builds; load average at the start $(meta .load_average.start), at the end $(meta .load_average.end)"
  echo "(per minute: load1.png and the load1 column of samples.csv)."
  echo
  echo "- minutes: $minutes; requests: $requests; errors: **$errors**; stale reads: **$stale** of $checked reads checked"
  echo "  after a write; series trending upward: **$rising**"
  echo
  echo "## Slope test"
  echo
  echo "Least-squares line per node and series over the minutes after the warm-up ($(awk -F, 'NR > 1 { print $3; exit }' "$DIR/slopes.csv") samples"
  echo "per series); \"RISES\" when its rise over the"
  echo "window exceeds the threshold (REL x median + ABS, see bench/soak-report.sh and docs/reliability.md)."
  echo
  echo "| node | series | samples | median | slope / min | rise | threshold | verdict |"
  echo "|---|---|---:|---:|---:|---:|---:|---|"
  awk -F, 'NR > 1 { printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$DIR/slopes.csv"
  echo
  echo "The same test with only the first 5 minutes left out (the cache-fill curve then counts as a trend):"
  echo
  echo "| node | series | samples | median | slope / min | rise | threshold | verdict |"
  echo "|---|---|---:|---:|---:|---:|---:|---|"
  awk -F, 'NR > 1 { printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$DIR/slopes-warmup5.csv"
  echo
  echo "## Charts"
  echo
  for c in heap_after_gc_mb live_threads open_fds pool_in_use redis_connections p99_mix_ms p99_rw_ms load1 l1_entries; do
    [ -f "$DIR/$c.png" ] && echo "![$c]($c.png)"
  done
  echo
  echo "## Samples"
  echo
  echo "Raw per-minute samples: samples.csv (heap after a jcmd GC.run, threads from /proc/<pid>/status, open"
  echo "descriptors from /proc/<pid>/fd, pool from Liberty's connectionpool gauges, Redis connections from ss, p99 from"
  echo "wrk and the checker; gap_s: seconds the sampling took between two load windows)."
  # what the person who ran it observed (written by hand next to the data, kept across regenerations)
  if [ -f "$DIR/notes.md" ]; then echo; cat "$DIR/notes.md"; fi
} >"$DIR/report.md"
echo "soak $verdict: $rising rising series, $errors errors, $stale stale reads ($DIR/report.md)"
[ "$verdict" = PASSED ]
