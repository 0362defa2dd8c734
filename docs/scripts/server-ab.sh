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
#   CPU_WINDOWS=N (default 0): after the light load, N fixed-rate windows of
#     `bench --rate CPU_RATE --tasks-per-job 8 --task-ms 0 --duration-s 15` (CPU_RATE jobs/s,
#     default 40 = 320 tasks/s, well under saturation), each reporting the cluster process's CPU
#     per task outside the JIT compiler threads, from /proc: the figure that stays meaningful on
#     a busy machine, where saturation searches are mostly noise.
#   SATURATE=0 skips the saturation search (CPU windows only, about a minute per jar).
#   Each side also writes OUTDIR/threads-TAG.txt: per thread group (thread name without its
#   number) of the cluster process, CPU ticks and voluntary / involuntary context switches during
#   the saturation search, and the thread count; the summary line gives the process's totals
#   and the search's CPU per task outside the JIT threads (search_cpu says how it is counted).
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

# CPU ticks of process $1 outside its JIT compiler threads (threads that ended count too: the
# process total includes them).
cpu_ticks() {
  local pid=$1 total jit
  total=$(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')
  jit=0
  for t in /proc/"$pid"/task/*; do
    if grep -q "Compiler" "$t/comm" 2>/dev/null; then
      jit=$((jit + $(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}')))
    fi
  done
  echo $((total - jit))
}

# One line per live thread of process $1: tid, name, utime+stime ticks, voluntary and
# involuntary context switches.
thread_snapshot() {
  local pid=$1 t
  for t in /proc/"$pid"/task/*; do
    local comm ticks vol invol
    comm=$(tr ' ' '_' < "$t/comm" 2>/dev/null) || continue
    ticks=$(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}')
    vol=$(awk '/^voluntary_ctxt_switches/ {print $2}' "$t/status" 2>/dev/null)
    invol=$(awk '/^nonvoluntary_ctxt_switches/ {print $2}' "$t/status" 2>/dev/null)
    echo "${t##*/} $comm ${ticks:-0} ${vol:-0} ${invol:-0}"
  done
}

