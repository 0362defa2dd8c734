package org.sparrow.it.process;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sparrow.common.Closeables;
import org.sparrow.zk.ZkClusterDirectory;

/**
 * ZooKeeper, schedulers and node monitors, each its own process ({@link DaemonProcess}) on
 * loopback ports fixed at construction, so that any of them can be killed, frozen or stopped and
 * started again on the same ports, plus a directory in the test JVM to watch them. Unlike
 * {@link ProcessCluster} (ZooKeeper embedded in the test JVM, production flags), ZooKeeper is a
 * process too (a test can restart it) and the daemons run in small quick-to-start JVMs.
 *
 * <p>A daemon killed and started again counts as registered only once ZooKeeper lists it with a
 * boot id other than its previous process's: the old process's ZooKeeper session keeps its znode
 * (with the old boot id) until it expires, so "listed" alone passes while the new JVM still
 * starts. {@link #close} stops only the processes it started.
 */
public final class RestartableCluster implements AutoCloseable {

  private static final Duration START = Duration.ofSeconds(90);
  /** Small, quick-to-start JVMs: the whole cluster shares a few cores with everything else. */
  public static final List<String> SMALL_JVM = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final String clusterName;
  private final DaemonProcess zookeeper;
  private final String connectString;
  private final List<DaemonProcess> schedulers = new ArrayList<>();
  private final List<String> schedulerIds = new ArrayList<>();
  private final List<DaemonProcess> nodeMonitors = new ArrayList<>();
  private final List<String> nodeMonitorIds = new ArrayList<>();
  /** What ZooKeeper listed for each daemon when last seen registered: which process, which boot id. */
  private final Map<DaemonProcess, Listed> listed = new HashMap<>();
  private ZkClusterDirectory directory;

  private record Listed(long pid, String bootId) {}

  private RestartableCluster(Builder b) throws IOException {
    this.clusterName = b.clusterName;
    int zkPort = LoopbackPorts.next();
    connectString = "127.0.0.1:" + zkPort;
    zookeeper = DaemonProcess.builder("zookeeper", b.dir).jvmOptions(SMALL_JVM)
        .args(List.of("zookeeper", "--port", "" + zkPort,
            "--data-dir", Files.createDirectories(b.dir.resolve("zk-data")).toString()))
        .build();
    List<String> common = List.of("--zk", connectString, "--cluster", clusterName, "--bind", "127.0.0.1");
    for (int i = 0; i < b.schedulers; i++) {
      int port = LoopbackPorts.next();
      schedulers.add(DaemonProcess.builder("scheduler-" + i, b.dir).jvmOptions(SMALL_JVM)
          .jvmOptions(b.schedulerJvmOptions).args(List.of("scheduler")).args(common)
          .args(List.of("--port", "" + port, "--internal-port", "" + LoopbackPorts.next()))
          .build());
      schedulerIds.add("127.0.0.1:" + port);
    }
    for (int i = 0; i < b.nodeMonitors; i++) {
      int port = LoopbackPorts.next();
      nodeMonitors.add(DaemonProcess.builder("nodemonitor-" + i, b.dir).jvmOptions(SMALL_JVM)
          .args(List.of("nodemonitor")).args(common)
          .args(List.of("--internal-port", "" + port, "--backend-port", "" + LoopbackPorts.next(),
              "--slots", "" + b.slots))
          .args(b.nodeMonitorArgs)
          .build());
      nodeMonitorIds.add("127.0.0.1:" + port);
    }
  }

  /** @param dir the daemons' logs (one per daemon, appended across restarts) and ZooKeeper's data */
  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /** Starts ZooKeeper and every daemon, and waits until each is registered. */
  public RestartableCluster start() throws IOException {
    zookeeper.start();
    for (DaemonProcess d : schedulers) {
      d.start();
    }
    for (DaemonProcess d : nodeMonitors) {
      d.start();
    }
    directory = ZkClusterDirectory.builder().connectString(connectString).clusterName(clusterName)
        .sessionTimeoutMs(30_000).connectionTimeoutMs(60_000).build();
    directory.start();
    awaitAllRegistered();
    return this;
  }

