#!/usr/bin/env bash
# One A/B pair of the Thrift-server comparison in docs/benchmarks.md ("The Netty Thrift server
# against libthrift's"): for each jar in turn, a fresh reference local cluster (8 node monitors x
# 4 slots, 2 schedulers, ZooKeeper on a random loopback port), a 10-s warm-up, 1-task light load
# for 15 s, then the 8-task saturation search. Prints one summary line per run, with `uptime`.
# Kills only the PIDs it started; every step is bounded by `timeout`. About 3 minutes per jar.
#
# Usage: docs/scripts/server-ab.sh JAR_A JAR_B [OUTDIR]
#   A_OPTS / B_OPTS: JVM options of side A's / side B's cluster process only, so one jar can run
#     against itself with two settings, e.g. two server variants (ServerVariant):
#       A_OPTS=-Dsparrow.thrift.server=transport=nio docs/scripts/server-ab.sh new.jar new.jar
#   CLUSTER_JAVA_OPTS="-XX:StartFlightRecording=..." adds JVM options to both cluster processes
#     (an @TAG@ in it becomes the side's tag, A or B, so two recordings do not overwrite each other).
#   Run it twice (A,B then B,A, or A,B,A,B) and compare pairs only: the machine's load moves
#   single runs a lot.
set -u
if [ $# -lt 2 ]; then
  echo "usage: $0 JAR_A JAR_B [OUTDIR]" >&2
  exit 2
fi
out=${3:-$(mktemp -d /tmp/server-ab.XXXXXX)}
mkdir -p "$out"
LPID=
cleanup() {
  if [ -n "$LPID" ]; then
    kill "$LPID" 2>/dev/null
    wait "$LPID" 2>/dev/null
  fi
}
trap cleanup EXIT

# The 'overhead p50' and 'sustained' figures of bench's text output.
summary() {
  local light=$1 sat=$2
  local p50 rate
  p50=$(grep -m1 -iE "overhead" "$light" | tr -s ' ' | cut -c1-120)
  rate=$(grep -iE "sustain|highest|maximum" "$sat" | tail -1 | tr -s ' ' | cut -c1-120)
  echo "light: ${p50:-?} | saturation: ${rate:-?}"
}

# One bench command, retried once when ZooKeeper was too slow to answer on a busy machine.
bench() {
  local file=$1
  shift
  for _ in 1 2; do
    timeout 300 "$@" > "$file" 2>&1 < /dev/null
    grep -q "did not load" "$file" || return 0
  done
}

run() {
  local tag=$1 jar=$2 opts=$3
  local port=$((20000 + RANDOM % 40000))
  local J="java -cp $jar org.sparrow.cli.SparrowCli"
  local C="--zk 127.0.0.1:$port --cluster bench"
  local http=
  # Jars with a dashboard: keep it off so no sampler shares the cores.
  if java -cp "$jar" org.sparrow.cli.SparrowCli local --help 2>&1 | grep -q -- --http-port; then
    http="--http-port -1"
  fi
  local common=${CLUSTER_JAVA_OPTS:-}
  common=${common//@TAG@/$tag}
  # shellcheck disable=SC2086
  timeout 600 java $common $opts -cp "$jar" \
    org.sparrow.cli.SparrowCli local --node-monitors 8 --slots 4 --schedulers 2 --zk-port "$port" \
    --cluster bench $http > "$out/local-$tag.log" 2>&1 &
  LPID=$!
  for _ in $(seq 1 90); do
    grep -q "is up" "$out/local-$tag.log" && break
    kill -0 "$LPID" 2>/dev/null || break
    sleep 1
  done
  bench "$out/warmup-$tag.txt" $J bench $C --sequential --tasks-per-job 8 --task-ms 0 --duration-s 10 \
    --progress-s 100
  local up1 up2
  up1=$(uptime | sed 's/.*load average: //')
  bench "$out/light1-$tag.txt" $J bench $C --sequential --tasks-per-job 1 --task-ms 0 --duration-s 15 \
    --progress-s 100
  up2=$(uptime | sed 's/.*load average: //')
  bench "$out/sat8-$tag.txt" $J bench $C --saturate --start-rate 1000 --tasks-per-job 8 --frontends 2 \
    --progress-s 100
  cleanup
  LPID=
  echo "$tag $(basename "$jar") [${opts:-no options}] load[$up1 / $up2] $(summary "$out/light1-$tag.txt" "$out/sat8-$tag.txt")"
}

run A "$1" "${A_OPTS:-}"
run B "$2" "${B_OPTS:-}"
echo "outputs in $out"
