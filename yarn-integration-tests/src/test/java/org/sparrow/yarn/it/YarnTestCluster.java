package org.sparrow.yarn.it;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.sparrow.zk.EmbeddedZooKeeper;

/**
 * One MiniYARNCluster (two NodeManagers) and one real ZooKeeper for the whole suite, plus what a
 * user's machine would have: a Hadoop configuration directory and the Hadoop client jars, so that
 * the sparrow-yarn jar is submitted with {@code RunJar} in a subprocess exactly as {@code yarn jar}
 * does. Closing it stops everything and deletes the cluster's directories (~0.5 GB of localized
 * jars).
 */
final class YarnTestCluster implements ExtensionContext.Store.CloseableResource {

  static final int NODE_MANAGERS = 2;

  final Path workDir;
  final Path confDir;
  final Path stagingDir;
  final Path fatJar;
  final List<String> hadoopClientJars;
  private final EmbeddedZooKeeper zk;
  private final MiniYARNCluster yarn;
  private final YarnClient yarnClient;
  private final Configuration conf;

  YarnTestCluster() throws Exception {
    this("", c -> {});
  }

  /**
   * @param name      empty for the suite's shared cluster; otherwise a cluster of its own (own
   *                  directories, so both can run in one JVM)
   * @param customize changes to the configuration above (queues, the pre-emption monitor, ...)
   */
  YarnTestCluster(String name, java.util.function.Consumer<YarnConfiguration> customize) throws Exception {
    String base = System.getProperty("sparrow.it.workdir", "target/yarn-it");
    workDir = Path.of(name.isEmpty() ? base : base + "-" + name).toAbsolutePath();
    deleteRecursively(workDir);
    Files.createDirectories(workDir);
    confDir = Files.createDirectories(workDir.resolve("hadoop-conf"));
    stagingDir = Files.createDirectories(workDir.resolve("staging"));
    String jar = System.getProperty("sparrow.yarn.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("system property sparrow.yarn.jar must name the packaged sparrow-yarn jar "
          + "(run through failsafe: mvn -pl yarn-deploy,yarn-integration-tests verify); got " + jar);
    }
    fatJar = Path.of(jar);
    hadoopClientJars = hadoopClientJars();

    zk = EmbeddedZooKeeper.builder().port(0).build();
    zk.start();

