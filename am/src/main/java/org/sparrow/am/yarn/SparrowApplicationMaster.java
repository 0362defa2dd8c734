package org.sparrow.am.yarn;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.api.protocolrecords.RegisterApplicationMasterResponse;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerReport;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparrow.am.AmSettings;
import org.sparrow.am.ContainerManager;
import org.sparrow.am.ContainerRef;
import org.sparrow.am.ContainerIds;
import org.sparrow.am.ContainerShape;
import org.sparrow.am.DaemonIds;
import org.sparrow.am.LoadSamples;
import org.sparrow.am.ProvisionerSnapshot;
import org.sparrow.am.TrackedContainer;
import org.sparrow.am.autoscale.Autoscaler;
import org.sparrow.am.autoscale.LoadSample;
import org.sparrow.am.autoscale.QueueLengthPolicy;
import org.sparrow.am.Provisioner;
import org.sparrow.am.Role;
import org.sparrow.am.StatusService;
import org.sparrow.am.status.AmPages;
import org.sparrow.am.zk.ControlNode;
import org.sparrow.common.ApplicationMasterInfo;
import org.sparrow.am.zk.DesiredState;
import org.sparrow.am.zk.ZkDrainer;
import org.sparrow.common.Clock;
import org.sparrow.common.Closeables;
import org.sparrow.common.NamedThreads;
import org.sparrow.status.ClusterStatus;
import org.sparrow.status.DashboardServer;
import org.sparrow.zk.ZkClients;
import org.sparrow.zk.ZkClusterDirectory;

/**
 * The Sparrow ApplicationMaster: keeps the wanted number of scheduler and node-monitor containers
 * running, follows resize and stop requests from ZooKeeper, serves the tracking URL, and on a
 * restart adopts the containers of the previous attempt.
 *
 * <p>Run by YARN in the AM container, whose working directory holds {@value #SETTINGS_FILE}
 * (the settings the client wrote) and {@value #HADOOP_CONF_FILE} (the client's Hadoop
 * configuration, so the AM reaches the same ResourceManager even without a HADOOP_CONF_DIR).
 */
public final class SparrowApplicationMaster {

  private static final Logger LOG = LoggerFactory.getLogger(SparrowApplicationMaster.class);

  public static final String SETTINGS_FILE = "sparrow-am.properties";
  public static final String HADOOP_CONF_FILE = "sparrow-hadoop-conf.xml";
  /** Settings key (written by the client): the staging directory the AM removes when it ends. */
  public static final String STAGING_DIR = "sparrow.yarn.staging-dir";
  /** After the drains' own time: how long a stop waits for released containers to end. */
  private static final long STOP_GRACE_MS = 60_000;
  /** Time on top of the drain timeout for a daemon to report its last tasks and deregister. */
  private static final long DRAIN_GRACE_MS = 10_000;
  private static final long LIVE_CHECK_MS = 2_000;
  private static final int LOAD_PROBE_TIMEOUT_MS = 1_000;

  private SparrowApplicationMaster() {}

  public static void main(String[] args) throws Exception {
    Path settingsFile = Path.of(args.length > 0 ? args[0] : SETTINGS_FILE);
    java.util.Properties props = new java.util.Properties();
    try (InputStream in = Files.newInputStream(settingsFile)) {
      props.load(in);
    }
    AmSettings settings = AmSettings.fromProperties(props);
    Configuration conf = new YarnConfiguration();
    if (Files.exists(Path.of(HADOOP_CONF_FILE))) {
      conf.addResource(new org.apache.hadoop.fs.Path(Path.of(HADOOP_CONF_FILE).toAbsolutePath().toUri()));
    }
    String containerId = System.getenv(Environment.CONTAINER_ID.name());
    if (containerId == null) {
      throw new IllegalStateException("CONTAINER_ID is not set: the AM must be started by YARN");
    }
    ApplicationAttemptId attempt = ContainerId.fromString(containerId).getApplicationAttemptId();
    Outcome outcome = run(settings, conf, attempt, System.getenv(Environment.NM_HOST.name()));
    LOG.info("ApplicationMaster done: {} ({})", outcome.succeeded() ? "succeeded" : "failed", outcome.diagnostics());
    String staging = props.getProperty(STAGING_DIR);
    if (outcome.unregister() && staging != null) {
      deleteQuietly(conf, staging);
    }
    System.exit(outcome.succeeded() ? 0 : 1);
  }