  /**
   * Every daemon announced in ZooKeeper by its running process. A daemon process found dead
   * (one the test did not mean to leave down: call this after each scenario's restore) is started
   * again first, so one lost process does not cascade into every later scenario.
   */
  public void awaitAllRegistered() throws IOException {
    for (DaemonProcess d : daemons()) {
      if (!d.isAlive()) {
        System.out.println("FAULT restarting " + d.name() + ", found dead");
        d.start();
      }
    }
    await("every daemon registered by its running process").atMost(START).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          var nms = directory.nodeMonitors().snapshot();
          var ss = directory.schedulers().snapshot();
          for (int i = 0; i < nodeMonitors.size(); i++) {
            var info = nms.get(nodeMonitorIds.get(i));
            if (info == null || !isCurrentIncarnation(nodeMonitors.get(i), info.bootId())) {
              return false;
            }
          }
          for (int i = 0; i < schedulers.size(); i++) {
            var info = ss.get(schedulerIds.get(i));
            if (info == null || !isCurrentIncarnation(schedulers.get(i), info.bootId())) {
              return false;
            }
          }
          return true;
        });
    // What is listed now is each running process's incarnation.
    var nms = directory.nodeMonitors().snapshot();
    var ss = directory.schedulers().snapshot();
    for (int i = 0; i < nodeMonitors.size(); i++) {
      record(nodeMonitors.get(i), nms.get(nodeMonitorIds.get(i)).bootId());
    }
    for (int i = 0; i < schedulers.size(); i++) {
      record(schedulers.get(i), ss.get(schedulerIds.get(i)).bootId());
    }
  }

  /**
   * Whether a listed boot id is the running process's: any before the first registration and
   * while the process seen registered runs; after a restart, only one that differs from the old.
   */
  private boolean isCurrentIncarnation(DaemonProcess d, String bootId) {
    Listed last = listed.get(d);
    return last == null || last.pid() == d.pid() || last.bootId().isEmpty() || !last.bootId().equals(bootId);
  }

  private void record(DaemonProcess d, String bootId) {
    listed.put(d, new Listed(d.pid(), bootId == null ? "" : bootId));
  }

  /** Until ZooKeeper no longer lists this node monitor. */
  public void awaitGone(String nodeMonitorId) {
    await(nodeMonitorId + " gone from ZooKeeper").atMost(START).pollInterval(Duration.ofMillis(100))
        .until(() -> !directory.nodeMonitors().snapshot().containsKey(nodeMonitorId));
  }

  public String clusterName() {
    return clusterName;
  }

  public String connectString() {
    return connectString;
  }

  public ZkClusterDirectory directory() {
    return directory;
  }

  public DaemonProcess zookeeper() {
    return zookeeper;
  }

  public List<DaemonProcess> schedulers() {
    return List.copyOf(schedulers);
  }

  public DaemonProcess scheduler(int i) {
    return schedulers.get(i);
  }

  /** Scheduler {@code i}'s id (its SchedulerService address). */
  public String schedulerId(int i) {
    return schedulerIds.get(i);
  }

  public DaemonProcess nodeMonitor(int i) {
    return nodeMonitors.get(i);
  }

  /** Node monitor {@code i}'s id (its NodeMonitorInternalService address). */
  public String nodeMonitorId(int i) {
    return nodeMonitorIds.get(i);
  }

  public int liveNodeMonitors() {
    return directory.nodeMonitors().snapshot().size();
  }

  /** Schedulers and node monitors (not ZooKeeper). */
  public List<DaemonProcess> daemons() {
    List<DaemonProcess> all = new ArrayList<>(nodeMonitors);
    all.addAll(schedulers);
    return all;
  }

  @Override
  public void close() {
    Closeables.closeQuietly(directory);
    for (DaemonProcess d : daemons()) {
      d.stopQuietly();
    }
    zookeeper.stopQuietly();
  }

  /** The cluster's shape and what its daemons are started with. */
  public static final class Builder {
    private final Path dir;
    private String clusterName = "processes";
    private int schedulers = 2;
    private int nodeMonitors = 4;
    private int slots = 4;
    private final List<String> schedulerJvmOptions = new ArrayList<>();
    private final List<String> nodeMonitorArgs = new ArrayList<>();

    private Builder(Path dir) {
      this.dir = Objects.requireNonNull(dir);
    }

    public Builder clusterName(String name) {
      this.clusterName = Objects.requireNonNull(name);
      return this;
    }

    public Builder schedulers(int count) {
      this.schedulers = count;
      return this;
    }

    public Builder nodeMonitors(int count, int slotsEach) {
      this.nodeMonitors = count;
      this.slots = slotsEach;
      return this;
    }

    /** After {@link #SMALL_JVM}, for the schedulers only (e.g. an experiment switch). */
    public Builder schedulerJvmOptions(List<String> options) {
      schedulerJvmOptions.addAll(options);
      return this;
    }

    /** After the node monitors' ports and slots (e.g. {@code --allow-command}). */
    public Builder nodeMonitorArgs(List<String> args) {
      nodeMonitorArgs.addAll(args);
      return this;
    }

    public RestartableCluster build() throws IOException {
      if (schedulers < 1 || nodeMonitors < 1 || slots < 1) {
        throw new IllegalArgumentException("a cluster needs at least one scheduler and one node monitor"
            + " with a slot; got " + schedulers + " schedulers, " + nodeMonitors + " node monitors x "
            + slots + " slots");
      }
      return new RestartableCluster(this);
    }
  }
}
