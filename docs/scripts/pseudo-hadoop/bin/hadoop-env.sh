# Sourced by the command shims (hadoop, hdfs, yarn, zkCli.sh) and by pseudo-hadoop.sh: what the
# tarball's libexec/hadoop-config.sh works out, for the layout the pom builds.
ph_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export HADOOP_HOME="${HADOOP_HOME:-$ph_root/target/hadoop}"
export HADOOP_COMMON_HOME="${HADOOP_COMMON_HOME:-$HADOOP_HOME}"
export HADOOP_HDFS_HOME="${HADOOP_HDFS_HOME:-$HADOOP_HOME}"
export HADOOP_YARN_HOME="${HADOOP_YARN_HOME:-$HADOOP_HOME}"
export HADOOP_CONF_DIR="${HADOOP_CONF_DIR:-$ph_root/target/conf}"
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  export JAVA_HOME
fi
if [ ! -d "$HADOOP_HOME/share/hadoop/common/lib" ]; then
  echo "no Hadoop in $HADOOP_HOME: run ./mvnw -B -q -f docs/scripts/pseudo-hadoop/pom.xml package first" >&2
  exit 1
fi
# `hadoop classpath` of the tarball: the configuration, then every jar.
hadoop_classpath="$HADOOP_CONF_DIR:$HADOOP_HOME/share/hadoop/hdfs:$HADOOP_HOME/share/hadoop/common/lib/*"
# Hadoop 3.4 runs on Java 17 only with these opened (its web apps and RPC reflect into the JDK);
# a tarball install on Java 17 needs the same in HADOOP_OPTS.
java17_opens="--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED \
--add-opens java.base/java.io=ALL-UNNAMED --add-opens java.base/java.net=ALL-UNNAMED \
--add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.lang.reflect=ALL-UNNAMED \
--add-opens java.base/java.util.concurrent=ALL-UNNAMED --add-opens java.base/sun.net.dns=ALL-UNNAMED \
--add-opens java.base/sun.net.util=ALL-UNNAMED"
hadoop_opts="-Djava.net.preferIPv4Stack=true -Dhadoop.home.dir=$HADOOP_HOME -Dhadoop.log.dir=${HADOOP_LOG_DIR:-$ph_root/target/logs} \
-Dhadoop.root.logger=${HADOOP_ROOT_LOGGER:-INFO,console} $java17_opens ${HADOOP_OPTS:-}"

# Runs a client command the way bin/hadoop, bin/hdfs and bin/yarn do (HADOOP_CLIENT_OPTS last).
run_client() {
  local main="$1"; shift
  # shellcheck disable=SC2086  # options are meant to split into words
  exec "$JAVA_HOME/bin/java" -Xmx${HADOOP_CLIENT_HEAP:-384m} -XX:+UseSerialGC $hadoop_opts ${HADOOP_CLIENT_OPTS:-} \
    -cp "$hadoop_classpath" "$main" "$@"
}
