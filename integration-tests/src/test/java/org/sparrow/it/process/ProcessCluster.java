package org.sparrow.it.process;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sparrow.common.Closeables;
import org.sparrow.common.HostPort;
import org.sparrow.zk.EmbeddedZooKeeper;
import org.sparrow.zk.ZkClusterDirectory;

/**
 * Schedulers and node monitors as separate daemon processes ({@link DaemonProcess}) on loopback
 * ports fixed at construction (a daemon's id is known before it registers, and one started again
 * comes back on the same ports), around a real ZooKeeper, with a directory in the test JVM to
 * watch them. {@link #close} stops only the processes it started.
 *
 * <p>Two shapes. The default ({@link #ProcessCluster(Path)}): ZooKeeper embedded in the test JVM
 * and the daemons launched with {@code bin/sparrow}'s production flags ({@link LaunchFlags}), for
 * the suites that measure what a deployment gets (it/hostile). {@link #restartable}: ZooKeeper a
 * process too (a test can kill and restart it) and the daemons in small quick-to-start JVMs
 * ({@link #SMALL_JVM}), for the fault suite, which kills, freezes and restarts them on a few
 * cores. Either shape restarts daemons the same way: the test starts the {@link DaemonProcess}
 * again, then {@link #awaitAllRegistered} waits for the new incarnations ({@link Incarnations}).
 */
public final class ProcessCluster implements AutoCloseable {

  public static final String CLUSTER = "processes";
  /** Small, quick-to-start JVMs: the whole cluster shares a few cores with everything else. */
  public static final List<String> SMALL_JVM = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
  private static final Duration START = Duration.ofSeconds(120);

  private final Path dir;
  private final String clusterName;
  /** Exactly one of the two: ZooKeeper in the test JVM, or its own process. */
  private final EmbeddedZooKeeper embeddedZooKeeper;
  private final DaemonProcess zookeeperProcess;
  private final String connectString;
  private final boolean productionFlags;
  private final List<DaemonProcess> schedulers = new ArrayList<>();
  private final List<String> schedulerIds = new ArrayList<>();
  private final List<HostPort> schedulerInternal = new ArrayList<>();
  private final List<DaemonProcess> nodeMonitors = new ArrayList<>();
  private final List<String> nodeMonitorIds = new ArrayList<>();
  private final List<HostPort> nodeMonitorBackend = new ArrayList<>();
  private final List<String> extraJvmOptions;
  private final LaunchFlags schedulerFlags = LaunchFlags.ofSparrowScript("scheduler");
  private final LaunchFlags nodeMonitorFlags = LaunchFlags.ofSparrowScript("nodemonitor");
  private final Incarnations incarnations = new Incarnations();
  private ZkClusterDirectory directory;

  /** Starts ZooKeeper in this JVM (daemons are added, then started by {@link #start}). */
  public ProcessCluster(Path dir) {
    this(dir, List.of());
  }

  /** @param extraJvmOptions after the production flags, for every daemon (e.g. a shorter idle timeout) */
  public ProcessCluster(Path dir, List<String> extraJvmOptions) {
    this.dir = dir;
    this.clusterName = CLUSTER;
    this.extraJvmOptions = List.copyOf(extraJvmOptions);
    this.productionFlags = true;
    this.zookeeperProcess = null;
    this.embeddedZooKeeper = EmbeddedZooKeeper.builder().bindHost("127.0.0.1").port(0).build();
    embeddedZooKeeper.start();
    this.connectString = embeddedZooKeeper.connectString();
  }

  private ProcessCluster(Path dir, String clusterName) throws IOException {
    this.dir = Objects.requireNonNull(dir);
    this.clusterName = Objects.requireNonNull(clusterName);
    this.extraJvmOptions = SMALL_JVM;
    this.productionFlags = false;
    this.embeddedZooKeeper = null;
    int zkPort = LoopbackPorts.next();
    this.connectString = "127.0.0.1:" + zkPort;
    this.zookeeperProcess = DaemonProcess.builder("zookeeper", dir).jvmOptions(SMALL_JVM)
        .args(List.of("zookeeper", "--port", "" + zkPort,
            "--data-dir", Files.createDirectories(dir.resolve("zk-data")).toString()))
        .build();
  }

  /**
   * ZooKeeper as a process of its own on a fixed port (started by {@link #start}; {@link
   * #zookeeper} to kill or restart it) and daemons in {@link #SMALL_JVM}s.
   *
   * @param dir the daemons' logs (one per daemon, appended across restarts) and ZooKeeper's data
   */
  public static ProcessCluster restartable(Path dir, String clusterName) throws IOException {
    return new ProcessCluster(dir, clusterName);
  }

  private List<String> common() {
    return List.of("--zk", connectString, "--cluster", clusterName, "--bind", "127.0.0.1");
  }

  /** A scheduler run by {@code main} (the {@code sparrow} command's, or a test wrapper of it). */
  public ProcessCluster addScheduler(String main) throws IOException {
    return addScheduler(main, List.of());
  }

  /** @param jvmOptions after the cluster's, for this scheduler only (e.g. an experiment switch) */
  public ProcessCluster addScheduler(String main, List<String> jvmOptions) throws IOException {
    int port = LoopbackPorts.next();
    int internal = LoopbackPorts.next();
    schedulers.add(daemon("scheduler-" + schedulers.size(), schedulerFlags).jvmOptions(jvmOptions)
        .mainClass(main).args(List.of("scheduler")).args(common())
        .args(List.of("--port", "" + port, "--internal-port", "" + internal))
        .build());
    schedulerInternal.add(new HostPort("127.0.0.1", internal));
    schedulerIds.add("127.0.0.1:" + port);
    return this;
  }

