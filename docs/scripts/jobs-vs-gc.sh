#!/usr/bin/env bash
# Do a run's slow jobs coincide with GC pauses? Matches `bench --jobs-out` lines against JVM GC
# logs written with wall-clock stamps (-Xlog:gc:file=F:timemillis[,uptime]; the
# priority-preemption bench writes them with GC_LOGS=1, one per process, named gc-RUN-ROLE.log).
# A job "meets" a pause when the pause (its end stamp minus its length) overlaps the job's
# [submit, submit + response] interval. Only measured jobs count.
# Usage: docs/scripts/jobs-vs-gc.sh JOBS.csv GCLOG... [-- MIN_PAUSE_MS]   (default 5 ms)
# Prints: each log's pauses inside the jobs' window; the response p50 / p99 of all measured jobs
# and of those that met no pause >= MIN_PAUSE_MS; the slowest 1% with the pauses they met.
set -eu
[ $# -ge 2 ] || { sed -n '2,9p' "$0" >&2; exit 2; }
jobs=$1; shift
logs=(); min=5
while [ $# -gt 0 ]; do
  if [ "$1" = -- ]; then min=${2:?MIN_PAUSE_MS after --}; break; fi
  logs+=("$1"); shift
done
head -1 "$jobs" | grep -q '^job,submit_epoch_ms,submit_s,measured,' \
  || { echo "$jobs is not a bench --jobs-out file (header)" >&2; exit 2; }
awk -v min="$min" -F, '
  function role(f) { n = split(f, parts, "/"); r = parts[n]; sub(/\.log$/, "", r); sub(/^gc-.*-/, "", r); return r }
  function rank(n, p,   k) { k = int(n * p / 100); return k < n * p / 100 ? k + 1 : k }  # nearest rank, as HdrHistogram
  function pct(arr, n, p) { return n == 0 ? "-" : sprintf("%.2f", arr[rank(n, p)]) }
  # sorts a[1..n] ascending (insertion sort is plenty for ~1,200 jobs)
  function sort(a, n,   i, j, v) { for (i = 2; i <= n; i++) { v = a[i]; for (j = i - 1; j >= 1 && a[j] > v; j--) a[j + 1] = a[j]; a[j + 1] = v } }
  FNR == 1 && FILENAME != jobsfile { r = role(FILENAME); roles[++nroles] = r }
  FILENAME != jobsfile {
    if ($0 !~ /Pause/ || match($0, /\[[0-9]+ms\]/) == 0) next
    t = substr($0, RSTART + 1, RLENGTH - 4) + 0
    if (match($0, / [0-9.]+ms$/) == 0) next
    d = substr($0, RSTART + 1, RLENGTH - 3) + 0
    np++; pend[np] = t; plen[np] = d; prole[np] = r
    next
  }
  FNR == 1 { next }
  $4 == "true" && $8 == "SUCCEEDED" {
    nj++; js[nj] = $2 + 0; jr[nj] = $9 + 0; jid[nj] = $1; jo[nj] = $11; jl[nj] = $10
    if (nj == 1 || $2 < lo) lo = $2 + 0
    if ($2 + $9 > hi) hi = $2 + $9
  }
  END {
    if (nj == 0) { print "no measured, succeeded job in " jobsfile; exit 1 }
    printf "window %.1f s, %d measured jobs; pauses inside it (>= %s ms counted as meeting a job):\n", (hi - lo) / 1000, nj, min
    for (k = 1; k <= nroles; k++) {
      c = 0; big = 0; mx = 0; tot = 0
      for (i = 1; i <= np; i++) if (prole[i] == roles[k] && pend[i] >= lo && pend[i] - plen[i] <= hi) {
        c++; tot += plen[i]; if (plen[i] >= min) big++; if (plen[i] > mx) mx = plen[i]
      }
      printf "  %-14s %4d pauses, %3d >= %s ms, longest %7.2f ms, total %8.2f ms\n", roles[k], c, big, min, mx, tot
    }
    clean = 0
    for (j = 1; j <= nj; j++) {
      met[j] = ""; s = js[j]; e = js[j] + jr[j]
      for (i = 1; i <= np; i++) if (plen[i] >= min && pend[i] >= s && pend[i] - plen[i] <= e)
        met[j] = met[j] sprintf(" %s:%.1f", prole[i], plen[i])
      all[j] = jr[j]
      if (met[j] == "") cl[++clean] = jr[j]
    }
    sort(all, nj); sort(cl, clean)
    printf "all measured jobs:           %5d  p50 %s  p99 %s ms\n", nj, pct(all, nj, 50), pct(all, nj, 99)
    printf "jobs meeting no pause:       %5d  p50 %s  p99 %s ms\n", clean, pct(cl, clean, 50), pct(cl, clean, 99)
    printf "jobs meeting a pause >= %s:  %5d (%.1f%%)\n", min, nj - clean, 100 * (nj - clean) / nj
    p99 = all[rank(nj, 99)]
    slow = 0; hit = 0
    print "slowest 1% (response >= p99): job, submit_s from the first, response, longest task, overhead, pauses met"
    for (j = 1; j <= nj; j++) if (jr[j] >= p99) {
      slow++; if (met[j] != "") hit++
      printf "  %6s %8.3f %8.2f %7.2f %7.2f %s\n", jid[j], (js[j] - lo) / 1000, jr[j], jl[j], jo[j], met[j] == "" ? " (none)" : met[j]
    }
    printf "%d of the %d slowest met a pause >= %s ms\n", hit, slow, min
  }
' jobsfile="$jobs" "${logs[@]}" "$jobs"
