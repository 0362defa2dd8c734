#!/usr/bin/env bash
# Stands in for ZooKeeper's bin/zkCli.sh (ZooKeeper's jar comes with Hadoop's dependencies).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/hadoop-env.sh"
HADOOP_ROOT_LOGGER="${HADOOP_ROOT_LOGGER:-WARN,console}"
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" -Xmx128m -XX:+UseSerialGC -Dhadoop.root.logger=WARN,console \
  -cp "$hadoop_classpath" org.apache.zookeeper.ZooKeeperMain "$@"
