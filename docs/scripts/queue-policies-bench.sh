#!/usr/bin/env bash
# Queue-policy experiments of docs/benchmarks.md on the reference local cluster (8 node monitors
# x 4 slots, 2 schedulers, ZooKeeper on 127.0.0.1:23181). About 6 minutes.
# Usage: ./mvnw -B -q -pl cli -am package -DskipTests && docs/scripts/queue-policies-bench.sh OUTDIR
set -u
out=$1; mkdir -p "$out"
J="java -cp ${SPARROW_JAR:-cli/target/sparrow-cli-0.1.0-SNAPSHOT-all.jar} org.sparrow.cli.SparrowCli"
ZK=127.0.0.1:23181
C="--zk $ZK --cluster qb"
start_cluster() {
  $J local --node-monitors 8 --slots 4 --schedulers 2 --zk-port 23181 --cluster qb > "$out/local-$1.log" 2>&1 &
  LPID=$!
  for i in $(seq 1 60); do grep -q "is up" "$out/local-$1.log" && break; sleep 1; done
  $J settings $C --queue-policy "$2" "${@:3}" > "$out/settings-$1.txt" 2>&1
  # warm up the JIT
  $J bench $C --load 0.5 --tasks-per-job 8 --task-ms 10 --duration-s 8 --warmup-s 2 --progress-s 100 > /dev/null 2>&1
}
stop_cluster() { kill $LPID; wait $LPID 2>/dev/null; }

FG="--load 0.1 --tasks-per-job 8 --task-ms 10 --duration-s 30 --warmup-s 5 --user web --priority 0 --progress-s 100"
BG="--load 1.2 --tasks-per-job 8 --task-ms 100 --duration-s 40 --warmup-s 0 --user batch --priority 1 --max-outstanding 300 --progress-s 100"

# 1. foreground alone (idle cluster), under priority
start_cluster idle priority
$J bench $C $FG --json "$out/fg-idle.json" > "$out/fg-idle.txt" 2>&1
stop_cluster

# 2. and 3. foreground next to the background, fifo then priority
for policy in fifo priority; do
  start_cluster $policy $policy
  $J bench $C $BG --json "$out/bg-$policy.json" > "$out/bg-$policy.txt" 2>&1 &
  BPID=$!
  sleep 6
  $J bench $C $FG --json "$out/fg-$policy.json" > "$out/fg-$policy.txt" 2>&1
  wait $BPID
  stop_cluster
done

# 4. fair share: weights 3:1, one generator per user, each offering 100% of the cluster with its
#    own backlog cap (one generator with --users shares one cap, which starves alice's arrivals)
start_cluster fair weighted-fair --weight alice=3 --weight bob=1
$J bench $C --user alice --load 1.0 --tasks-per-job 8 --task-ms 100 --duration-s 60 --warmup-s 10 \
  --max-outstanding 300 --progress-s 100 --json "$out/fair-alice.json" > "$out/fair-alice.txt" 2>&1 &
APID=$!
$J bench $C --user bob --load 1.0 --tasks-per-job 8 --task-ms 100 --duration-s 60 --warmup-s 10 \
  --max-outstanding 300 --progress-s 100 --json "$out/fair-bob.json" > "$out/fair-bob.txt" 2>&1
wait $APID
# 5. work conservation: bob stops offering after 20 s, alice goes on
$J bench $C --user alice --load 1.5 --tasks-per-job 8 --task-ms 100 --duration-s 40 --warmup-s 0 \
  --max-outstanding 200 --progress-s 100 --json "$out/wc-alice.json" > "$out/wc-alice.txt" 2>&1 &
APID=$!
$J bench $C --user bob --load 1.5 --tasks-per-job 8 --task-ms 100 --duration-s 20 --warmup-s 0 \
  --max-outstanding 200 --progress-s 100 --json "$out/wc-bob.json" > "$out/wc-bob.txt" 2>&1
wait $APID
# 6. fifo saturation (the default policy's throughput)
$J settings $C --queue-policy fifo > "$out/settings-sat.txt" 2>&1
$J bench $C --saturate --tasks-per-job 8 --frontends 2 --json "$out/sat8.json" > "$out/sat8.txt" 2>&1
$J bench $C --saturate --tasks-per-job 1 --frontends 4 --json "$out/sat1.json" > "$out/sat1.txt" 2>&1
stop_cluster
echo done > "$out/DONE"
