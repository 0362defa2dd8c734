package org.sparrow.yarn.client;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.LogAggregationContext;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.URL;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.client.api.YarnClientApplication;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.ApplicationNotFoundException;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.sparrow.am.AmSettings;
import org.sparrow.am.ContainerShape;
import org.sparrow.am.JarLocation;
import org.sparrow.am.yarn.LaunchContexts;
import org.sparrow.am.yarn.SparrowApplicationMaster;
import org.sparrow.am.zk.ControlNode;
import org.sparrow.am.zk.DesiredState;

/**
 * Submits the Sparrow ApplicationMaster: uploads the fat jar, the AM settings and this client's
 * Hadoop configuration to a staging directory, records the desired sizes in ZooKeeper, and
 * submits an application that keeps its containers across AM attempts.
 */
final class Submitter {

  /** YARN application type of every Sparrow deployment (lets `yarn application -list` filter). */
  static final String APPLICATION_TYPE = "SPARROW";
  static final String AM_MAIN_CLASS = SparrowApplicationMaster.class.getName();
  /** System property on the AM's JVM, naming its cluster (ps shows which AM is which). */
  static final String AM_MARKER_PROPERTY = "sparrow.yarn.am";
  /** The staging root's name under the home directory, unless sparrow.yarn.staging-dir says otherwise. */
  static final String STAGING_DIR_NAME = ".sparrow-staging";

  private static final Set<YarnApplicationState> ENDED =
      EnumSet.of(YarnApplicationState.FINISHED, YarnApplicationState.FAILED, YarnApplicationState.KILLED);

  private final Configuration conf;
  private final YarnClient yarn;
  private final ControlNode control;

  Submitter(Configuration conf, YarnClient yarn, ControlNode control) {
    this.conf = conf;
    this.yarn = yarn;
    this.control = control;
  }