# Differences of two snapshots, summed per thread group (digits and '#' stripped from names),
# busiest first; the first line is the total and the thread count.
thread_delta() {
  awk 'NR == FNR { t[$1] = $3; v[$1] = $4; i[$1] = $5; next }
    { g = $2; gsub(/[0-9#]+/, "", g); n[g]++; threads++
      dt = $3 - t[$1]; dv = $4 - v[$1]; di = $5 - i[$1]
      T[g] += dt; V[g] += dv; I[g] += di; tt += dt; tv += dv; ti += di }
    END { printf "total threads=%d ticks=%d vcs=%d ivcs=%d\n", threads, tt, tv, ti
      for (g in n) printf "%s threads=%d ticks=%d vcs=%d ivcs=%d\n", g, n[g], T[g], V[g], I[g] }' \
    "$1" "$2" | { read -r first; echo "$first"; sort -t= -k3 -nr; }
}

# ", CPU ms/task (no JIT) X": the search's CPU ticks outside the JIT threads per task completed
# in the steps' measured windows. Each step's warm-up second is in the ticks but not in the tasks,
# so the figure is high by about that share on every side alike: compare sides only.
search_cpu() {
  local sat=$1 threads=$2 step tasks ticks jit hz
  hz=$(getconf CLK_TCK)
  step=$(grep -m1 -oE "[0-9]+ s per step" "$sat" | grep -oE "^[0-9]+")
  tasks=$(grep "^step:" "$sat" | awk -v s="${step:-5}" '{ n += $6 * s } END { print n + 0 }')
  ticks=$(head -1 "$threads" | grep -oE "ticks=[0-9]+" | cut -d= -f2)
  jit=$(grep -E "^C._CompilerThre|^C_CompilerThre" "$threads" | grep -oE "ticks=[0-9]+" | cut -d= -f2 \
    | awk '{ n += $1 } END { print n + 0 }')
  if [ "${tasks:-0}" -gt 0 ] && [ -n "$ticks" ]; then
    awk -v k="$ticks" -v j="$jit" -v n="$tasks" -v hz="$hz" \
      'BEGIN { printf ", CPU ms/task (no JIT) %.3f", (k - j) * 1000 / hz / n }'
  fi
}

# CPU_WINDOWS fixed-rate windows on the running cluster: "ms/task" per window, space-separated.
cpu_windows() {
  local tag=$1 jpid=$2 J=$3 C=$4 rate=${CPU_RATE:-40} hz before after tasks i res=
  hz=$(getconf CLK_TCK)
  for i in $(seq 1 "${CPU_WINDOWS:-0}"); do
    before=$(cpu_ticks "$jpid")
    # shellcheck disable=SC2086
    bench "$out/cpu$i-$tag.txt" $J bench $C --rate "$rate" --tasks-per-job 8 --task-ms 0 \
      --duration-s 15 --warmup-s 0 --progress-s 100
    after=$(cpu_ticks "$jpid")
    tasks=$(grep -m1 -oE "^measured: [0-9]+ jobs \([0-9]+ tasks" "$out/cpu$i-$tag.txt" \
      | grep -oE "[0-9]+ tasks" | grep -oE "[0-9]+")
    if [ -n "$tasks" ] && [ "$tasks" -gt 0 ]; then
      res="$res $(awk -v d=$((after - before)) -v hz="$hz" -v n="$tasks" \
        'BEGIN { printf "%.3f", d * 1000 / hz / n }')"
    else
      res="$res ?"
    fi
  done
  echo "$res"
}

run() {
  local tag=$1 jar=$2 opts=$3
  local J="java -cp $jar org.sparrow.cli.SparrowCli"
  local http=
  # Jars with a dashboard: keep it off so no sampler shares the cores.
  if java -cp "$jar" org.sparrow.cli.SparrowCli local --help 2>&1 | grep -q -- --http-port; then
    http="--http-port -1"
  fi
  local common=${CLUSTER_JAVA_OPTS:-}
  common=${common//@TAG@/$tag}
  local port C attempt
  # A random ZooKeeper port can be taken by someone else's test: another port, up to 3 times.
  for attempt in 1 2 3; do
    port=$((20000 + RANDOM % 40000))
    C="--zk 127.0.0.1:$port --cluster bench"
    # shellcheck disable=SC2086
    timeout 600 java $common $opts -cp "$jar" \
      org.sparrow.cli.SparrowCli local --node-monitors 8 --slots 4 --schedulers 2 --zk-port "$port" \
      --cluster bench $http > "$out/local-$tag.log" 2>&1 &
    LPID=$!
    for _ in $(seq 1 90); do
      grep -q "is up" "$out/local-$tag.log" 2>/dev/null && break
      kill -0 "$LPID" 2>/dev/null || break
      sleep 1
    done
    grep -q "is up" "$out/local-$tag.log" 2>/dev/null && break
    echo "$tag: the cluster did not come up on ZooKeeper port $port (attempt $attempt):" \
      "$(grep -m1 -iE "error|exception" "$out/local-$tag.log")" >&2
    cleanup
    LPID=
  done
  bench "$out/warmup-$tag.txt" $J bench $C --sequential --tasks-per-job 8 --task-ms 0 --duration-s 10 \
    --progress-s 100
  local up1 up2
  up1=$(uptime | sed 's/.*load average: //')
  bench "$out/light1-$tag.txt" $J bench $C --sequential --tasks-per-job 1 --task-ms 0 --duration-s 15 \
    --progress-s 100
  local jpid cpu=
  jpid=$(pgrep -P "$LPID" java | head -1)
  if [ "${CPU_WINDOWS:-0}" -gt 0 ] && [ -n "$jpid" ]; then
    cpu=" | cluster CPU ms/task (no JIT):$(cpu_windows "$tag" "$jpid" "$J" "$C")"
  fi
  up2=$(uptime | sed 's/.*load average: //')
  local threads=
  if [ "${SATURATE:-1}" != 0 ]; then
    [ -n "$jpid" ] && thread_snapshot "$jpid" > "$out/threads-before-$tag.txt"
    bench "$out/sat8-$tag.txt" $J bench $C --saturate --start-rate 1000 --tasks-per-job 8 --frontends 2 \
      --progress-s 100
    if [ -n "$jpid" ] && kill -0 "$jpid" 2>/dev/null; then
      thread_snapshot "$jpid" > "$out/threads-after-$tag.txt"
      thread_delta "$out/threads-before-$tag.txt" "$out/threads-after-$tag.txt" > "$out/threads-$tag.txt"
      threads=" | saturation search: $(head -1 "$out/threads-$tag.txt")$(search_cpu "$out/sat8-$tag.txt" "$out/threads-$tag.txt")"
    fi
  fi
  cleanup
  LPID=
  echo "$tag $(basename "$jar") [${opts:-no options}] load[$up1 / $up2] $(summary "$out/light1-$tag.txt" "$out/sat8-$tag.txt" 2>/dev/null)$cpu$threads"
}

run A "$1" "${A_OPTS:-}"
run B "$2" "${B_OPTS:-}"
echo "outputs in $out"
