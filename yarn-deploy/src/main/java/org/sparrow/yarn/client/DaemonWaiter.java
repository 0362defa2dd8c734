package org.sparrow.yarn.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.sparrow.am.AmSettings;
import org.sparrow.common.MembershipListener;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.zk.ZkClusterDirectory;

/** Waits, by watching ZooKeeper, until an application's daemons have registered. */
final class DaemonWaiter {

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
   * @param timeout   the whole wait, named in the error
   * @param remaining what is left of it for this part
   */
  static void await(CuratorFramework curator, String cluster, ApplicationId appId, int nodeMonitors, int schedulers,
      Duration timeout, Duration remaining) throws Exception {
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
        done.get(remaining.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw new IllegalStateException("after " + timeout.toSeconds() + " s, " + nodeMonitorsOf(directory, appId)
            + " of " + nodeMonitors + " node monitors and " + directory.schedulers().snapshot().size() + " of "
            + schedulers + " schedulers have registered in ZooKeeper (see the tracking URL: sparrow yarn status)");
      }
    }
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
