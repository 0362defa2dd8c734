#!/usr/bin/env bash
# The priority experiment of docs/benchmarks.md (queue policies), interleaved: for each round,
# a fresh reference local cluster (8 node monitors x 4 slots, 2 schedulers) per run of
#   idle      foreground alone (policy priority)
#   fifo      foreground next to the background
#   priority  the same, preemptive strict priorities (the default of 'priority')
#   priority-nonpreemptive  the same, never suspending
# with `uptime` recorded before each run. About 70 s per run.
# Usage: ./mvnw -B -q -pl cli -am package -DskipTests
#        docs/scripts/priority-preemption-bench.sh OUTDIR [ROUNDS] [RUNS...]
set -u
out=$1; rounds=${2:-1}; shift 2 2>/dev/null || shift $#
runs=${*:-idle fifo priority priority-nonpreemptive}
mkdir -p "$out"
J="java -cp ${SPARROW_JAR:-cli/target/sparrow-cli-0.1.0-SNAPSHOT-all.jar} org.sparrow.cli.SparrowCli"
# LOCAL_JAVA_OPTS: JVM options of the local cluster's one JVM only (e.g. "-Xlog:gc:file=gc.log"
# to see its pauses, or another collector); the bench generators keep the defaults.
JL="java ${LOCAL_JAVA_OPTS:-} -cp ${SPARROW_JAR:-cli/target/sparrow-cli-0.1.0-SNAPSHOT-all.jar} org.sparrow.cli.SparrowCli"
PORT=${ZK_PORT:-$((20000 + RANDOM % 40000))}
C="--zk 127.0.0.1:$PORT --cluster pb"
start_cluster() {  # name policy
  $JL local --node-monitors 8 --slots 4 --schedulers 2 --zk-port $PORT --cluster pb > "$out/local-$1.log" 2>&1 &
  LPID=$!
  for i in $(seq 1 90); do grep -q "is up" "$out/local-$1.log" && break; sleep 1; done
  $J settings $C --queue-policy "$2" > "$out/settings-$1.txt" 2>&1
  # warm up the JIT
  $J bench $C --load 0.5 --tasks-per-job 8 --task-ms 10 --duration-s 8 --warmup-s 2 --progress-s 100 > /dev/null 2>&1
}
stop_cluster() { kill $LPID; wait $LPID 2>/dev/null; }

FG="--load 0.1 --tasks-per-job 8 --task-ms 10 --duration-s 30 --warmup-s 5 --user web --priority 0 --progress-s 100"
BG="--load 1.2 --tasks-per-job 8 --task-ms 100 --duration-s 40 --warmup-s 0 --user batch --priority 1 --max-outstanding 300 --progress-s 100"

for round in $(seq 1 "$rounds"); do
  for run in $runs; do
    name=$run-$round
    if [ "$run" = idle ]; then
      start_cluster "$name" priority
      uptime > "$out/uptime-$name.txt"
      $J bench $C $FG --json "$out/fg-$name.json" > "$out/fg-$name.txt" 2>&1
    else
      start_cluster "$name" "$run"
      uptime > "$out/uptime-$name.txt"
      $J bench $C $BG --json "$out/bg-$name.json" > "$out/bg-$name.txt" 2>&1 &
      BPID=$!
      sleep 6
      $J bench $C $FG --json "$out/fg-$name.json" > "$out/fg-$name.txt" 2>&1
      wait $BPID
    fi
    uptime >> "$out/uptime-$name.txt"
    stop_cluster
  done
done
echo done > "$out/DONE"
