package org.sparrow.it.fault;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.sparrow.common.Closeables;
import org.sparrow.zk.ZkClusterDirectory;

/**
 * ZooKeeper, schedulers and node monitors as separate processes on fixed loopback ports (so a
 * restarted daemon comes back on the same ports), plus a directory in the test JVM to watch them.
 */
final class FaultCluster implements AutoCloseable {

  static final String CLUSTER = "faults";
  private static final Duration START = Duration.ofSeconds(90);

  final Path dir;
  final Daemon zookeeper;
  final List<Daemon> schedulers = new ArrayList<>();
  final List<Daemon> nodeMonitors = new ArrayList<>();
  final List<String> schedulerIds = new ArrayList<>();
  final List<String> nodeMonitorIds = new ArrayList<>();
  final String connectString;
  private ZkClusterDirectory directory;

  FaultCluster(Path dir, int schedulerCount, int nodeMonitorCount, int slots) throws IOException {
    this.dir = dir;
    int zkPort = freePort();
    connectString = "127.0.0.1:" + zkPort;
    zookeeper = new Daemon("zookeeper", List.of("zookeeper", "--port", "" + zkPort,
        "--data-dir", Files.createDirectories(dir.resolve("zk-data")).toString()), dir);
    List<String> common = List.of("--zk", connectString, "--cluster", CLUSTER, "--bind", "127.0.0.1");
    // -Dsparrow.faults.retriesFirst=false: the schedulers do not mark a retry's reservations, so
    // node monitors queue them as ordinary ones (the A side of the A/B in docs/reliability.md).
    List<String> schedulerJvm = Boolean.parseBoolean(System.getProperty("sparrow.faults.retriesFirst", "true"))
        ? List.of() : List.of("-Dsparrow.scheduler.retriesFirst=false");
    for (int i = 0; i < schedulerCount; i++) {
      int port = freePort();
      List<String> args = new ArrayList<>(List.of("scheduler"));
      args.addAll(common);
      args.addAll(List.of("--port", "" + port, "--internal-port", "" + freePort()));
      schedulers.add(new Daemon("scheduler-" + i, schedulerJvm, args, dir));
      schedulerIds.add("127.0.0.1:" + port);
    }
    for (int i = 0; i < nodeMonitorCount; i++) {
      int port = freePort();
      List<String> args = new ArrayList<>(List.of("nodemonitor"));
      args.addAll(common);
      args.addAll(List.of("--internal-port", "" + port, "--backend-port", "" + freePort(),
          "--slots", "" + slots, "--allow-command", "--drain-timeout-ms", "20000"));
      // -Dsparrow.faults.nodeMonitorArgs="--get-tasks-timeout-ms 250": settings to compare.
      String extra = System.getProperty("sparrow.faults.nodeMonitorArgs", "").trim();
      if (!extra.isEmpty()) {
        args.addAll(List.of(extra.split("\\s+")));
      }
      nodeMonitors.add(new Daemon("nodemonitor-" + i, args, dir));
      nodeMonitorIds.add("127.0.0.1:" + port);
    }
  }

  FaultCluster start() throws IOException {
    zookeeper.start();
    for (Daemon d : schedulers) {
      d.start();
    }
    for (Daemon d : nodeMonitors) {
      d.start();
    }
    directory = ZkClusterDirectory.builder().connectString(connectString).clusterName(CLUSTER)
        .sessionTimeoutMs(30_000).connectionTimeoutMs(60_000).build();
    directory.start();
    awaitAllRegistered();
    return this;
  }

  /**
   * Every daemon announced in ZooKeeper by its running process. A daemon process found dead
   * (one this suite did not mean to leave down: this is called after each scenario's restore) is
   * started again first, so one lost process does not cascade into every later scenario.
   *
   * <p>A daemon killed and started again must be listed with a boot id other than the one
   * listed when it was killed: its old ZooKeeper session keeps the znode (with the old boot id)
   * until it expires, so "listed" alone passed while the new JVM was still starting, and the
   * next scenario's load ran on fewer node monitors (seen: the same-ports restart scenario
   * started with two of four node monitors still booting).
   */
  void awaitAllRegistered() throws IOException {
    for (Daemon d : nodeMonitors) {
      if (!d.isAlive()) {
        System.out.println("FAULT restarting " + d.name() + ", found dead");
        d.start();
      }
    }
    for (Daemon d : schedulers) {
      if (!d.isAlive()) {
        System.out.println("FAULT restarting " + d.name() + ", found dead");
        d.start();
      }
    }
    await().atMost(START).pollInterval(Duration.ofMillis(100)).until(() -> {
      var nms = directory.nodeMonitors().snapshot();
      var ss = directory.schedulers().snapshot();
      for (int i = 0; i < nodeMonitors.size(); i++) {
        var info = nms.get(nodeMonitorIds.get(i));
        if (info == null || !nodeMonitors.get(i).isNewIncarnation(info.bootId())) {
          return false;
        }
      }
      for (int i = 0; i < schedulers.size(); i++) {
        var info = ss.get(schedulerIds.get(i));
        if (info == null || !schedulers.get(i).isNewIncarnation(info.bootId())) {
          return false;
        }
      }
      return true;
    });
    // What is listed now is each running process's incarnation.
    var nms = directory.nodeMonitors().snapshot();
    var ss = directory.schedulers().snapshot();
    for (int i = 0; i < nodeMonitors.size(); i++) {
      nodeMonitors.get(i).listedAs(nms.get(nodeMonitorIds.get(i)).bootId());
    }
    for (int i = 0; i < schedulers.size(); i++) {
      schedulers.get(i).listedAs(ss.get(schedulerIds.get(i)).bootId());
    }
  }

  void awaitGone(String nodeMonitorId) {
    await().atMost(START).pollInterval(Duration.ofMillis(100))
        .until(() -> !directory.nodeMonitors().snapshot().containsKey(nodeMonitorId));
  }

  ZkClusterDirectory directory() {
    return directory;
  }

  int liveNodeMonitors() {
    return directory.nodeMonitors().snapshot().size();
  }

  @Override
  public void close() {
    Closeables.closeQuietly(directory);
    for (Daemon d : nodeMonitors) {
      d.stopQuietly();
    }
    for (Daemon d : schedulers) {
      d.stopQuietly();
    }
    zookeeper.stopQuietly();
  }

  /**
   * A port no daemon of this run was given yet: the kernel may hand the same ephemeral port out
   * again once its probe socket is closed, and two daemons on one port fail to start (seen).
   */
  private static synchronized int freePort() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        if (GIVEN.add(s.getLocalPort())) {
          return s.getLocalPort();
        }
      }
    }
    throw new IOException("no unused loopback port after 100 tries");
  }

  private static final java.util.Set<Integer> GIVEN = new java.util.HashSet<>();
}
