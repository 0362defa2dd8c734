package org.sparrow.yarn.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.sparrow.am.AmSettings;
import org.sparrow.common.MembershipListener;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.zk.ZkClusterDirectory;

/** Waits, by watching ZooKeeper, until an application's daemons have registered. */
final class DaemonWaiter {

  private static final Duration ENDED_CHECK = Duration.ofSeconds(1);

  private DaemonWaiter() {}

  /** Node monitors started by this application (they carry their container id). */
  static long nodeMonitorsOf(ZkClusterDirectory directory, ApplicationId appId) {
    return directory.nodeMonitors().snapshot().values().stream().filter(nm -> belongsTo(nm, appId)).count();
  }

  static boolean belongsTo(NodeMonitorInfo nm, ApplicationId appId) {
    String container = nm.attributes().get(AmSettings.CONTAINER_ATTRIBUTE);
    if (container == null) {
      return false;
    }
    try {
      return ContainerId.fromString(container).getApplicationAttemptId().getApplicationId().equals(appId);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * @param timeout      the whole wait, named in the error
   * @param remaining    what is left of it for this part
   * @param endedBecause why the application has ended, or null while it runs: asked every
   *                     second, so that a failed application ends the wait at once instead of
   *                     at the timeout
   */
  static void await(CuratorFramework curator, String cluster, ApplicationId appId, int nodeMonitors, int schedulers,
      Duration timeout, Duration remaining, Supplier<String> endedBecause) throws Exception {
    try (ZkClusterDirectory directory = ZkClusterDirectory.builder().client(curator).clusterName(cluster).build()) {
      directory.start();
      CompletableFuture<Void> done = new CompletableFuture<>();
      Runnable check = () -> {
        if (nodeMonitorsOf(directory, appId) == nodeMonitors
            && directory.schedulers().snapshot().size() == schedulers) {
          done.complete(null);
        }
      };
      try (AutoCloseable a = directory.nodeMonitors().addListener(listener(check));
          AutoCloseable b = directory.schedulers().addListener(listener(check))) {
        check.run();
        long deadline = System.nanoTime() + remaining.toNanos();
        while (true) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new IllegalStateException("after " + timeout.toSeconds() + " s, " + registered(directory, appId,
                nodeMonitors, schedulers) + " (see the tracking URL: sparrow yarn status)");
          }
          try {
            done.get(Math.min(left, ENDED_CHECK.toNanos()), TimeUnit.NANOSECONDS);
            return;
          } catch (TimeoutException e) {
            String why = endedBecause.get();
            if (why != null) {
              throw new IllegalStateException(appId + " ended before its daemons registered (" + registered(directory,
                  appId, nodeMonitors, schedulers) + "): " + why);
            }
          }
        }
      }
    }
  }

  private static String registered(ZkClusterDirectory directory, ApplicationId appId, int nodeMonitors, int schedulers) {
    return nodeMonitorsOf(directory, appId) + " of " + nodeMonitors + " node monitors and "
        + directory.schedulers().snapshot().size() + " of " + schedulers + " schedulers have registered in ZooKeeper";
  }

  private static <T> MembershipListener<T> listener(Runnable check) {
    return new MembershipListener<>() {
      @Override
      public void added(String id, T member) {
        check.run();
      }

      @Override
      public void removed(String id, T member) {
        check.run();
      }
    };
  }

}