  public ProcessCluster addNodeMonitor(int slots) throws IOException {
    return addNodeMonitor(slots, List.of());
  }

  /** @param args after its ports and slots (e.g. {@code --allow-command}) */
  public ProcessCluster addNodeMonitor(int slots, List<String> args) throws IOException {
    int port = LoopbackPorts.next();
    int backend = LoopbackPorts.next();
    nodeMonitors.add(daemon("nodemonitor-" + nodeMonitors.size(), nodeMonitorFlags)
        .args(List.of("nodemonitor")).args(common())
        .args(List.of("--internal-port", "" + port, "--backend-port", "" + backend, "--slots", "" + slots))
        .args(args)
        .build());
    nodeMonitorBackend.add(new HostPort("127.0.0.1", backend));
    nodeMonitorIds.add("127.0.0.1:" + port);
    return this;
  }

  private DaemonProcess.Builder daemon(String name, LaunchFlags flags) {
    DaemonProcess.Builder b = DaemonProcess.builder(name, dir);
    if (productionFlags) {
      b.flags(flags);
    }
    return b.jvmOptions(extraJvmOptions);
  }

  /** Starts ZooKeeper if it is a process, then every daemon, and waits until each is registered. */
  public ProcessCluster start() throws IOException {
    if (schedulers.isEmpty() || nodeMonitors.isEmpty()) {
      throw new IllegalStateException("a cluster needs at least one scheduler and one node monitor; got "
          + schedulers.size() + " schedulers and " + nodeMonitors.size() + " node monitors");
    }
    if (zookeeperProcess != null) {
      zookeeperProcess.start();
    }
    for (DaemonProcess d : schedulers) {
      d.start();
    }
    for (DaemonProcess d : nodeMonitors) {
      d.start();
    }
    ZkClusterDirectory.Builder b = ZkClusterDirectory.builder().connectString(connectString).clusterName(clusterName);
    if (zookeeperProcess != null) {
      // Long enough for the directory to ride out a restart of the ZooKeeper process.
      b.sessionTimeoutMs(30_000).connectionTimeoutMs(60_000);
    }
    directory = b.build();
    directory.start();
    awaitRegistered();
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
    awaitRegistered();
  }

  private void awaitRegistered() {
    await("every daemon registered by its running process").atMost(START).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          var nms = directory.nodeMonitors().snapshot();
          for (int i = 0; i < nodeMonitors.size(); i++) {
            var info = nms.get(nodeMonitorIds.get(i));
            if (info == null || !incarnations.isCurrent(nodeMonitors.get(i), info.bootId())) {
              return false;
            }
          }
          var ss = directory.schedulers().snapshot();
          for (int i = 0; i < schedulers.size(); i++) {
            var info = ss.get(schedulerIds.get(i));
            if (info == null || !incarnations.isCurrent(schedulers.get(i), info.bootId())) {
              return false;
            }
          }
          return true;
        });
    // What is listed now is each running process's incarnation.
    var nms = directory.nodeMonitors().snapshot();
    for (int i = 0; i < nodeMonitors.size(); i++) {
      incarnations.record(nodeMonitors.get(i), nms.get(nodeMonitorIds.get(i)).bootId());
    }
    var ss = directory.schedulers().snapshot();
    for (int i = 0; i < schedulers.size(); i++) {
      incarnations.record(schedulers.get(i), ss.get(schedulerIds.get(i)).bootId());
    }
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

  /** ZooKeeper's process, to kill or restart; only in a {@link #restartable} cluster. */
  public DaemonProcess zookeeper() {
    if (zookeeperProcess == null) {
      throw new IllegalStateException("ZooKeeper runs in the test JVM here; ProcessCluster.restartable runs it"
          + " as a process a test can restart");
    }
    return zookeeperProcess;
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

  /** SchedulerService of scheduler {@code i} (its id). */
  public HostPort schedulerAddress(int i) {
    return HostPort.parse(schedulerIds.get(i));
  }

  public HostPort schedulerInternalAddress(int i) {
    return schedulerInternal.get(i);
  }

  /** NodeMonitorInternalService of node monitor {@code i} (its id). */
  public HostPort nodeMonitorInternalAddress(int i) {
    return HostPort.parse(nodeMonitorIds.get(i));
  }

  public HostPort nodeMonitorBackendAddress(int i) {
    return nodeMonitorBackend.get(i);
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

  /** Schedulers, then node monitors (not ZooKeeper). */
  public List<DaemonProcess> daemons() {
    List<DaemonProcess> all = new ArrayList<>(schedulers);
    all.addAll(nodeMonitors);
    return all;
  }

  /** The production flags {@code d} runs with; only in the default shape (a restartable one runs small JVMs). */
  public LaunchFlags flagsOf(DaemonProcess d) {
    if (!productionFlags) {
      throw new IllegalStateException(d.name() + " runs in a small JVM (" + SMALL_JVM + "), not with production flags");
    }
    return schedulers.contains(d) ? schedulerFlags : nodeMonitorFlags;
  }

  @Override
  public void close() {
    Closeables.closeQuietly(directory);
    for (DaemonProcess d : daemons()) {
      d.stopQuietly();
    }
    if (zookeeperProcess != null) {
      zookeeperProcess.stopQuietly();
    } else {
      Closeables.closeQuietly(embeddedZooKeeper);
    }
  }
}
