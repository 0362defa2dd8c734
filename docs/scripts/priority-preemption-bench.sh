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
# Environment:
#   DAEMONS=local      (default) the cluster is one `sparrow local` JVM: ZooKeeper, 8 node
#                      monitors and 2 schedulers share one heap and one collector
#   DAEMONS=processes  as deployed: `sparrow zookeeper`, 8 `sparrow nodemonitor` and 2
#                      `sparrow scheduler` processes, each with bin/sparrow's daemon JVM options
#                      (a small serial-GC heap), logs in OUTDIR/daemons-RUN/
#   LOCAL_JAVA_OPTS    JVM options added for the cluster's JVMs (both modes), e.g. "-XX:+UseZGC"
#   BENCH_JAVA_OPTS    JVM options of the two bench generators (the foreground's own pauses
#                      count in its response times too), e.g. "-XX:+UseSerialGC"
#   START_TIMEOUT_S    how long a cluster may take to come up before the run is skipped (180)
#   GC_LOGS=1          every JVM logs its collections to OUTDIR/gc-RUN-ROLE.log (ROLE: local,
#                      zookeeper, nm1..nm8, sched1, sched2, fg, bg) with wall-clock stamps, to
#                      match against the generators' per-job lines (OUTDIR/jobs-{fg,bg}-RUN.csv,
#                      always written): docs/scripts/jobs-vs-gc.sh OUTDIR/jobs-fg-RUN.csv OUTDIR/gc-RUN-*.log
set -u
# One block, parsed whole before it runs: editing this file during a run cannot derail the run.
{
out=$1; rounds=${2:-1}; shift 2 2>/dev/null || shift $#
runs=${*:-idle fifo priority priority-nonpreemptive}
mkdir -p "$out"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar=${SPARROW_JAR:-$root/cli/target/sparrow-cli-0.1.0-SNAPSHOT-all.jar}
[ -f "$jar" ] || { echo "no $jar: build it first (./mvnw -B -q -pl cli -am package -DskipTests)" >&2; exit 2; }
J="java -cp $jar org.sparrow.cli.SparrowCli"
gc() {  # role: the GC-log option of that JVM of the current run ($name), if GC_LOGS=1
  [ "${GC_LOGS:-0}" = 1 ] && echo "-Xlog:gc:file=$out/gc-$name-$1.log:timemillis,uptime"
}
JB() {  # role, bench arguments...
  local role=$1; shift
  # shellcheck disable=SC2046,SC2086
  java ${BENCH_JAVA_OPTS:-} $(gc "$role") -cp "$jar" org.sparrow.cli.SparrowCli bench "$@"
}
PORT=${ZK_PORT:-$((20000 + RANDOM % 40000))}
C="--zk 127.0.0.1:$PORT --cluster pb"
DAEMONS=${DAEMONS:-local}
start_s=${START_TIMEOUT_S:-180}  # 11 JVMs on a loaded 2-core machine took more than 90 s to start
case "$DAEMONS" in local|processes) ;; *) echo "DAEMONS must be local or processes, got '$DAEMONS'" >&2; exit 2 ;; esac

# bin/sparrow's JVM options for a daemon command, read from the script so that they stay in step
# with what users run (fails loudly if the script no longer has them where this looks).
sparrow_opts() {  # command
  local s small always per
  s="$root/bin/sparrow"
  small=$(sed -n 's/^ *small="\([^"]*\)"$/\1/p' "$s")
  always=$(sed -n 's/^ *opts="\([^"$]*\)\$opts"$/\1/p' "$s")
  per=$(sed -n "s/^ *$1) *opts=\"\([^\"]*\)\".*/\1/p" "$s")
  if [ -z "$small" ] || [ -z "$always" ] || [ -z "$per" ]; then
    echo "cannot read the default JVM options of '$1' from $s" >&2; exit 2
  fi
  echo "$always ${per/\$small/$small}"
}
if [ "$DAEMONS" = processes ]; then
  NM_OPTS=$(sparrow_opts nodemonitor) || exit 2
  SCHED_OPTS=$(sparrow_opts scheduler) || exit 2
fi

