#!/usr/bin/env bash
# A pseudo-distributed Hadoop (NameNode, DataNode, ResourceManager, NodeManager, each its own
# JVM) plus one ZooKeeper server, on 127.0.0.1, from the jars the pom next to this script copies
# from Maven Central. It stands in for the binary tarball to verify docs/running-on-hadoop.md:
# stock configuration (capacity scheduler, HDFS as the default file system), except the
# settings the guide tells an operator to set, which `guide-settings` adds.
#
#   ./mvnw -B -q -f docs/scripts/pseudo-hadoop/pom.xml package   # once: the Hadoop jars
#   docs/scripts/pseudo-hadoop/pseudo-hadoop.sh configure        # fresh conf/ and data/, free ports
#   docs/scripts/pseudo-hadoop/pseudo-hadoop.sh guide-settings   # the guide's settings (before start)
#   docs/scripts/pseudo-hadoop/pseudo-hadoop.sh preemption-settings  # two queues + pre-emption (restart the RM)
#   docs/scripts/pseudo-hadoop/pseudo-hadoop.sh start            # format HDFS once, start everything
#   eval "$(docs/scripts/pseudo-hadoop/pseudo-hadoop.sh env)"    # PATH with hadoop/hdfs/yarn/zkCli.sh
#   docs/scripts/pseudo-hadoop/pseudo-hadoop.sh stop             # ends the recorded pids only
#
# `start NAME...` and `stop NAME...` take daemon names (zookeeper namenode datanode
# resourcemanager nodemanager), e.g. `stop resourcemanager; start resourcemanager` after a
# yarn-site.xml change. Everything lives under target/ next to this script: hadoop/ (jars),
# conf/ (HADOOP_CONF_DIR), data/, logs/ (one <daemon>.log each), pids/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/target"
conf="$target/conf"
data="$target/data"
logs="$target/logs"
pids="$target/pids"
daemons=(zookeeper namenode datanode resourcemanager nodemanager)

free_ports() {
  python3 - "$1" <<'PY'
import random, socket, sys
# Random free ports in 20000-60000 (the ephemeral range reaches 60999), all distinct.
socks = []
while len(socks) < int(sys.argv[1]):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", random.randint(20000, 60000)))
        socks.append(s)
    except OSError:
        s.close()
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
PY
}

prop() { printf '  <property><name>%s</name><value>%s</value></property>\n' "$1" "$2"; }
site() { echo '<?xml version="1.0"?>'; echo '<configuration>'; cat; echo '</configuration>'; }

# Adds (or replaces) one property in a site file.
set_prop() {
  local file="$1" name="$2" value="$3"
  python3 - "$file" "$name" "$value" <<'PY'
import re, sys
path, name, value = sys.argv[1:]
text = open(path).read()
line = "  <property><name>%s</name><value>%s</value></property>\n" % (name, value)
pattern = re.compile(r"  <property><name>%s</name><value>.*?</value></property>\n" % re.escape(name))
text = pattern.sub(line, text) if pattern.search(text) else text.replace("</configuration>", line + "</configuration>")
open(path, "w").write(text)
PY
}

