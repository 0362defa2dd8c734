#!/usr/bin/env bash
# The Thrift-server comparison in docs/benchmarks.md ("The Netty Thrift server against
# libthrift's"): for each run, a fresh reference local cluster (8 node monitors x 4 slots,
# 2 schedulers, ZooKeeper on a random loopback port), a 10-s warm-up, 1-task light load for 15 s
# (LIGHT_S), then the 8-task saturation search. Prints one summary line per run, with `uptime`. Kills only
# the PIDs it started; every step is bounded by `timeout`. About 2.5 minutes per run (3 with
# CPU_WINDOWS=2).
#
# Usage: docs/scripts/server-ab.sh JAR_A JAR_B [OUTDIR]
#   One pair: A then B. For a verdict use ROUNDS (below): single pairs showed an order effect.
#   docs/scripts/server-ab.sh --report OUTDIR prints an earlier ROUNDS run's table again.
#   ROUNDS=N: the interleaved mode. First DISCARD runs (default 1) of side B, thrown away, then
#     A,B,A,B,... N rounds in one invocation, each run the same fresh cluster and warm-up; then a
#     per-run table and, per side, the mean and min-max of every figure (light p50 / p99,
#     saturation, CPU per task), plus the mean of the per-round differences B - A. So every
#     measured run has the other side just before it, and a drift of the machine over the
#     invocation falls on both sides alike. Output: OUTDIR/rounds.txt (table), OUTDIR/results.tsv.
#   START_RATE (default 1000): first rate of the saturation search, tasks/s. The search grows by
#     1.25x per step (1000, 1250, ..., 5925, 7394, 9344) until a step is not sustained, then
#     bisects three times, so a cluster whose limit is near a step's rate ends either just above
#     it or up to 20% below it: compare means over rounds, not single runs.
#   A_OPTS / B_OPTS: JVM options of side A's / side B's cluster process only, so one jar can run
#     against itself with two settings, e.g. two server variants (ServerVariant):
#       A_OPTS=-Dsparrow.thrift.server=engine=libthrift ROUNDS=4 docs/scripts/server-ab.sh new.jar new.jar
#   CLUSTER_JAVA_OPTS="-XX:StartFlightRecording=..." adds JVM options to both cluster processes
#     (an @TAG@ in it becomes the run's tag, A or B, A1, B1, ... with ROUNDS, so two recordings
#     do not overwrite each other).
#   CPU_WINDOWS=N (default 0): after the light load, N fixed-rate windows of
#     `bench --rate CPU_RATE --tasks-per-job 8 --task-ms 0 --duration-s 15` (CPU_RATE jobs/s,
#     default 40 = 320 tasks/s, well under saturation), each reporting the cluster process's CPU
#     per task outside the JIT compiler threads, from /proc: the figure that stays meaningful on
#     a busy machine, where saturation searches are mostly noise.
#   SATURATE=0 skips the saturation search (CPU windows only, about a minute per run).
#   LIGHT_S (default 15): measured seconds of the 1-task light stage, after bench's own 5-s warm-up
#     (LIGHT_WARMUP_S). Its client is a fresh JVM, and the cluster has had only the 10-s warm-up.
#   DIAG=1: what the light stage's tail is made of. Per run: the light jobs one per line
#     (OUTDIR/light-jobs-TAG.csv, bench --jobs-out), GC and JIT-compilation logs of the cluster
#     (gc-TAG.log, jit-TAG.log) and of the light stage's client (gc-light-TAG.log,
#     jit-light-TAG.log), the cluster's threads during the light stage (threads-light-TAG.txt, as
#     threads-TAG.txt), and a "diag TAG:" line: overhead p50 / p99 of each third of the window,
#     how many jobs were slower than SLOW_MS (default 2) and how many of those a GC pause of
#     either JVM overlapped, the C2 (tier 4) compilations each JVM logged in each third, the share
#     of slow jobs and of all jobs with a C2 compilation started up to 20 ms before or during them,
#     and the cluster's JIT-thread CPU during the stage (its warm-up too). The table then also has the first and the last third's p99. The logs cost both
#     sides alike, so compare DIAG runs with DIAG runs.
#   Each run also writes OUTDIR/threads-TAG.txt: per thread group (thread name without its
#     number) of the cluster process, CPU ticks and voluntary / involuntary context switches during
#     the saturation search, and the thread count; the summary line gives the process's totals
#     and the search's CPU per task outside the JIT threads (search_cpu says how it is counted).
#   The machine during each search (summary line and table): "others" is the CPU time of every
#     process but the cluster and the bench client, as a share of the search's wall time
#     (2 cores = 200%); "psi" is the share of that time some runnable task waited for a CPU
#     (/proc/pressure/cpu); "steal" the hypervisor's share. They tell a run slowed by the
#     machine from one slowed by its own server.
set -u
if [ $# -lt 2 ]; then
  echo "usage: $0 JAR_A JAR_B [OUTDIR]    or: $0 --report OUTDIR (the table of an earlier ROUNDS run)" >&2
  exit 2
fi
if [ "$1" = --report ]; then
  out=$2
else
  out=${3:-$(mktemp -d /tmp/server-ab.XXXXXX)}
  mkdir -p "$out"
fi
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

# "busy steal psi children ns": the machine's user+nice+system ticks and steal ticks
# (/proc/stat), the microseconds some task waited for a CPU (/proc/pressure/cpu, 0 where the
# kernel has no PSI), the CPU ticks of this shell's finished children (the bench client, once
# `bench` returned) and the time.
machine_snapshot() {
  local psi
  psi=$(grep -m1 '^some' /proc/pressure/cpu 2>/dev/null | grep -oE 'total=[0-9]+' | cut -d= -f2)
  echo "$(awk '/^cpu / {print $2 + $3 + $4, $9}' /proc/stat) ${psi:-0}" \
    "$(sed 's/.*) //' "/proc/$$/stat" | awk '{print $14 + $15}') $(date +%s%N)"
}

# CPU ticks of process $1, every thread (ended ones too).
proc_ticks() {
  sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{print $12 + $13}'
}

# "others% psi% steal%" over a search, from two machine snapshots and the cluster's ticks.
machine_delta() {
  local before=$1 after=$2 cluster=$3
  awk -v hz="$(getconf CLK_TCK)" -v c="$cluster" -v b="$before" -v a="$after" 'BEGIN {
      split(b, x, " "); split(a, y, " ")
      wall = (y[5] - x[5]) / 1e9
      if (wall <= 0) { print "? ? ?"; exit }
      others = ((y[1] - x[1]) - c - (y[4] - x[4])) / hz / wall * 100
      printf "%.0f %.0f %.1f\n", (others < 0 ? 0 : others), (y[3] - x[3]) / 1e6 / wall * 100,
        (y[2] - x[2]) / hz / wall * 100 }'
}

