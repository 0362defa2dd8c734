package org.sparrow.am.yarn;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.sparrow.am.ContainerShape;
import org.sparrow.am.Provisioner;
import org.sparrow.am.Role;
import org.sparrow.am.status.AmPages;
import org.sparrow.am.status.StatusService;
import org.sparrow.am.zk.ControlNode;
import org.sparrow.am.zk.DesiredState;
import org.sparrow.common.Clock;
import org.sparrow.common.Closeables;
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
  private static final long STOP_GRACE_MS = 60_000;
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
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    CuratorFramework curator = ZkClients.newClient(settings.zookeeper());
    ControlNode control = new ControlNode(curator, settings.cluster());
    ZkClusterDirectory directory = null;
    AMRMClientAsync<ContainerRequest> rm = null;
    NMClientAsync nm = null;
    ClusterStatus status = null;
    DashboardServer http = null;
    try {
      curator.start();
      ZkClients.awaitConnected(curator, 30_000);
      DesiredState desired = resumeOrClaim(control, appId, settings);

      Map<Role, Integer> targets = new EnumMap<>(Role.class);
      targets.put(Role.SCHEDULER, desired.schedulers());
      targets.put(Role.NODE_MONITOR, desired.nodeMonitors());
      Map<Role, ContainerShape> shapes = new EnumMap<>(Role.class);
      for (Role r : Role.values()) {
        shapes.put(r, settings.role(r).shape());
      }
      Provisioner provisioner = new Provisioner(targets, shapes, settings.maxContainerFailures(), Clock.system());
      YarnPlanExecutor executor = new YarnPlanExecutor(settings, new LaunchContexts(settings), outcome);
      ContainerManager manager = new ContainerManager(provisioner, executor);
      rm = AMRMClientAsync.createAMRMClientAsync(1_000, new RmCallbacks(manager, executor, outcome));
      nm = NMClientAsync.createNMClientAsync(new NmCallbacks(manager));
      executor.connect(rm, nm);
      rm.init(conf);
      rm.start();
      nm.init(conf);
      nm.start();

      directory = ZkClusterDirectory.builder().client(curator).clusterName(settings.cluster()).build();
      directory.start();
      status = ClusterStatus.builder().directory(directory).probesOverThrift(LOAD_PROBE_TIMEOUT_MS).build().start();
      http = AmPages.start(status, new StatusService(attempt.toString(), settings, manager::snapshot, status,
          Clock.system()), "0.0.0.0", 0);
      String trackingUrl = "http://" + host + ":" + http.port() + "/";

      RegisterApplicationMasterResponse registration = rm.registerApplicationMaster(host, 0, trackingUrl);
      LOG.info("Registered attempt {} of {}; tracking URL {}", attempt, appId, trackingUrl);
      ContainerShape maximum = YarnRecords.toShape(registration.getMaximumResourceCapability());
      manager.registered(maximum, adoptable(registration.getContainersFromPreviousAttempts(), executor));

      control.watch(state -> follow(state, appId, manager, outcome));
      Outcome result = outcome.get();
      if (result.unregister()) {
        rm.unregisterApplicationMaster(
            result.succeeded() ? FinalApplicationStatus.SUCCEEDED : FinalApplicationStatus.FAILED,
            result.diagnostics(), null);
        control.deleteIfOwnedBy(appId);
      }
      return result;
    } finally {
      control.close();
      Closeables.closeQuietly(http);
      Closeables.closeQuietly(status);
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
    control.write(fresh);
    return fresh;
  }

  /** Previous attempt's containers with a known role; strays are released. */
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
    return refs;
  }

  /** Applies a change of the desired state: a resize, or a stop (bounded by a grace period). */
  private static void follow(DesiredState state, String appId, ContainerManager manager,
      CompletableFuture<Outcome> outcome) {
    if (!state.applicationId().equals(appId)) {
      LOG.warn("Ignoring deployment state for another application: {}", state);
      return;
    }
    if (state.stopRequested()) {
      manager.stop("requested through ZooKeeper");
      outcome.completeOnTimeout(new Outcome(true,
          "stopped on request; some containers had not ended after " + STOP_GRACE_MS + " ms", true),
          STOP_GRACE_MS, TimeUnit.MILLISECONDS);
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