configure() {
  if running_any; then
    echo "daemons are running; stop them first" >&2
    exit 1
  fi
  rm -rf "$conf" "$data" "$logs" "$pids"
  mkdir -p "$conf" "$data" "$logs" "$pids"
  read -r zk nn_rpc nn_http rm_rpc rm_sched rm_tracker rm_admin rm_web nm_loc nm_web <<<"$(free_ports 10)"
  site >"$conf/core-site.xml" <<EOF
$(prop fs.defaultFS "hdfs://127.0.0.1:$nn_rpc")
$(prop hadoop.tmp.dir "$data/tmp")
EOF
  # dfs.replication 1: one DataNode (the single-node setup of Hadoop's own documentation).
  site >"$conf/hdfs-site.xml" <<EOF
$(prop dfs.replication 1)
$(prop dfs.namenode.name.dir "$data/namenode")
$(prop dfs.datanode.data.dir "$data/datanode")
$(prop dfs.namenode.rpc-address "127.0.0.1:$nn_rpc")
$(prop dfs.namenode.http-address "127.0.0.1:$nn_http")
$(prop dfs.datanode.address 127.0.0.1:0)
$(prop dfs.datanode.http.address 127.0.0.1:0)
$(prop dfs.datanode.ipc.address 127.0.0.1:0)
EOF
  # Addresses and directories only; the NodeManager keeps its stock 8192 MB and 8 vcores.
  site >"$conf/yarn-site.xml" <<EOF
$(prop yarn.resourcemanager.hostname 127.0.0.1)
$(prop yarn.resourcemanager.address "127.0.0.1:$rm_rpc")
$(prop yarn.resourcemanager.scheduler.address "127.0.0.1:$rm_sched")
$(prop yarn.resourcemanager.resource-tracker.address "127.0.0.1:$rm_tracker")
$(prop yarn.resourcemanager.admin.address "127.0.0.1:$rm_admin")
$(prop yarn.resourcemanager.webapp.address "127.0.0.1:$rm_web")
$(prop yarn.nodemanager.hostname 127.0.0.1)
$(prop yarn.nodemanager.localizer.address "127.0.0.1:$nm_loc")
$(prop yarn.nodemanager.webapp.address "127.0.0.1:$nm_web")
$(prop yarn.nodemanager.local-dirs "$data/nm-local")
$(prop yarn.nodemanager.log-dirs "$data/nm-logs")
EOF
  # The tarball's etc/hadoop/capacity-scheduler.xml, value for value.
  site >"$conf/capacity-scheduler.xml" <<EOF
$(prop yarn.scheduler.capacity.maximum-applications 10000)
$(prop yarn.scheduler.capacity.maximum-am-resource-percent 0.1)
$(prop yarn.scheduler.capacity.resource-calculator org.apache.hadoop.yarn.util.resource.DefaultResourceCalculator)
$(prop yarn.scheduler.capacity.root.queues default)
$(prop yarn.scheduler.capacity.root.default.capacity 100)
$(prop yarn.scheduler.capacity.root.default.user-limit-factor 1)
$(prop yarn.scheduler.capacity.root.default.maximum-capacity 100)
$(prop yarn.scheduler.capacity.root.default.state RUNNING)
$(prop yarn.scheduler.capacity.root.default.acl_submit_applications '*')
$(prop yarn.scheduler.capacity.root.default.acl_administer_queue '*')
$(prop yarn.scheduler.capacity.root.default.acl_application_max_priority '*')
$(prop yarn.scheduler.capacity.node-locality-delay 40)
$(prop yarn.scheduler.capacity.queue-mappings '')
$(prop yarn.scheduler.capacity.queue-mappings-override.enable false)
$(prop yarn.scheduler.capacity.per-node-heartbeat.maximum-offswitch-assignments 1)
EOF
  # Like the tarball's log4j.properties: hadoop.root.logger decides (daemons and clients INFO on
  # the console; the AM reads this file too, through $HADOOP_CONF_DIR on its classpath).
  cat >"$conf/log4j.properties" <<'EOF'
hadoop.root.logger=INFO,console
log4j.rootLogger=${hadoop.root.logger}
log4j.appender.console=org.apache.log4j.ConsoleAppender
log4j.appender.console.target=System.err
log4j.appender.console.layout=org.apache.log4j.PatternLayout
log4j.appender.console.layout.ConversionPattern=%d{ISO8601} %p %c{2}: %m%n
EOF
  cat >"$conf/zoo.cfg" <<EOF
dataDir=$data/zookeeper
clientPort=$zk
clientPortAddress=127.0.0.1
tickTime=2000
admin.enableServer=false
EOF
  echo "configured $conf: fs.defaultFS hdfs://127.0.0.1:$nn_rpc, ResourceManager 127.0.0.1:$rm_rpc" \
    "(web http://127.0.0.1:$rm_web), ZooKeeper 127.0.0.1:$zk"
}

