package org.sparrow.yarn.client;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;

/**
 * Waits for application states. YARN offers no push notification to clients, so this asks the
 * ResourceManager a few times a second, bounded by the timeout.
 */
final class AppWaiter {

  static final Set<YarnApplicationState> ENDED =
      EnumSet.of(YarnApplicationState.FINISHED, YarnApplicationState.FAILED, YarnApplicationState.KILLED);
  private static final long POLL_MS = 250;

  private AppWaiter() {}

  static ApplicationReport awaitRunning(Connections c, ApplicationId appId, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      ApplicationReport r = c.yarn.getApplicationReport(appId);
      if (r.getYarnApplicationState() == YarnApplicationState.RUNNING) {
        return r;
      }
      if (ENDED.contains(r.getYarnApplicationState())) {
        throw new IllegalStateException(appId + " ended (" + r.getYarnApplicationState() + ", "
            + r.getFinalApplicationStatus() + ") before running: " + r.getDiagnostics());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(appId + " is still " + r.getYarnApplicationState() + " after "
            + timeout.toSeconds() + " s (is the queue full? diagnostics: " + r.getDiagnostics() + ")");
      }
      Thread.sleep(POLL_MS);
    }
  }

  /**
   * Why the application has ended ("FAILED (FAILED): diagnostics"), or null while it has not or
   * the ResourceManager cannot say now: for waits that should not outlast the application.
   */
  static java.util.function.Supplier<String> endedBecause(Connections c, ApplicationId appId) {
    return () -> {
      try {
        ApplicationReport r = c.yarn.getApplicationReport(appId);
        if (!ENDED.contains(r.getYarnApplicationState())) {
          return null;
        }
        String diagnostics = r.getDiagnostics() == null ? "" : r.getDiagnostics().strip();
        return r.getYarnApplicationState() + " (" + r.getFinalApplicationStatus() + ")"
            + (diagnostics.isEmpty() ? "" : ": " + diagnostics);
      } catch (Exception e) {
        return null;
      }
    };
  }

  /** The final report, or null if the application is still running at the deadline. */
  static ApplicationReport awaitEnded(Connections c, ApplicationId appId, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      ApplicationReport r = c.yarn.getApplicationReport(appId);
      if (ENDED.contains(r.getYarnApplicationState())) {
        return r;
      }
      if (System.nanoTime() > deadline) {
        return null;
      }
      Thread.sleep(POLL_MS);
    }
  }
}
