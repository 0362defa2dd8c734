package org.sparrow.it.process;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.sparrow.common.Closeables;
import org.sparrow.common.HostPort;
import org.sparrow.zk.EmbeddedZooKeeper;
import org.sparrow.zk.ZkClusterDirectory;

/**
 * Schedulers and node monitors as separate daemon processes, launched with {@code bin/sparrow}'s
 * production flags ({@link LaunchFlags}) on loopback ports fixed at construction (a daemon's id
 * is known before it registers), around a real ZooKeeper embedded in the test JVM, with a
 * directory in the test JVM to watch them. {@link #close} stops only the processes it started.
 */
public final class ProcessCluster implements AutoCloseable {

  public static final String CLUSTER = "processes";
  private static final Duration START = Duration.ofSeconds(120);

  private final Path dir;
  private final EmbeddedZooKeeper zookeeper;
  private final List<DaemonProcess> schedulers = new ArrayList<>();
  private final List<String> schedulerIds = new ArrayList<>();
  private final List<HostPort> schedulerInternal = new ArrayList<>();
  private final List<DaemonProcess> nodeMonitors = new ArrayList<>();
  private final List<String> nodeMonitorIds = new ArrayList<>();
  private final List<HostPort> nodeMonitorBackend = new ArrayList<>();
  private final List<String> extraJvmOptions;
  private final LaunchFlags schedulerFlags = LaunchFlags.ofSparrowScript("scheduler");
  private final LaunchFlags nodeMonitorFlags = LaunchFlags.ofSparrowScript("nodemonitor");
  private ZkClusterDirectory directory;

  /** Starts ZooKeeper (daemons are added, then started by {@link #start}). */
  public ProcessCluster(Path dir) {
    this(dir, List.of());
  }

  /** @param extraJvmOptions after the production flags, for every daemon (e.g. a shorter idle timeout) */
  public ProcessCluster(Path dir, List<String> extraJvmOptions) {
    this.dir = dir;
    this.extraJvmOptions = List.copyOf(extraJvmOptions);
    this.zookeeper = EmbeddedZooKeeper.builder().bindHost("127.0.0.1").port(0).build();
    zookeeper.start();
  }

  private List<String> common() {
    return List.of("--zk", connectString(), "--cluster", CLUSTER, "--bind", "127.0.0.1");
  }

  /** A scheduler run by {@code main} (the {@code sparrow} command's, or a test wrapper of it). */
  public ProcessCluster addScheduler(String main) throws IOException {
    int port = freePort();
    int internal = freePort();
    schedulers.add(DaemonProcess.builder("scheduler-" + schedulers.size(), dir).flags(schedulerFlags)
        .jvmOptions(extraJvmOptions).mainClass(main).args(List.of("scheduler")).args(common())
        .args(List.of("--port", "" + port, "--internal-port", "" + internal))
        .build());
    schedulerInternal.add(new HostPort("127.0.0.1", internal));
    schedulerIds.add("127.0.0.1:" + port);
    return this;
  }

  public ProcessCluster addNodeMonitor(int slots) throws IOException {
    int port = freePort();
    int backend = freePort();
    nodeMonitors.add(DaemonProcess.builder("nodemonitor-" + nodeMonitors.size(), dir).flags(nodeMonitorFlags)
        .jvmOptions(extraJvmOptions).args(List.of("nodemonitor")).args(common())
        .args(List.of("--internal-port", "" + port, "--backend-port", "" + backend, "--slots", "" + slots))
        .build());
    nodeMonitorBackend.add(new HostPort("127.0.0.1", backend));
    nodeMonitorIds.add("127.0.0.1:" + port);
    return this;
  }

  /** Starts every daemon and waits until each is registered. */
  public ProcessCluster start() throws IOException {
    for (DaemonProcess d : schedulers) {
      d.start();
    }
    for (DaemonProcess d : nodeMonitors) {
      d.start();
    }
    directory = ZkClusterDirectory.builder().connectString(connectString()).clusterName(CLUSTER).build();
    directory.start();
    await("every daemon registered").atMost(START).pollInterval(Duration.ofMillis(100)).until(() ->
        directory.schedulers().snapshot().keySet().containsAll(schedulerIds)
            && directory.nodeMonitors().snapshot().keySet().containsAll(nodeMonitorIds));
    return this;
  }

  public String connectString() {
    return zookeeper.connectString();
  }

  public ZkClusterDirectory directory() {
    return directory;
  }

  public DaemonProcess scheduler(int i) {
    return schedulers.get(i);
  }

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

  public String nodeMonitorId(int i) {
    return nodeMonitorIds.get(i);
  }

  public List<DaemonProcess> daemons() {
    List<DaemonProcess> all = new ArrayList<>(schedulers);
    all.addAll(nodeMonitors);
    return all;
  }

  public LaunchFlags flagsOf(DaemonProcess d) {
    return schedulers.contains(d) ? schedulerFlags : nodeMonitorFlags;
  }

  @Override
  public void close() {
    Closeables.closeQuietly(directory);
    for (DaemonProcess d : daemons()) {
      d.stopQuietly();
    }
    Closeables.closeQuietly(zookeeper);
  }

  private static int freePort() throws IOException {
    return LoopbackPorts.next();
  }
}
