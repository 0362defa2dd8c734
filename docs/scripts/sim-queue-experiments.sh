#!/usr/bin/env bash
# Issue 8's two queue-policy experiments in the simulator (docs/benchmarks.md, "Queue policies /
# Simulator"), at 1,000 workers x 4 slots, on the node monitors' own queue classes:
#   (a) priorities: foreground priority 0, 8 x 10 ms at 10% of capacity, next to background
#       priority 1, 8 x 100 ms at 120%; target: foreground p50 and p99 within 1.2x of the same
#       foreground alone, with 'priority' and not with 'fifo';
#   (b) fair sharing: alice (weight 3) and bob (weight 1) each offering 100% of the cluster;
#       target: task throughput within +-5 points of 75% / 25% over the window, and alice on the
#       whole cluster within 1 s of bob's last task.
# Deterministic (seed 1). Every simulation runs under `timeout`, so the script is bounded.
#
# Usage: docs/scripts/sim-queue-experiments.sh OUTDIR
#   env: PRIORITY_S   seconds of arrivals of (a)           (default 5)
#        WINDOW_S     measurement window of (b), seconds   (default 60, as issue 8 asks)
#        FIFO_WINDOW_S window of (b)'s fifo contrast        (default 10)
#        LIMIT_S      per-experiment time limit            (default 600)
#        SIM_JAVA_OPTS JVM options (default -XX:+UseParallelGC, as bin/sparrow sim)
#        SPARROW_JAR  the CLI jar (default: cli/target/sparrow-cli-*-all.jar, built if missing)
# Time: each simulation is single-threaded. The longest, (b) weighted-fair over 60 s, starts
# first in its own JVM; the other JVM runs (a) (fifo, priority, priority-nonpreemptive and one
# shared idle run) and then (b)'s fifo contrast, which together take about as long. Each
# experiment's wall time goes to OUTDIR/times.txt. See docs/benchmarks.md for measured times.
set -eu
out=${1:?usage: $0 OUTDIR}
mkdir -p "$out"
cd "$(dirname "$0")/../.."
jar=${SPARROW_JAR:-$(ls cli/target/sparrow-cli-*-all.jar 2>/dev/null | head -1)}
if [ -z "$jar" ]; then
  ./mvnw -B -q -pl cli -am package -DskipTests
  jar=$(ls cli/target/sparrow-cli-*-all.jar | head -1)
fi
# The parallel collector: the simulator is a batch computation with a large live set, where G1
# spent ~40% more CPU (docs/benchmarks.md); bin/sparrow sim uses the same.
J="java ${SIM_JAVA_OPTS:--XX:+UseParallelGC} -cp $jar org.sparrow.cli.SparrowCli"
CLUSTER="--workers 1000 --slots 4 --schedulers 10 --delay-ms 0.5 --probe-ratio 2 --seed 1"
limit=${LIMIT_S:-600}
uptime | tee "$out/uptime-start.txt"
: > "$out/times.txt"
# timed NAME COMMAND...: runs COMMAND under the time limit, appends its wall seconds to times.txt.
timed() {
  local name=$1 t0 rc=0
  shift
  t0=$(date +%s%N)
  timeout "$limit" "$@" || rc=$?
  echo "$name $(( ($(date +%s%N) - t0) / 1000000000 )) s (exit $rc)" >> "$out/times.txt"
  return $rc
}

# (b) weighted-fair over the full window: the longest run, so it starts first, alone in its JVM.
FAIR="--queue-experiment fair-share --weight alice=3 --weight bob=1 --load 1.0 $CLUSTER"
timed fair-share-weighted-fair $J sim $FAIR --queue-policy weighted-fair --duration-s "${WINDOW_S:-60}" \
  --json "$out/fair-share.json" > "$out/fair-share.txt" &
wf=$!

# Meanwhile, in the other JVM: (a) with every priority policy on one thread (one idle run shared
# by all), then (b)'s fifo contrast over a shorter window (its 50/50 split shows in 10 s).
timed priority $J sim --queue-experiment priority --queue-policy fifo,priority,priority-nonpreemptive $CLUSTER \
  --threads 1 --duration-s "${PRIORITY_S:-5}" --json "$out/priority.json" > "$out/priority.txt"
timed fair-share-fifo $J sim $FAIR --queue-policy fifo --duration-s "${FIFO_WINDOW_S:-10}" \
  --json "$out/fair-share-fifo.json" > "$out/fair-share-fifo.txt"
wait $wf
cat "$out/priority.txt" "$out/fair-share-fifo.txt" "$out/fair-share.txt" "$out/times.txt"
uptime | tee "$out/uptime-end.txt"

# Verdicts against issue 8's targets.
if command -v jq > /dev/null; then
  echo "--- verdicts"
  jq -r '.results[] | "priority experiment, \(.queue_policy): foreground p50 \(.ratio_p50 * 100 | round / 100)x, p99 \(.ratio_p99 * 100 | round / 100)x of idle -> "
    + (if .ratio_p50 <= 1.2 and .ratio_p99 <= 1.2 then "within 1.2x" else "NOT within 1.2x" end)' "$out/priority.json"
  cat "$out/fair-share-fifo.json" "$out/fair-share.json" | jq -r '.results[] | (.users | to_entries) as $u
    | "fair-share experiment, \(.queue_policy): \($u[0].key) \($u[0].value.share * 1000 | round / 10)%, \($u[1].key) \($u[1].value.share * 1000 | round / 10)% -> "
    + (if ($u[0].value.share - 0.75 | fabs) <= 0.05 then "within 75/25 +-5" else "NOT within 75/25 +-5" end)
    + "; whole cluster after \(.whole_cluster_after_ms // "never") ms -> "
    + (if .whole_cluster_after_ms != null and .whole_cluster_after_ms < 1000 then "within 1 s" else "NOT within 1 s" end)'
fi