# The settings docs/running-on-hadoop.md ("Settings of a stock Hadoop 3.x to check first") tells
# an operator to set, with the test-cluster choice for the roll interval.
guide_settings() {
  set_prop "$conf/yarn-site.xml" yarn.resourcemanager.am.max-attempts 4
  set_prop "$conf/yarn-site.xml" yarn.log-aggregation-enable true
  set_prop "$conf/yarn-site.xml" yarn.nodemanager.log-aggregation.roll-monitoring-interval-seconds 60
  set_prop "$conf/yarn-site.xml" yarn.nodemanager.log-aggregation.debug-enabled true
  set_prop "$conf/capacity-scheduler.xml" yarn.scheduler.capacity.maximum-am-resource-percent 0.5
  echo "added the guide's settings to $conf/yarn-site.xml and capacity-scheduler.xml"
}

# Two queues of 50% (default, other) and the capacity scheduler's pre-emption monitor, for the
# guide's pre-emption walk (VERIFIED.md): stop and start the resourcemanager afterwards.
preemption_settings() {
  local cs="$conf/capacity-scheduler.xml" q
  set_prop "$cs" yarn.scheduler.capacity.root.queues default,other
  for q in default other; do
    set_prop "$cs" "yarn.scheduler.capacity.root.$q.capacity" 50
    set_prop "$cs" "yarn.scheduler.capacity.root.$q.maximum-capacity" 100
    set_prop "$cs" "yarn.scheduler.capacity.root.$q.user-limit-factor" 2
    set_prop "$cs" "yarn.scheduler.capacity.root.$q.state" RUNNING
  done
  set_prop "$conf/yarn-site.xml" yarn.resourcemanager.scheduler.monitor.enable true
  set_prop "$conf/yarn-site.xml" yarn.resourcemanager.monitor.capacity.preemption.monitoring_interval 1000
  set_prop "$conf/yarn-site.xml" yarn.resourcemanager.monitor.capacity.preemption.max_wait_before_kill 30000
  set_prop "$conf/yarn-site.xml" yarn.resourcemanager.monitor.capacity.preemption.total_preemption_per_round 1.0
  set_prop "$conf/yarn-site.xml" yarn.resourcemanager.monitor.capacity.preemption.natural_termination_factor 1.0
  echo "added queues default,other (50% each) and the pre-emption monitor; restart the resourcemanager"
}

main_class() {
  case "$1" in
    zookeeper) echo org.apache.zookeeper.server.ZooKeeperServerMain ;;
    namenode) echo org.apache.hadoop.hdfs.server.namenode.NameNode ;;
    datanode) echo org.apache.hadoop.hdfs.server.datanode.DataNode ;;
    resourcemanager) echo org.apache.hadoop.yarn.server.resourcemanager.ResourceManager ;;
    nodemanager) echo org.apache.hadoop.yarn.server.nodemanager.NodeManager ;;
    *) echo "unknown daemon $1 (one of: ${daemons[*]})" >&2; exit 1 ;;
  esac
}

heap() {
  case "$1" in
    zookeeper) echo 128m ;;
    namenode|datanode) echo 256m ;;
    resourcemanager|nodemanager) echo 512m ;;
  esac
}

