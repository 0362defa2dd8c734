package org.sparrow.yarn.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.sparrow.am.AmSettings;
import org.sparrow.am.autoscale.AutoscaleSettings;
import org.sparrow.am.zk.DesiredState;
import org.sparrow.zk.ZkClusterDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "submit", mixinStandardHelpOptions = true,
    description = "Submit the ApplicationMaster, which starts the node monitors and schedulers.")
final class SubmitCommand implements Callable<Integer> {

  @Mixin
  ClientOptions options;

  @Option(names = "--node-monitors", paramLabel = "N", description = "Node-monitor containers (default: 1).")
  Integer nodeMonitors;

  @Option(names = "--schedulers", paramLabel = "M", description = "Scheduler containers (default: 2).")
  Integer schedulers;

  @Option(names = "--slots", paramLabel = "N", description = "Task slots per node monitor (default: 4).")
  Integer slots;

  @Option(names = "--node-monitor-memory", paramLabel = "MB", description = "Memory per node-monitor container (default: 1024).")
  Integer nodeMonitorMemory;

  @Option(names = "--node-monitor-vcores", paramLabel = "N", description = "Vcores per node-monitor container (default: 1).")
  Integer nodeMonitorVcores;

  @Option(names = "--node-label", paramLabel = "EXPR", description = "Node label expression for node monitors.")
  String nodeLabel;

  @Option(names = "--queue", paramLabel = "QUEUE", description = "YARN queue (default: default).")
  String queue;

  @Option(names = "--autoscale", paramLabel = "min=N,max=M[,KEY=VALUE...]",
      description = "Let the AM size the node monitors by load within [min, max] (keys sparrow.yarn.autoscale.*; "
          + "also grow-queued-per-slot, shrink-utilisation, window-ms, cooldown-ms, interval-ms).")
  String autoscale;

  @Option(names = "--jar", paramLabel = "PATH", description = "The sparrow-yarn jar to upload (default: the one running).")
  Path jar;

  @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Wait until every daemon has registered in ZooKeeper (default: true).")
  boolean waitForDaemons;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
      description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(names = "--queue-policy", paramLabel = "NAME",
      description = "Node monitors' queue policy, written to the cluster settings: fifo, priority, "
          + "weighted-fair or priority-weighted-fair (default: leave the cluster's, fifo).")
  String queuePolicy;

  @Option(names = "--weight", paramLabel = "USER=WEIGHT",
      description = "A user's weighted fair share weight (repeatable; replaces the weight table).")
  java.util.Map<String, String> weights;

  @Override
  public Integer call() throws Exception {
    Properties p = options.properties();
    putIfSet(p, AmSettings.NODE_MONITORS, nodeMonitors);
    putIfSet(p, AmSettings.SCHEDULERS, schedulers);
    putIfSet(p, AmSettings.SLOTS, slots);
    putIfSet(p, AmSettings.NODE_MONITOR_PREFIX + AmSettings.MEMORY_MB, nodeMonitorMemory);
    putIfSet(p, AmSettings.NODE_MONITOR_PREFIX + AmSettings.VCORES, nodeMonitorVcores);
    putIfSet(p, AmSettings.NODE_MONITOR_PREFIX + AmSettings.NODE_LABEL, nodeLabel);
    putIfSet(p, SubmitSettings.QUEUE, queue);
    if (autoscale != null) {
      AutoscaleSettings.parseSpec(autoscale).forEach(p::setProperty);
    }
    putIfSet(p, QueueSettings.QUEUE_POLICY, queuePolicy);
    if (weights != null) {
      p.setProperty(QueueSettings.WEIGHTS, String.join(",", weights.entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }
    QueueSettings queueSettings = QueueSettings.fromProperties(p);  // before anything is uploaded
    AmSettings settings = AmSettings.fromProperties(p);
    SubmitSettings submit = SubmitSettings.fromProperties(p, settings);
    Path localJar = jar != null ? jar : JarLocator.locate();
    if (!Files.isRegularFile(localJar)) {
      throw new IllegalArgumentException("--jar " + localJar + " is not a file");
    }

    ApplicationId appId;
    try (Connections c = new Connections(settings.zookeeper(), settings.cluster())) {
      if (!queueSettings.isEmpty()) {
        try (ZkClusterDirectory directory = ZkClusterDirectory.builder().connectString(settings.zookeeper())
            .clusterName(settings.cluster()).build()) {
          directory.start();
          directory.writeSettings(queueSettings.applyTo(directory.settings()));
          System.out.println("Cluster '" + settings.cluster() + "' settings: " + directory.settings());
        }
      }
      // Before this submit stages its own: what ended applications of this user left.
      StagingSweeper.sweep(c, p, c.control.read().orElse(null), System.out);
      appId = new Submitter(c.conf, c.yarn, c.control).submit(settings, submit, localJar);
      System.out.println("Submitted " + appId + " (cluster '" + settings.cluster() + "': "
          + settings.nodeMonitors().count() + " node monitors, " + settings.schedulers().count() + " schedulers)");
      System.out.flush();
      if (waitForDaemons) {
        try {
          // One deadline for both waits: --timeout bounds the whole wait, as the guide says.
          long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
          AppWaiter.awaitRunning(c, appId, Duration.ofSeconds(timeoutSeconds));
          System.out.println("Tracking URL: " + c.yarn.getApplicationReport(appId).getTrackingUrl());
          DaemonWaiter.await(c.curator, settings.cluster(), appId, settings.nodeMonitors().count(),
              settings.schedulers().count(), Duration.ofSeconds(timeoutSeconds),
              Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), AppWaiter.endedBecause(c, appId));
        } catch (Exception e) {
          // Nobody waits for an application that starts later: take it back, with its debris.
          giveUp(c, appId);
          throw e;
        }
        System.out.println("All " + settings.nodeMonitors().count() + " node monitors and "
            + settings.schedulers().count() + " schedulers registered in ZooKeeper at " + settings.zookeeper());
      }
    }
    return 0;
  }

  private static void giveUp(Connections c, ApplicationId appId) {
    try {
      String staging = c.control.read().filter(s -> s.applicationId().equals(appId.toString()))
          .map(DesiredState::stagingDir).orElse(null);
      boolean ended = AppWaiter.ENDED.contains(c.yarn.getApplicationReport(appId).getYarnApplicationState());
      if (!ended) {
        c.yarn.killApplication(appId);
      }
      Staging.remove(c.conf, staging);
      c.control.deleteIfOwnedBy(appId.toString());
      System.out.println("Gave up: " + (ended ? appId + " had ended; removed" : "killed " + appId + " and removed")
          + " its staging directory and ZooKeeper record");
    } catch (Exception e) {
      System.err.println("warning: could not kill " + appId + " after giving up: " + e);
    }
  }

  private static void putIfSet(Properties p, String key, Object value) {
    if (value != null) {
      p.setProperty(key, value.toString());
    }
  }
}