    YarnConfiguration c = new YarnConfiguration();
    // Small containers on two NodeManagers of 4 GB / 8 vcores each.
    c.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 64);
    c.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 1024);
    c.setInt(YarnConfiguration.NM_PMEM_MB, 4096);
    c.setInt(YarnConfiguration.NM_VCORES, 8);
    c.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    c.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    // The capacity scheduler needs its queues spelled out in a minicluster.
    c.set("yarn.scheduler.capacity.root.queues", "default");
    c.set("yarn.scheduler.capacity.root.default.capacity", "100");
    c.set("yarn.scheduler.capacity.root.default.maximum-capacity", "100");
    c.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 0.5f);
    // The disk may be fuller than the 90% NodeManagers accept by default.
    c.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 99.9f);
    // Stop in seconds, not ~40 s.
    c.setLong(YarnConfiguration.NM_LOG_RETAIN_SECONDS, 1);
    c.setLong(YarnConfiguration.NM_PROCESS_KILL_WAIT_MS, 1_000);
    c.setLong(YarnConfiguration.NM_SLEEP_DELAY_BEFORE_SIGKILL_MS, 1_000);
    // Faster node heartbeats: containers are granted sooner.
    c.setLong(YarnConfiguration.RM_NM_HEARTBEAT_INTERVAL_MS, 200);
    c.setInt(YarnConfiguration.RM_AM_MAX_ATTEMPTS, 3);
    // The AM needs the Hadoop client classes and a log4j configuration (in confDir).
    List<String> amClasspath = new ArrayList<>();
    amClasspath.add(confDir.toString());
    amClasspath.addAll(hadoopClientJars);
    c.set(YarnConfiguration.YARN_APPLICATION_CLASSPATH, String.join(",", amClasspath));

    customize.accept(c);

    yarn = new MiniYARNCluster(name.isEmpty() ? "sparrow-yarn-it" : "sparrow-yarn-it-" + name, NODE_MANAGERS, 1, 1);
    yarn.init(c);
    yarn.start();
    if (!yarn.waitForNodeManagersToConnect(60_000)) {
      throw new IllegalStateException("NodeManagers did not connect to the ResourceManager");
    }
    conf = new YarnConfiguration(yarn.getConfig());
    // What a user's HADOOP_CONF_DIR would hold: the (random) addresses of this cluster.
    try (OutputStream out = Files.newOutputStream(confDir.resolve("yarn-site.xml"))) {
      conf.writeXml(out);
    }
    Files.writeString(confDir.resolve("log4j.properties"), String.join("\n",
        "log4j.rootLogger=INFO, stderr",
        "log4j.appender.stderr=org.apache.log4j.ConsoleAppender",
        "log4j.appender.stderr.Target=System.err",
        "log4j.appender.stderr.layout=org.apache.log4j.PatternLayout",
        "log4j.appender.stderr.layout.ConversionPattern=%d{HH:mm:ss,SSS} %-5p [%t] %c{1}: %m%n",
        "log4j.logger.org.apache.hadoop=WARN", ""));
    yarnClient = YarnClient.createYarnClient();
    yarnClient.init(conf);
    yarnClient.start();
  }

  String zkConnectString() {
    return zk.connectString();
  }

  YarnClient yarnClient() {
    return yarnClient;
  }

  Configuration conf() {
    return conf;
  }

  /**
   * Copies an application's container logs (stdout, stderr of the AM and every daemon) out of
   * the NodeManagers' log directories, which the cluster deletes, to target/yarn-it-logs.
   */
  void captureLogs(String applicationId) {
    Path out = workDir.resolveSibling("yarn-it-logs").resolve(applicationId);
    try (Stream<Path> files = Files.walk(yarn.getTestWorkDir().toPath())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String path = f.toString();
        int at = path.indexOf("/" + applicationId + "/");
        if (path.contains("logDir") && at >= 0) {
          Path target = out.resolve(path.substring(at + applicationId.length() + 2));
          Files.createDirectories(target.getParent());
          Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Best effort: logs help diagnose a failure, their absence must not cause one.
    }
  }

  /** The contents of every log file of that name of an application's containers, concatenated. */
  String containerLogs(String applicationId, String fileName) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(yarn.getTestWorkDir().toPath())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String path = f.toString();
        if (path.contains("logDir") && path.contains("/" + applicationId + "/") && f.getFileName().toString().equals(fileName)) {
          all.append(Files.readString(f));
        }
      }
    }
    return all.toString();
  }

  /** The jars a Hadoop client installation provides (taken from this JVM's classpath). */
  private static List<String> hadoopClientJars() {
    List<String> jars = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith("hadoop-client-api-") || name.startsWith("hadoop-client-runtime-")
          || name.startsWith("slf4j-api-") || name.startsWith("slf4j-reload4j-") || name.startsWith("reload4j-")
          || name.startsWith("commons-logging-")) {
        jars.add(entry);
      }
    }
    if (jars.stream().noneMatch(j -> j.contains("hadoop-client-api"))) {
      throw new IllegalStateException("hadoop-client-api is not on the test classpath");
    }
    return jars;
  }

  @Override
  public void close() throws Exception {
    try {
      if (yarnClient != null) {
        yarnClient.stop();
      }
      if (yarn != null) {
        yarn.stop();
      }
    } finally {
      if (zk != null) {
        zk.close();
      }
      File yarnDir = yarn == null ? null : yarn.getTestWorkDir();
      if (yarnDir != null) {
        deleteRecursively(yarnDir.toPath());
      }
      deleteRecursively(workDir);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