pid_of() {
  local f="$pids/$1.pid"
  if [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then cat "$f"; fi
}

running_any() {
  local d
  for d in "${daemons[@]}"; do
    if [ -n "$(pid_of "$d")" ]; then return 0; fi
  done
  return 1
}

start_one() {
  local d="$1" args=()
  if [ -n "$(pid_of "$d")" ]; then
    echo "$d already runs (pid $(pid_of "$d"))"
    return
  fi
  [ "$d" = zookeeper ] && args=("$conf/zoo.cfg")
  # shellcheck disable=SC2086  # options are meant to split into words
  setsid nohup "$JAVA_HOME/bin/java" -Xmx"$(heap "$d")" -XX:+UseSerialGC -Dproc_"$d" $hadoop_opts \
    -Dhadoop.log.file="$d.log" -cp "$hadoop_classpath" "$(main_class "$d")" "${args[@]}" \
    >>"$logs/$d.log" 2>&1 </dev/null &
  echo $! >"$pids/$d.pid"
  echo "started $d (pid $!, log $logs/$d.log)"
}

wait_for() {
  local what="$1" tries=90
  shift
  until "$@" >/dev/null 2>&1; do
    tries=$((tries - 1))
    if [ "$tries" -le 0 ]; then echo "gave up waiting for $what" >&2; return 1; fi
    sleep 2
  done
  echo "$what: ready"
}

nodemanager_running() { "$here/bin/yarn" node -list 2>/dev/null | grep -q RUNNING; }

start() {
  local wanted=("$@")
  [ ${#wanted[@]} -eq 0 ] && wanted=("${daemons[@]}")
  if [ ! -f "$conf/yarn-site.xml" ]; then configure; fi
  # The tarball's share/hadoop/hdfs/webapps: HDFS's web servers look their webapps up on the
  # classpath, and the Maven jars do not carry them (YARN's do).
  local w
  for w in hdfs datanode secondary journal; do
    mkdir -p "$HADOOP_HOME/share/hadoop/hdfs/webapps/$w/WEB-INF"
    [ -f "$HADOOP_HOME/share/hadoop/hdfs/webapps/$w/WEB-INF/web.xml" ] ||
      echo '<web-app xmlns="http://java.sun.com/xml/ns/javaee" version="3.0"/>' \
        >"$HADOOP_HOME/share/hadoop/hdfs/webapps/$w/WEB-INF/web.xml"
  done
  if [ ! -d "$data/namenode/current" ]; then
    echo "formatting the NameNode"
    HADOOP_ROOT_LOGGER=WARN,console "$here/bin/hdfs" namenode -format -nonInteractive >>"$logs/format.log" 2>&1
  fi
  # The NodeManager passes these to every container (yarn.nodemanager.env-whitelist), and the
  # stock yarn.application.classpath is written in them.
  export HADOOP_HOME HADOOP_COMMON_HOME HADOOP_HDFS_HOME HADOOP_YARN_HOME HADOOP_CONF_DIR JAVA_HOME
  local d
  for d in "${wanted[@]}"; do
    start_one "$d"
    case "$d" in
      datanode) wait_for "HDFS (out of safe mode)" "$here/bin/hdfs" dfsadmin -safemode wait ;;
      nodemanager) wait_for "YARN (a RUNNING node)" nodemanager_running ;;
    esac
  done
}

stop() {
  local wanted=("$@") d i
  if [ ${#wanted[@]} -eq 0 ]; then
    for ((i = ${#daemons[@]} - 1; i >= 0; i--)); do wanted+=("${daemons[$i]}"); done
  fi
  for d in "${wanted[@]}"; do
    local pid
    pid="$(pid_of "$d")"
    if [ -z "$pid" ]; then continue; fi
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
    rm -f "$pids/$d.pid"
    echo "stopped $d (pid $pid)"
  done
}

status() {
  local d
  for d in "${daemons[@]}"; do
    local pid
    pid="$(pid_of "$d")"
    if [ -n "$pid" ]; then echo "$d: running, pid $pid"; else echo "$d: not running"; fi
  done
}

env_lines() {
  echo "export PATH=\"$here/bin:\$PATH\""
  echo "export HADOOP_CONF_DIR=\"$conf\""
  echo "export SPARROW_ZK=\"127.0.0.1:$(sed -n 's/^clientPort=//p' "$conf/zoo.cfg")\""
  echo "export RM_WEB=\"http://$(python3 - "$conf/yarn-site.xml" <<'PY'
import re, sys
print(re.search(r"<name>yarn.resourcemanager.webapp.address</name><value>(.*?)</value>", open(sys.argv[1]).read()).group(1))
PY
)\""
}

cmd="${1:-}"
shift || true
case "$cmd" in
  configure) configure ;;
  guide-settings) guide_settings ;;
  preemption-settings) preemption_settings ;;
  env) env_lines ;;
  status) status ;;
  start|stop)
    # shellcheck source=bin/hadoop-env.sh
    . "$here/bin/hadoop-env.sh"
    "$cmd" "$@" ;;
  *) sed -n '2,21p' "$0" >&2; exit 1 ;;
esac
