package org.sparrow.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.sparrow.common.Lifecycle;
import org.sparrow.common.thrift.ThriftServer;
import org.sparrow.local.LocalCluster;
import org.sparrow.nodemonitor.NodeMonitorDaemon;
import org.sparrow.scheduler.SchedulerDaemon;

/**
 * {@link HostileSuite}'s attacks on a scheduler and a node monitor in this JVM (failsafe's
 * "hostile" execution gives it a 384 MB heap): after each, both daemons are STARTED, the node
 * monitor is still registered, and the heap after a GC is below 3/4 of its maximum.
 */
class HostileInputIT extends HostileSuite {

  private String previousIdle;
  private LocalCluster cluster;
  private SchedulerDaemon scheduler;
  private NodeMonitorDaemon nodeMonitor;

  @Override
  Started startDaemons() throws Exception {
    previousIdle = System.setProperty(ThriftServer.IDLE_TIMEOUT_PROPERTY, Long.toString(IDLE_TIMEOUT_MS));
    cluster = LocalCluster.builder().nodeMonitors(1).slots(2).schedulers(1).zkPort(0)
        .clusterName("hostile").build().start();
    scheduler = cluster.schedulers().get(0);
    nodeMonitor = cluster.nodeMonitors().get(0);
    await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.knownNodeMonitors().size() == 1);
    return new Started(cluster.connectString(), "hostile", new HostileTarget(scheduler.address(),
        scheduler.internalAddress(), nodeMonitor.backendAddress(), nodeMonitor.internalAddress(),
        ThriftServer.DEFAULT_MAX_FRAME_BYTES, ThriftServer.DEFAULT_MAX_FRAME_BYTES));
  }

  @Override
  void stopDaemons() {
    if (cluster != null) {
      cluster.close();
    }
    if (previousIdle == null) {
      System.clearProperty(ThriftServer.IDLE_TIMEOUT_PROPERTY);
    } else {
      System.setProperty(ThriftServer.IDLE_TIMEOUT_PROPERTY, previousIdle);
    }
  }

  @Override
  void assertDaemonsSoundAfterTheAttack() {
    assertThat(scheduler.state()).isEqualTo(Lifecycle.State.STARTED);
    assertThat(nodeMonitor.state()).isEqualTo(Lifecycle.State.STARTED);
    assertThat(scheduler.knownNodeMonitors()).as("the node monitor is still registered")
        .containsExactly(nodeMonitor.id());
    System.gc();
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long max = Runtime.getRuntime().maxMemory();
    assertThat(used).as("heap after the attack (max %d)", max).isLessThan(max * 3 / 4);
  }
}