LPIDS=""      # every process of the current cluster, ZooKeeper first
BPID=""       # the background generator
# Stops one process: SIGTERM (a daemon drains), then SIGKILL if it is still there after 30 s.
stop_pid() {
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 1 300); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$1" 2>/dev/null; then echo "pid $1 ignored SIGTERM for 30 s: SIGKILL" >&2; kill -9 "$1" 2>/dev/null; fi
  wait "$1" 2>/dev/null
  return 0
}
stop_cluster() {  # daemons first (all signalled at once), ZooKeeper (the first pid) last
  # shellcheck disable=SC2086
  set -- $LPIDS
  [ $# -gt 0 ] || return 0
  first=$1; shift
  for p in "$@"; do kill "$p" 2>/dev/null; done
  for p in "$@"; do stop_pid "$p"; done
  stop_pid "$first"
  LPIDS=""
}
cleanup() { [ -n "$BPID" ] && stop_pid "$BPID"; stop_cluster; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits (bounded) until FILE has a line matching PATTERN at least N times; fails if a process of
# the cluster has exited meanwhile.
await_lines() {  # seconds file pattern n what
  local deadline=$((SECONDS + $1))
  while [ "$(cat $2 2>/dev/null | grep -c "$3")" -lt "$4" ]; do
    for p in $LPIDS; do
      kill -0 "$p" 2>/dev/null || { echo "$5: process $p exited before the cluster was up (logs: $out)" >&2; return 1; }
    done
    [ $SECONDS -lt $deadline ] || { echo "$5: not up within $1 s (logs: $out)" >&2; return 1; }
    sleep 0.2
  done
}
up() {  # whether ZooKeeper lists 8 node monitors and 2 schedulers
  $J workers $C --format json 2>/dev/null | jq -e '.schedulers == 2 and (.nodeMonitors | length) == 8' > /dev/null 2>&1
}
start_cluster() {  # name policy
  LPIDS=""
  if [ "$DAEMONS" = local ]; then
    # shellcheck disable=SC2046,SC2086
    java ${LOCAL_JAVA_OPTS:-} $(gc local) -cp "$jar" org.sparrow.cli.SparrowCli local --node-monitors 8 --slots 4 --schedulers 2 --zk-port $PORT --cluster pb > "$out/local-$1.log" 2>&1 &
    LPIDS=$!
    await_lines "$start_s" "$out/local-$1.log" "is up" 1 "local cluster" || return 1
  else
    d="$out/daemons-$1"; mkdir -p "$d"
    # shellcheck disable=SC2046,SC2086
    java ${LOCAL_JAVA_OPTS:-} $(gc zookeeper) -cp "$jar" org.sparrow.cli.SparrowCli zookeeper --port $PORT > "$d/zookeeper.log" 2>&1 &
    LPIDS=$!
    await_lines 30 "$d/zookeeper.log" "ZooKeeper running" 1 "zookeeper" || return 1
    for n in 1 2 3 4 5 6 7 8; do
      # shellcheck disable=SC2046,SC2086
      MALLOC_ARENA_MAX=2 java $NM_OPTS ${LOCAL_JAVA_OPTS:-} $(gc nm$n) -cp "$jar" org.sparrow.cli.SparrowCli nodemonitor $C \
        --host 127.0.0.1 --internal-port 0 --backend-port 0 --slots 4 > "$d/nodemonitor-$n.log" 2>&1 &
      LPIDS="$LPIDS $!"
    done
    for n in 1 2; do
      # shellcheck disable=SC2046,SC2086
      MALLOC_ARENA_MAX=2 java $SCHED_OPTS ${LOCAL_JAVA_OPTS:-} $(gc sched$n) -cp "$jar" org.sparrow.cli.SparrowCli scheduler $C \
        --host 127.0.0.1 --port 0 --internal-port 0 > "$d/scheduler-$n.log" 2>&1 &
      LPIDS="$LPIDS $!"
    done
    echo "$LPIDS" > "$d/pids.txt"
    await_lines "$start_s" "$d/nodemonitor-*.log $d/scheduler-*.log" " running in cluster" 10 "daemons" || return 1
    up || { echo "daemons: ZooKeeper does not list 8 node monitors and 2 schedulers (logs: $d)" >&2; return 1; }
  fi
  $J settings $C --queue-policy "$2" > "$out/settings-$1.txt" 2>&1 || { echo "settings failed: $out/settings-$1.txt" >&2; return 1; }
  # warm up the JIT (failures here are noted, not fatal: the measured runs report their own)
  $J bench $C --load 0.5 --tasks-per-job 8 --task-ms 10 --duration-s 8 --warmup-s 2 --progress-s 100 > "$out/warmup-$1.txt" 2>&1 \
    || echo "$1: the warm-up had failures ($out/warmup-$1.txt)" | tee -a "$out/WARNINGS" >&2
  return 0
}

FG="--load 0.1 --tasks-per-job 8 --task-ms 10 --duration-s 30 --warmup-s 5 --user web --priority 0 --progress-s 100"
BG="--load 1.2 --tasks-per-job 8 --task-ms 100 --duration-s 40 --warmup-s 0 --user batch --priority 1 --max-outstanding 300 --progress-s 100"

failed=0
for round in $(seq 1 "$rounds"); do
  for run in $runs; do
    name=$run-$round
    policy=$run; [ "$run" = idle ] && policy=priority
    if ! start_cluster "$name" "$policy"; then
      echo "$name: the cluster did not start; run skipped" | tee -a "$out/FAILED" >&2
      failed=1; stop_cluster; continue
    fi
    uptime > "$out/uptime-$name.txt"
    if [ "$run" = idle ]; then
      JB fg $C $FG --json "$out/fg-$name.json" --jobs-out "$out/jobs-fg-$name.csv" > "$out/fg-$name.txt" 2>&1
    else
      JB bg $C $BG --json "$out/bg-$name.json" --jobs-out "$out/jobs-bg-$name.csv" > "$out/bg-$name.txt" 2>&1 &
      BPID=$!
      sleep 6  # part of the workload: the background fills the queues before the foreground starts
      JB fg $C $FG --json "$out/fg-$name.json" --jobs-out "$out/jobs-fg-$name.csv" > "$out/fg-$name.txt" 2>&1
      wait $BPID; BPID=""
    fi
    uptime >> "$out/uptime-$name.txt"
    stop_cluster
  done
done
echo done > "$out/DONE"
exit $failed
}