  /** Runs one AM attempt until it finishes; returns how it ended (after unregistering). */
  static Outcome run(AmSettings settings, Configuration conf, ApplicationAttemptId attempt, String host)
      throws Exception {
    String appId = attempt.getApplicationId().toString();
    Clock clock = Clock.system();
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    CuratorFramework curator = ZkClients.newClient(settings.zookeeper());
    ControlNode control = new ControlNode(curator, settings.cluster());
    ZkClusterDirectory directory = null;
    ZkDrainer drainer = null;
    AMRMClientAsync<ContainerRequest> rm = null;
    NMClientAsync nm = null;
    YarnClient yarn = null;
    ClusterStatus cluster = null;
    StatusService status = null;
    DashboardServer http = null;
    Autoscaler autoscaler = null;
    ScheduledExecutorService chores = Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("am-chores"));
    try {
      curator.start();
      ZkClients.awaitConnected(curator, 30_000);
      DesiredState desired = resumeOrClaim(control, appId, settings);
      directory = ZkClusterDirectory.builder().client(curator).clusterName(settings.cluster()).build();
      directory.start();

      Map<Role, Integer> targets = new EnumMap<>(Role.class);
      targets.put(Role.SCHEDULER, desired.schedulers());
      targets.put(Role.NODE_MONITOR, desired.nodeMonitors());
      Map<Role, ContainerShape> shapes = new EnumMap<>(Role.class);
      for (Role r : Role.values()) {
        shapes.put(r, settings.role(r).shape());
      }
      Provisioner provisioner = new Provisioner(targets, shapes, settings.maxContainerFailures(),
          settings.drainTimeoutMs(), clock);
      // The failure limit is per application: continue the count of the previous attempts.
      provisioner.restoreFailures(desired.failures(), desired.recentFailures());
      AtomicReference<ContainerManager> managerRef = new AtomicReference<>();
      ZkClusterDirectory members = directory;
      drainer = new ZkDrainer(curator, settings.cluster(), members,
          c -> daemonOf(c, members, managerRef.get()), clock, DRAIN_GRACE_MS);
      YarnPlanExecutor executor = new YarnPlanExecutor(settings, new LaunchContexts(settings), outcome, drainer,
          (failures, recent) -> chores.execute(() -> recordFailures(control, appId, failures, recent)));
      ContainerManager manager = new ContainerManager(provisioner, executor);
      managerRef.set(manager);
      drainer.onDrained(manager::drained);
      drainer.start();
      rm = AMRMClientAsync.createAMRMClientAsync(1_000, new RmCallbacks(manager, executor, outcome));
      nm = NMClientAsync.createNMClientAsync(new NmCallbacks(manager));
      executor.connect(rm, nm);
      rm.init(conf);
      rm.start();
      nm.init(conf);
      nm.start();
      yarn = YarnClient.createYarnClient();
      yarn.init(conf);
      yarn.start();

      AMRMClientAsync<ContainerRequest> rmClient = rm;
      AtomicReference<Autoscaler> autoscalerRef = new AtomicReference<>();
      cluster = ClusterStatus.builder().directory(directory).probesOverThrift(LOAD_PROBE_TIMEOUT_MS).build().start();
      status = new StatusService(attempt.toString(), settings, manager::snapshot, cluster, clock,
          () -> autoscalerRef.get() == null ? List.of() : autoscalerRef.get().decisions());
      http = AmPages.start(cluster, status, settings.bindHost(), 0);
      String trackingUrl = "http://" + host + ":" + http.port() + "/";
      // Scrapers find the AM's /metrics here (workers --format prometheus-sd); withdrawn with the directory.
      directory.register(new ApplicationMasterInfo(attempt.toString(), host, http.port()));

      RegisterApplicationMasterResponse registration = rm.registerApplicationMaster(host, 0, trackingUrl);
      LOG.info("Registered attempt {} of {}; tracking URL {}", attempt, appId, trackingUrl);
      ContainerShape maximum = YarnRecords.toShape(registration.getMaximumResourceCapability());
      manager.registered(maximum, adoptable(registration.getContainersFromPreviousAttempts(), executor));

      long stopGraceMs = 2 * (settings.drainTimeoutMs() + DRAIN_GRACE_MS) + STOP_GRACE_MS;
      control.watch(state -> follow(state, appId, manager, outcome, stopGraceMs));
      YarnClient yarnClient = yarn;
      String amContainer = System.getenv(Environment.CONTAINER_ID.name());
      chores.scheduleWithFixedDelay(() -> confirmReleased(yarnClient, attempt, amContainer, manager),
          LIVE_CHECK_MS, LIVE_CHECK_MS, TimeUnit.MILLISECONDS);
      if (settings.autoscale() != null) {
        StatusService statusService = status;
        autoscaler = new Autoscaler(settings.autoscale(), new QueueLengthPolicy(settings.autoscale()),
            () -> sample(manager, statusService, rmClient),
            n -> resizeRecorded(control, appId, n), clock).start();
        autoscalerRef.set(autoscaler);
        LOG.info("Autoscaling node monitors within {}..{}", settings.autoscale().min(), settings.autoscale().max());
      }
      Outcome result = outcome.get();
      if (result.unregister()) {
        rm.unregisterApplicationMaster(
            result.succeeded() ? FinalApplicationStatus.SUCCEEDED : FinalApplicationStatus.FAILED,
            result.diagnostics(), null);
        control.deleteIfOwnedBy(appId);
        drainer.removeAll();
      }
      return result;
    } finally {
      Closeables.closeQuietly(autoscaler);
      chores.shutdownNow();
      control.close();
      Closeables.closeQuietly(http);
      Closeables.closeQuietly(cluster);
      Closeables.closeQuietly(drainer);
      if (yarn != null) {
        yarn.stop();
      }
      if (nm != null) {
        nm.stop();
      }
      if (rm != null) {
        rm.stop();
      }
      Closeables.closeQuietly(directory);
      curator.close();
    }
  }

  /** The membership id of the daemon in a container, if it has registered. */
  private static Optional<String> daemonOf(ContainerRef c, ZkClusterDirectory directory, ContainerManager manager) {
    if (c.role() == Role.NODE_MONITOR) {
      return Optional.ofNullable(DaemonIds.nodeMonitors(directory.nodeMonitors().snapshot().values()).get(c.id()));
    }
    List<ContainerRef> ours = manager.snapshot().role(Role.SCHEDULER).containers().stream()
        .filter(t -> t.state() != org.sparrow.am.ContainerState.RELEASING).map(TrackedContainer::container).toList();
    return Optional.ofNullable(DaemonIds.schedulers(ours, directory.schedulers().snapshot().values()).get(c.id()));
  }

  /**
   * While stopping: the containers the RM still lists as live. A released container it no
   * longer lists has ended, whether or not its completion report reached this attempt (after an
   * AM restart some never do). The AM's own container must be in the list, or it is not trusted.
   */
  private static void confirmReleased(YarnClient yarn, ApplicationAttemptId attempt, String amContainer,
      ContainerManager manager) {
    if (!manager.isStopping()) {
      return;
    }
    try {
      Set<String> live = new HashSet<>();
      for (ContainerReport r : yarn.getContainers(attempt)) {
        if (r.getContainerState() != org.apache.hadoop.yarn.api.records.ContainerState.COMPLETE) {
          live.add(r.getContainerId().toString());
        }
      }
      if (amContainer != null && live.contains(amContainer)) {
        manager.liveContainers(live);
      }
    } catch (Exception e) {
      LOG.debug("Could not list the application's containers (completion reports still count)", e);
    }
  }

  private static Optional<LoadSample> sample(ContainerManager manager, StatusService status,
      AMRMClientAsync<ContainerRequest> rm) {
    ProvisionerSnapshot snapshot = manager.snapshot();
    ContainerShape shape = snapshot.role(Role.NODE_MONITOR).shape();
    Resource available = rm.getAvailableResources();
    int headroom = available == null ? -1 : (int) Math.min(available.getMemorySize() / shape.memoryMb(),
        available.getVirtualCores() / shape.vcores());
    // The report reads the cluster sample ClusterStatus keeps (no probing here).
    return LoadSamples.of(snapshot, status.report(), headroom);
  }

  /** An autoscaling decision goes where a resize goes, so that a restarted AM resumes it. */
  private static void resizeRecorded(ControlNode control, String appId, int nodeMonitors) {
    try {
      control.update(s -> s.applicationId().equals(appId) && !s.stopRequested() ? s.withNodeMonitors(nodeMonitors) : s);
    } catch (Exception e) {
      LOG.warn("Could not record the autoscaled size {} in ZooKeeper", nodeMonitors, e);
    }
  }

  private static void recordFailures(ControlNode control, String appId, int failures, List<String> recent) {
    try {
      control.update(s -> s.applicationId().equals(appId) ? s.withFailures(failures, recent) : s);
    } catch (Exception e) {
      LOG.warn("Could not record {} container failures in ZooKeeper; a restarted AM would count from fewer",
          failures, e);
    }
  }

  /**
   * The desired state recorded for this application (a restarted attempt continues from the last
   * resize), or a fresh one from the settings, which then becomes the record.
   */
  private static DesiredState resumeOrClaim(ControlNode control, String appId, AmSettings settings) throws Exception {
    DesiredState recorded = control.read().orElse(null);
    if (recorded != null && recorded.applicationId().equals(appId)) {
      LOG.info("Resuming the deployment state recorded in ZooKeeper: {}", recorded);
      return recorded;
    }
    if (recorded != null) {
      LOG.warn("{} was recorded for {}; this application {} takes it over", control.path(),
          recorded.applicationId(), appId);
    }
    DesiredState fresh = new DesiredState(appId, settings.schedulers().count(), settings.nodeMonitors().count(), false);
    // Written by the client; only an AM started without one gets here.
    control.write(fresh);
    return fresh;
  }

  /**
   * Previous attempt's containers with a known role, oldest first (the RM lists them in no
   * order; a resize down must still drain the newest); strays are released.
   */
  static List<ContainerRef> adoptable(List<Container> previous, GrantedContainers executor) {
    List<ContainerRef> refs = new ArrayList<>();
    for (Container c : previous) {
      Role role = YarnRecords.roleOf(c).orElse(null);
      if (role == null) {
        LOG.warn("Releasing container {} of the previous attempt: unknown priority {}", c.getId(), c.getPriority());
        executor.releaseUnknown(c.getId());
      } else {
        refs.add(YarnRecords.toRef(c, role));
      }
    }
    refs.sort(Comparator.comparing(ContainerRef::id, ContainerIds.ORDER));
    return refs;
  }

  /** Applies a change of the desired state: a resize, or a stop (bounded by a grace period). */
  private static void follow(DesiredState state, String appId, ContainerManager manager,
      CompletableFuture<Outcome> outcome, long stopGraceMs) {
    if (!state.applicationId().equals(appId)) {
      LOG.warn("Ignoring deployment state for another application: {}", state);
      return;
    }
    if (state.stopRequested()) {
      manager.stop("requested through ZooKeeper");
      outcome.completeOnTimeout(new Outcome(true,
          "stopped on request; some containers had not ended after " + stopGraceMs + " ms", true),
          stopGraceMs, TimeUnit.MILLISECONDS);
      return;
    }
    try {
      manager.resize(Role.SCHEDULER, state.schedulers());
      manager.resize(Role.NODE_MONITOR, state.nodeMonitors());
    } catch (IllegalArgumentException | IllegalStateException e) {
      LOG.warn("Ignoring deployment state {}: {}", state, e.getMessage());
    }
  }

  private static void deleteQuietly(Configuration conf, String dir) {
    try {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir);
      FileSystem fs = path.getFileSystem(conf);
      fs.delete(path, true);
    } catch (Exception e) {
      LOG.warn("Could not remove the staging directory {}", dir, e);
    }
  }
}