# One number out of bench's text output: the light run's overhead percentile $2, or "?".
overhead() {
  grep -m1 -E "^scheduling overhead" "$1" 2>/dev/null | grep -oE "$2 +[0-9.]+" | awk '{print $2}' \
    | grep . || echo "?"
}

# Percentile $1 (0-100) of the numbers on standard input, as bench reports it (the value at that
# rank), or "?" when there are none.
pct() {
  sort -n | awk -v p="$1" '{ v[NR] = $1 } END { if (!NR) { print "?"; exit }
    i = int(NR * p / 100 + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; printf "%.2f", v[i] }'
}

# GC pauses of log $1 (-Xlog:gc:...:timemillis) as "start_ms end_ms duration_ms", one a line.
gc_pauses() {
  grep -E "\] GC\([0-9]+\) Pause .*[0-9.]+ms$" "$1" 2>/dev/null \
    | sed -E 's/^\[([0-9]+)ms\].* ([0-9.]+)ms$/\1 \2/' | awk '{ printf "%.3f %s %s\n", $1 - $2, $1, $2 }'
}

# C2 (tier 4) compilations that JIT log $1 (-Xlog:jit+compilation=debug:...:timemillis) started in
# [$2, $3] epoch ms.
c2_compiles() {
  sed -E 's/^\[([0-9]+)ms\]\[[0-9]+ms\] +/\1 /' "$1" 2>/dev/null | awk -v a="$2" -v b="$3" '
    $1 >= a && $1 <= b && !/made not entrant|made zombie/ {
      for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]$/) { if ($i == 4) n++; break } }
    END { print n + 0 }'
}

# Start times (epoch ms) of the C2 compilations in JIT log $1, one a line.
c2_starts() {
  sed -E 's/^\[([0-9]+)ms\]\[[0-9]+ms\] +/\1 /' "$1" 2>/dev/null | awk '!/made not entrant|made zombie/ {
    for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]$/) { if ($i == 4) print $1; break } }'
}