  /**
   * Stages and submits. Should staging or the submission fail, what was made is removed (the
   * staging directory, the ZooKeeper record), so that a failed submit leaves no debris.
   */
  ApplicationId submit(AmSettings settings, SubmitSettings submit, Path localJar) throws Exception {
    refuseIfDeployed(settings.cluster());
    YarnClientApplication app = yarn.createApplication();
    ApplicationId appId = app.getNewApplicationResponse().getApplicationId();
    Resource max = app.getNewApplicationResponse().getMaximumResourceCapability();
    ContainerShape amShape = new ContainerShape(submit.amMemoryMb(), submit.amVcores())
        .clampTo(new ContainerShape((int) Math.min(Integer.MAX_VALUE, max.getMemorySize()), max.getVirtualCores()));

    FileSystem fs = FileSystem.get(conf);
    org.apache.hadoop.fs.Path stagingRoot = submit.stagingDir() != null
        ? new org.apache.hadoop.fs.Path(submit.stagingDir())
        : new org.apache.hadoop.fs.Path(fs.getHomeDirectory(), STAGING_DIR_NAME);
    org.apache.hadoop.fs.Path staging = fs.makeQualified(new org.apache.hadoop.fs.Path(stagingRoot, appId.toString()));
    fs.mkdirs(staging, new FsPermission((short) 0700));
    try {
      org.apache.hadoop.fs.Path jarDst = new org.apache.hadoop.fs.Path(staging, LaunchContexts.JAR_NAME);
      fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(localJar.toAbsolutePath().toUri()), jarDst);
      FileStatus jarStatus = fs.getFileStatus(jarDst);
      AmSettings withJar = settings.withJar(new JarLocation(jarStatus.getPath().toUri().toString(),
          jarStatus.getLen(), jarStatus.getModificationTime()));

      Properties amProps = withJar.toProperties();
      amProps.setProperty(SparrowApplicationMaster.STAGING_DIR, staging.toString());
      org.apache.hadoop.fs.Path propsDst = new org.apache.hadoop.fs.Path(staging, SparrowApplicationMaster.SETTINGS_FILE);
      try (OutputStream out = fs.create(propsDst, true)) {
        amProps.store(out, "Sparrow ApplicationMaster settings for " + appId);
      }
      org.apache.hadoop.fs.Path confDst = new org.apache.hadoop.fs.Path(staging, SparrowApplicationMaster.HADOOP_CONF_FILE);
      try (OutputStream out = fs.create(confDst, true)) {
        conf.writeXml(out);
      }

      Map<String, LocalResource> resources = new LinkedHashMap<>();
      resources.put(LaunchContexts.JAR_NAME, localResource(jarStatus));
      resources.put(SparrowApplicationMaster.SETTINGS_FILE, localResource(fs.getFileStatus(propsDst)));
      resources.put(SparrowApplicationMaster.HADOOP_CONF_FILE, localResource(fs.getFileStatus(confDst)));

      ContainerLaunchContext amContainer = ContainerLaunchContext.newInstance(resources,
          Map.of(Environment.CLASSPATH.name(), amClasspath()), List.of(amCommand(settings.cluster(), amShape)),
          null, tokens(fs), null);

      ApplicationSubmissionContext ctx = app.getApplicationSubmissionContext();
      ctx.setApplicationName(submit.appName());
      ctx.setApplicationType(APPLICATION_TYPE);
      ctx.setApplicationTags(Set.of("sparrow-cluster-" + settings.cluster().toLowerCase(java.util.Locale.ROOT)));
      ctx.setQueue(submit.queue());
      ctx.setResource(Resource.newInstance(amShape.memoryMb(), amShape.vcores()));
      ctx.setMaxAppAttempts(submit.maxAttempts());
      ctx.setAttemptFailuresValidityInterval(submit.attemptFailuresValidityMs());
      // The point of the AM restart: node monitors and schedulers keep running while it restarts.
      ctx.setKeepContainersAcrossApplicationAttempts(true);
      ctx.setAMContainerSpec(amContainer);

      // Rolling aggregation: `yarn logs` shows a running daemon's output, not only an ended one's
      // (the NodeManagers upload at yarn.nodemanager.log-aggregation.roll-monitoring-interval-seconds).
      if (submit.rollingLogs()) {
        ctx.setLogAggregationContext(LogAggregationContext.newInstance(".*", "", ".*", ""));
      }

      control.write(new DesiredState(appId.toString(), settings.schedulers().count(), settings.nodeMonitors().count(),
          false).withStagingDir(staging.toString()));
      yarn.submitApplication(ctx);
    } catch (Exception | Error e) {
      fs.delete(staging, true);
      control.deleteIfOwnedBy(appId.toString());
      throw e;
    }
    return appId;
  }

  /** A cluster name maps to at most one live YARN application. */
  private void refuseIfDeployed(String cluster) throws Exception {
    DesiredState recorded = control.read().orElse(null);
    if (recorded == null) {
      return;
    }
    ApplicationReport report;
    try {
      report = yarn.getApplicationReport(ApplicationId.fromString(recorded.applicationId()));
    } catch (ApplicationNotFoundException e) {
      return;
    } catch (YarnException | IllegalArgumentException e) {
      return;
    }
    if (!ENDED.contains(report.getYarnApplicationState())) {
      throw new IllegalStateException("cluster '" + cluster + "' already runs as " + recorded.applicationId()
          + " (" + report.getYarnApplicationState() + "); stop it first (sparrow yarn stop --cluster " + cluster
          + ") or choose another --cluster");
    }
  }

  private static LocalResource localResource(FileStatus status) {
    return LocalResource.newInstance(URL.fromPath(status.getPath()), LocalResourceType.FILE,
        LocalResourceVisibility.APPLICATION, status.getLen(), status.getModificationTime());
  }

  /**
   * The cluster's Hadoop classpath first (the AM is a YARN client), then the fat jar; the jar's
   * own libraries are relocated, so they cannot clash with the cluster's.
   */
  private String amClasspath() {
    List<String> entries = new ArrayList<>();
    entries.add(Environment.CLASSPATH.$$());
    for (String c : conf.getStrings(YarnConfiguration.YARN_APPLICATION_CLASSPATH,
        YarnConfiguration.DEFAULT_YARN_CROSS_PLATFORM_APPLICATION_CLASSPATH)) {
      entries.add(c.strip());
    }
    entries.add(Environment.PWD.$$() + "/" + LaunchContexts.JAR_NAME);
    return String.join(ApplicationConstants.CLASS_PATH_SEPARATOR, entries);
  }

  private static String amCommand(String cluster, ContainerShape amShape) {
    int heapMb = Math.max(64, amShape.memoryMb() * 3 / 4);
    return Environment.JAVA_HOME.$$() + "/bin/java -XX:+ExitOnOutOfMemoryError -Xmx" + heapMb + "m -D" + AM_MARKER_PROPERTY + "=" + cluster
        + " " + AM_MAIN_CLASS + " " + SparrowApplicationMaster.SETTINGS_FILE
        + " 1>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/am.stdout"
        + " 2>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/am.stderr";
  }

  /** On a secure cluster, file-system delegation tokens so the AM and containers can localize. */
  private ByteBuffer tokens(FileSystem fs) throws IOException {
    if (!UserGroupInformation.isSecurityEnabled()) {
      return null;
    }
    Credentials credentials = new Credentials();
    String renewer = conf.get(YarnConfiguration.RM_PRINCIPAL);
    if (renewer == null || renewer.isBlank()) {
      throw new IllegalStateException("security is enabled but " + YarnConfiguration.RM_PRINCIPAL
          + " is not set: cannot name a token renewer");
    }
    fs.addDelegationTokens(renewer, credentials);
    DataOutputBuffer out = new DataOutputBuffer();
    credentials.writeTokenStorageToStream(out);
    return ByteBuffer.wrap(out.getData(), 0, out.getLength());
  }
}
