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

@Command(name = "stop", mixinStandardHelpOptions = true,
    description = "Stop the deployment: the AM stops every container, then unregisters.")
final class StopCommand implements Callable<Integer> {

  @Mixin
  ClientOptions options;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "Kill the application if it has not finished after this long (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(names = "--kill", description = "Kill the application at once (like yarn application -kill).")
  boolean kill;

  @Override
  public Integer call() throws Exception {
    Target target = options.target();
    try (Connections c = new Connections(target.zookeeper(), target.cluster())) {
      DesiredState recorded = c.deployment();
      try {
        return stop(c, recorded);
      } finally {
        StagingSweeper.sweep(c, options.properties(), recorded, System.out);
      }
    }
  }

  private int stop(Connections c, DesiredState recorded) throws Exception {
    ApplicationId appId = ApplicationId.fromString(recorded.applicationId());
    ApplicationReport report;
    try {
      report = c.report(recorded.applicationId());
    } catch (IllegalStateException unknown) {
      if (!kill) {
        throw unknown;
      }
      removeStaging(c, recorded);
      c.control.deleteIfOwnedBy(appId.toString());
      System.out.println("Removed the stale record of " + appId + " from ZooKeeper");
      return 0;
    }
    if (AppWaiter.ENDED.contains(report.getYarnApplicationState())) {
      System.out.println(appId + " had already ended (" + report.getYarnApplicationState() + ")");
      removeStaging(c, recorded);
      c.control.deleteIfOwnedBy(appId.toString());
      return 0;
    }
    if (!kill) {
      c.control.update(DesiredState::stopped);
      System.out.println("Asked " + appId + " to stop; waiting for it to finish");
      ApplicationReport done = AppWaiter.awaitEnded(c, appId, Duration.ofSeconds(timeoutSeconds));
      if (done != null) {
        System.out.println(appId + " " + done.getYarnApplicationState() + " (" + done.getFinalApplicationStatus()
            + "): " + done.getDiagnostics());
        // The AM removes it as it unregisters; this covers an AM that could not.
        removeStaging(c, recorded);
        return 0;
      }
      System.out.println(appId + " did not finish within " + timeoutSeconds + " s; killing it");
    }
    c.yarn.killApplication(appId);
    // A killed AM cannot clean up after itself.
    AppWaiter.awaitEnded(c, appId, Duration.ofSeconds(30));
    removeStaging(c, recorded);
    c.control.deleteIfOwnedBy(appId.toString());
    System.out.println("Killed " + appId);
    return 0;
  }

  private static void removeStaging(Connections c, DesiredState recorded) {
    if (Staging.remove(c.conf, recorded.stagingDir())) {
      System.out.println("Removed the staging directory " + recorded.stagingDir());
    }
  }
}