# The "diag TAG:" line of the light stage (DIAG=1); its last two words are the first and the last
# third's p99.
light_diag() {
  local tag=$1 csv=$out/light-jobs-$1.csv slow=${SLOW_MS:-2} t0 t1 thirds= i pauses hit jit
  [ -s "$csv" ] || { echo "diag $tag: no job log"; return; }
  awk -F, '$4 == "true" && $11 != "" { print $2, $3, $9, $11 }' "$csv" > "$out/light-measured-$tag.txt"
  t0=$(awk 'NR == 1 || $1 < m { m = $1 } END { printf "%.3f", m }' "$out/light-measured-$tag.txt")
  t1=$(awk '{ e = $1 + $3; if (e > m) m = e } END { printf "%.3f", m }' "$out/light-measured-$tag.txt")
  local c2= first=
  for i in 0 1 2; do
    local part a b
    part=$(awk -v a="$t0" -v b="$t1" -v i=$i '{ k = int(($1 - a) * 3 / (b - a + 0.001)); if (k == i) print $4 }' \
      "$out/light-measured-$tag.txt")
    thirds="$thirds $(echo "$part" | grep . | pct 50)/$(echo "$part" | grep . | pct 99)"
    [ $i = 0 ] && first=$thirds
    a=$(awk -v a="$t0" -v b="$t1" -v i=$i 'BEGIN { printf "%.3f", a + (b - a) * i / 3 }')
    b=$(awk -v a="$t0" -v b="$t1" -v i=$i 'BEGIN { printf "%.3f", a + (b - a) * (i + 1) / 3 }')
    c2="$c2 $(c2_compiles "$out/jit-$tag.log" "$a" "$b")/$(c2_compiles "$out/jit-light-$tag.log" "$a" "$b")"
  done
  { gc_pauses "$out/gc-$tag.log"; gc_pauses "$out/gc-light-$tag.log"; } > "$out/pauses-$tag.txt"
  pauses=$(awk -v a="$t0" -v b="$t1" '$2 >= a && $1 <= b { n++; s += $3 } END { printf "%d (%.0f ms)", n, s }' \
    "$out/pauses-$tag.txt")
  hit=$(awk -v s="$slow" 'NR == FNR { p0[NR] = $1; p1[NR] = $2; np = NR; next }
    $4 > s { n++; e = $1 + $3; for (k = 1; k <= np; k++) if (p0[k] <= e && p1[k] >= $1) { h++; break } }
    END { printf "%d, %d of them overlapping a GC pause", n, h }' "$out/pauses-$tag.txt" "$out/light-measured-$tag.txt")
  # Is a slow job more often than any job near a C2 compilation (started up to 20 ms before it or
  # while it ran)? Compilation ends are not logged: 20 ms is a typical C2 compile here.
  local near
  near=$( { c2_starts "$out/jit-$tag.log"; c2_starts "$out/jit-light-$tag.log"; } | sort -n | awk -v s="$slow" '
    NR == FNR { c[++nc] = $1; next }
    { while (p < nc && c[p + 1] < $1 - 20) p++
      hit = (p < nc && c[p + 1] <= $1 + $3); n++; h += hit; if ($4 > s) { ns++; hs += hit } }
    END { printf "%d of %d slow jobs (%.0f%%) against %d of %d jobs (%.0f%%)", hs, ns, ns ? 100 * hs / ns : 0,
      h, n, n ? 100 * h / n : 0 }' - "$out/light-measured-$tag.txt")
  jit=$(grep -E "^C._CompilerThre|^C_CompilerThre" "$out/threads-light-$tag.txt" 2>/dev/null \
    | grep -oE "ticks=[0-9]+" | cut -d= -f2 | awk -v hz="$(getconf CLK_TCK)" '{ n += $1 } END { printf "%.0f", n * 1000 / hz }')
  echo "diag $tag: overhead p50/p99 per third (ms):$thirds | jobs > $slow ms: $hit | GC pauses in the window (both JVMs): $pauses | C2 compilations per third, cluster/client:$c2; near one: $near | cluster JIT-thread CPU in the light stage: ${jit:-?} ms | p99 first/last third ${first##*/} ${thirds##*/}"
}

# run TAG JAR OPTS: one run, files named after TAG; appends a line to OUTDIR/results.tsv.
run() {
  local tag=$1 jar=$2 opts=$3
  local J="java -cp $jar org.sparrow.cli.SparrowCli"
  local http=
  # Jars with a dashboard: keep it off so no sampler shares the cores.
  if java -cp "$jar" org.sparrow.cli.SparrowCli local --help 2>&1 | grep -q -- --http-port; then
    http="--http-port -1"
  fi
  local common=${CLUSTER_JAVA_OPTS:-} diag= lightj=$J lightlog=
  common=${common//@TAG@/$tag}
  if [ "${DIAG:-0}" != 0 ]; then
    diag="-Xlog:gc:file=$out/gc-$tag.log:uptimemillis,timemillis -Xlog:jit+compilation=debug:file=$out/jit-$tag.log:uptimemillis,timemillis"
    lightj="java -Xlog:gc:file=$out/gc-light-$tag.log:uptimemillis,timemillis -Xlog:jit+compilation=debug:file=$out/jit-light-$tag.log:uptimemillis,timemillis -cp $jar org.sparrow.cli.SparrowCli"
    lightlog="--jobs-out $out/light-jobs-$tag.csv"
  fi
  local port C attempt
  # A random ZooKeeper port can be taken by someone else's test: another port, up to 3 times.
  for attempt in 1 2 3; do
    port=$((20000 + RANDOM % 40000))
    C="--zk 127.0.0.1:$port --cluster bench"
    # shellcheck disable=SC2086
    timeout 600 java $common $diag $opts -cp "$jar" \
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
  local up1 up2 jpid
  jpid=$(pgrep -P "$LPID" java | head -1)
  up1=$(uptime | sed 's/.*load average: //')
  [ -n "$diag" ] && [ -n "$jpid" ] && thread_snapshot "$jpid" > "$out/threads-light-before-$tag.txt"
  # shellcheck disable=SC2086
  bench "$out/light1-$tag.txt" $lightj bench $C --sequential --tasks-per-job 1 --task-ms 0 \
    --duration-s "${LIGHT_S:-15}" --warmup-s "${LIGHT_WARMUP_S:-5}" --progress-s 100 $lightlog
  local last=- first=-
  if [ -n "$diag" ] && [ -n "$jpid" ]; then
    thread_snapshot "$jpid" > "$out/threads-light-after-$tag.txt"
    thread_delta "$out/threads-light-before-$tag.txt" "$out/threads-light-after-$tag.txt" > "$out/threads-light-$tag.txt"
    light_diag "$tag" | tee -a "$out/diag.txt"
    last=$(tail -1 "$out/diag.txt" | awk '{ print $NF }')
    first=$(tail -1 "$out/diag.txt" | awk '{ print $(NF - 1) }')
  fi
  local cpu= windows=
  if [ "${CPU_WINDOWS:-0}" -gt 0 ] && [ -n "$jpid" ]; then
    windows=$(cpu_windows "$tag" "$jpid" "$J" "$C")
    cpu=" | cluster CPU ms/task (no JIT):$windows"
  fi
  up2=$(uptime | sed 's/.*load average: //')
  local threads= machine= sat="?" scpu="?" m1 m2 t1 t2
  if [ "${SATURATE:-1}" != 0 ]; then
    [ -n "$jpid" ] && thread_snapshot "$jpid" > "$out/threads-before-$tag.txt"
    t1=$(proc_ticks "$jpid")
    m1=$(machine_snapshot)
    bench "$out/sat8-$tag.txt" $J bench $C --saturate --start-rate "${START_RATE:-1000}" --tasks-per-job 8 \
      --frontends 2 --progress-s 100
    m2=$(machine_snapshot)
    t2=$(proc_ticks "$jpid")
    if [ -n "$jpid" ] && kill -0 "$jpid" 2>/dev/null; then
      thread_snapshot "$jpid" > "$out/threads-after-$tag.txt"
      thread_delta "$out/threads-before-$tag.txt" "$out/threads-after-$tag.txt" > "$out/threads-$tag.txt"
      threads=" | saturation search: $(head -1 "$out/threads-$tag.txt")$(search_cpu "$out/sat8-$tag.txt" "$out/threads-$tag.txt")"
      scpu=$(search_cpu "$out/sat8-$tag.txt" "$out/threads-$tag.txt" | grep -oE "[0-9.]+$" || echo "?")
      machine=$(machine_delta "$m1" "$m2" $((${t2:-0} - ${t1:-0})))
    fi
    sat=$(grep -m1 -oE "highest sustained rate: [0-9]+" "$out/sat8-$tag.txt" | grep -oE "[0-9]+$" || echo "?")
  fi
  cleanup
  LPID=
  [ -n "$machine" ] || machine="? ? ?"
  local others psi steal
  read -r others psi steal <<< "$machine"
  echo "$tag $(basename "$jar") [${opts:-no options}] load[$up1 / $up2] $(summary "$out/light1-$tag.txt" "$out/sat8-$tag.txt" 2>/dev/null)$cpu$threads | machine during the search: others ${others}% psi ${psi}% steal ${steal}%"
  local wmean
  wmean=$(echo "$windows" | awk '{ n = 0; s = 0; for (i = 1; i <= NF; i++) if ($i != "?") { s += $i; n++ }
    if (n) printf "%.3f", s / n; else print "-" }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tag" "${tag:0:1}" "$(overhead "$out/light1-$tag.txt" p50)" \
    "$(overhead "$out/light1-$tag.txt" p99)" "$sat" "$wmean" "$scpu" "${up1%%,*}" "${up2%%,*}" \
    "$others" "$psi" "$steal" "$last" "$first" >> "$out/results.tsv"
}

# The interleaved mode's report: every run, then per side mean and min-max, then the mean of the
# per-round differences B - A (a round is one A and the B after it).
report() {
  awk -F'\t' '
    function fmt(v) { return v == "" ? "?" : v }
    BEGIN { split("light p50 ms,light p99 ms,saturation tasks/s,CPU ms/task fixed rate,search CPU ms/task,p99 first third,p99 last third", name, ",")
      split("%.2f %.2f %.0f %.3f %.3f %.2f %.2f", f, " ") }
    $1 ~ /^W/ { printf "%-4s (discarded) p50 %s p99 %s sat %s\n", $1, $3, $4, $5; next }
    { printf "%-4s side %s  light p50 %-5s p99 %-6s%s  sat %-6s  CPU/task %-5s search %-5s  load %s/%s  others %s%% psi %s%% steal %s%%\n",
        $1, $2, $3, $4, ($13 != "" && $13 != "-" ? " (thirds: first " $14 ", last " $13 ")" : ""), $5, $6, $7, $8, $9, $10, $11, $12
      r = substr($1, 2) + 0
      for (k = 1; k <= 7; k++) {
        v = k <= 5 ? $(k + 2) : k == 6 ? $14 : $13
        if (v == "?" || v == "-" || v == "") continue
        key = $2 SUBSEP k
        n[key]++; s[key] += v
        if (!(key in lo) || v < lo[key]) lo[key] = v
        if (!(key in hi) || v > hi[key]) hi[key] = v
        val[$2, r, k] = v
      }
      if (r > rounds) rounds = r }
    END {
      print ""
      printf "%-24s %-26s %-26s %s\n", "figure", "A mean (min-max)", "B mean (min-max)", "B - A per round, mean"
      for (k = 1; k <= 7; k++) {
        if (k > 5 && !n["A" SUBSEP k] && !n["B" SUBSEP k]) continue
        line = sprintf("%-24s", name[k])
        for (side = 0; side < 2; side++) {
          sd = side ? "B" : "A"; key = sd SUBSEP k
          if (n[key]) line = line sprintf(" %-26s", sprintf(f[k] " (" f[k] "-" f[k] ") n=%d", s[key] / n[key], lo[key], hi[key], n[key]))
          else line = line sprintf(" %-26s", "-")
        }
        dn = 0; ds = 0
        for (r = 1; r <= rounds; r++)
          if ((("A", r, k) in val) && (("B", r, k) in val)) { ds += val["B", r, k] - val["A", r, k]; dn++ }
        line = line (dn ? sprintf(" %+" substr(f[k], 2) " (%+.1f%% of A), %d rounds", ds / dn, 100 * ds / dn / (s["A" SUBSEP k] / n["A" SUBSEP k]), dn) : " -")
        print line
      }
    }' "$out/results.tsv"
}

if [ "$1" = --report ]; then
  report
  exit
fi
: > "$out/results.tsv"
if [ -n "${ROUNDS:-}" ]; then
  for w in $(seq 1 "${DISCARD:-1}"); do
    run "W$w" "$2" "${B_OPTS:-}"
  done
  for r in $(seq 1 "$ROUNDS"); do
    run "A$r" "$1" "${A_OPTS:-}"
    run "B$r" "$2" "${B_OPTS:-}"
  done
  echo
  echo "A: $(basename "$1") [${A_OPTS:-no options}]   B: $(basename "$2") [${B_OPTS:-no options}]"
  report | tee "$out/rounds.txt"
else
  run A "$1" "${A_OPTS:-}"
  run B "$2" "${B_OPTS:-}"
fi
echo "outputs in $out"
