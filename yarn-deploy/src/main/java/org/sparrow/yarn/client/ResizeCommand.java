package org.sparrow.yarn.client;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.sparrow.am.zk.DesiredState;
import org.sparrow.yarn.client.ClientOptions.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "resize", mixinStandardHelpOptions = true,
    description = "Change how many node monitors (and schedulers) the running deployment has.")
final class ResizeCommand implements Callable<Integer> {

  @Mixin
  ClientOptions options;

  @Option(names = "--node-monitors", paramLabel = "N", description = "Node-monitor containers wanted.")
  Integer nodeMonitors;

  @Option(names = "--schedulers", paramLabel = "M", description = "Scheduler containers wanted.")
  Integer schedulers;

  @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Wait until ZooKeeper shows the new sizes (default: true).")
  boolean waitForDaemons;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
      description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    if (nodeMonitors == null && schedulers == null) {
      throw new IllegalArgumentException("say what to resize: --node-monitors N and/or --schedulers M");
    }
    if ((nodeMonitors != null && nodeMonitors < 0) || (schedulers != null && schedulers < 0)) {
      throw new IllegalArgumentException("container counts must be >= 0");
    }
    Target target = options.target();
    try (Connections c = new Connections(target.zookeeper(), target.cluster())) {
      DesiredState recorded = c.deployment();
      StagingSweeper.sweep(c, options.properties(), recorded, System.out);
      ApplicationReport report = c.report(recorded.applicationId());
      if (AppWaiter.ENDED.contains(report.getYarnApplicationState())) {
        throw new IllegalStateException(recorded.applicationId() + " has ended (" + report.getYarnApplicationState()
            + "); submit a new deployment instead");
      }
      DesiredState next = c.control.update(s -> {
        if (s.stopRequested()) {
          throw new IllegalStateException(s.applicationId() + " is stopping; it cannot be resized");
        }
        DesiredState n = s;
        if (nodeMonitors != null) {
          n = n.withNodeMonitors(nodeMonitors);
        }
        if (schedulers != null) {
          n = n.withSchedulers(schedulers);
        }
        return n;
      });
      System.out.println("Resizing " + next.applicationId() + " to " + next.nodeMonitors() + " node monitors and "
          + next.schedulers() + " schedulers");
      if (waitForDaemons) {
        DaemonWaiter.await(c.curator, target.cluster(), ApplicationId.fromString(next.applicationId()),
            next.nodeMonitors(), next.schedulers(), Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(timeoutSeconds),
            AppWaiter.endedBecause(c, ApplicationId.fromString(next.applicationId())));
        System.out.println("Done: ZooKeeper shows " + next.nodeMonitors() + " node monitors and "
            + next.schedulers() + " schedulers");
      }
    }
    return 0;
  }
}
