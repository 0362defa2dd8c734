package org.sparrow.zk;

import org.sparrow.common.ApplicationMasterInfo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.sparrow.zk.ZkTestSupport.expireSession;
import static org.sparrow.zk.ZkTestSupport.nodeMonitor;
import static org.sparrow.zk.ZkTestSupport.scheduler;
import static org.sparrow.zk.ZkTestSupport.uniqueCluster;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sparrow.common.ClusterSettings;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.Registration;
import org.sparrow.common.SchedulerInfo;

/**
 * Membership, registration and settings against a real (embedded) ZooKeeper over loopback
 * (what listeners hear when they fail: {@link ZkClusterDirectoryListenersTest}).
 */
class ZkClusterDirectoryTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  static final ZkFixture ZK = new ZkFixture();

  private static ZkClusterDirectory directory(String cluster) {
    return ZK.directory(cluster);
  }

  @Test
  void theApplicationMastersEntryIsReadableWhileItIsRegistered() throws Exception {
    ZkClusterDirectory am = directory("with-am");
    ZkClusterDirectory reader = directory("with-am");
    assertThat(reader.applicationMaster()).isEmpty();
    ApplicationMasterInfo info = new ApplicationMasterInfo("appattempt_1_0001_000001", "127.0.0.1", 8088);
    org.sparrow.common.Registration<ApplicationMasterInfo> registration = am.register(info);
    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> reader.applicationMaster().isPresent());
    assertThat(reader.applicationMaster()).contains(info);
    registration.close();
    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> reader.applicationMaster().isEmpty());
  }

  @Test
  void anotherInstanceSeesRegistrationsAndTheirRemoval() {
    String cluster = uniqueCluster("see");
    ZkClusterDirectory announcer = directory(cluster);
    ZkClusterDirectory observer = directory(cluster);
    RecordingListener<NodeMonitorInfo> nmEvents = new RecordingListener<>();
    RecordingListener<SchedulerInfo> schedEvents = new RecordingListener<>();
    observer.nodeMonitors().addListener(nmEvents);
    observer.schedulers().addListener(schedEvents);

    NodeMonitorInfo nm = nodeMonitor("10.0.0.1", 20502);
    SchedulerInfo sched = scheduler("10.0.0.2", 20503);
    Registration<NodeMonitorInfo> nmReg = announcer.register(nm);
    Registration<SchedulerInfo> schedReg = announcer.register(sched);

    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(observer.nodeMonitors().snapshot()).containsExactlyEntriesOf(java.util.Map.of(nm.id(), nm));
      assertThat(observer.schedulers().snapshot()).containsExactlyEntriesOf(java.util.Map.of(sched.id(), sched));
    });
    assertThat(nmEvents.events).containsExactly("added:10.0.0.1:20502");
    assertThat(schedEvents.events).containsExactly("added:10.0.0.2:20503");

    nmReg.close();
    schedReg.close();
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(observer.nodeMonitors().snapshot()).isEmpty();
      assertThat(observer.schedulers().snapshot()).isEmpty();
    });
    assertThat(nmEvents.events).containsExactly("added:10.0.0.1:20502", "removed:10.0.0.1:20502");
    assertThat(schedEvents.events).containsExactly("added:10.0.0.2:20503", "removed:10.0.0.2:20503");
    nmReg.close(); // idempotent
  }

  @Test
  void aFreshlyStartedDirectorySeesExistingMembersAtOnce() {
    String cluster = uniqueCluster("fresh");
    ZkClusterDirectory announcer = directory(cluster);
    for (int i = 0; i < 20; i++) {
      announcer.register(nodeMonitor("10.0.1." + i, 20502));
    }
    announcer.register(scheduler("10.0.2.1", 20503));

    ZkClusterDirectory late = directory(cluster); // start() waits for the initial load

    assertThat(late.nodeMonitors().snapshot()).hasSize(20);
    assertThat(late.schedulers().snapshot()).containsOnlyKeys("10.0.2.1:20503");
    assertThat(late.nodeMonitors().snapshot()).isSameAs(late.nodeMonitors().snapshot());
  }

  @Test
  void updateIsObservedAsAnUpdate() {
    String cluster = uniqueCluster("update");
    ZkClusterDirectory announcer = directory(cluster);
    ZkClusterDirectory observer = directory(cluster);
    RecordingListener<NodeMonitorInfo> events = new RecordingListener<>();
    observer.nodeMonitors().addListener(events);

    NodeMonitorInfo nm = nodeMonitor("10.0.0.3", 20502);
    Registration<NodeMonitorInfo> reg = announcer.register(nm);
    await().atMost(WAIT).until(() -> observer.nodeMonitors().snapshot().containsKey(nm.id()));

    NodeMonitorInfo withApps = nm.withBackendApps(Set.of("app", "spark"));
    reg.update(withApps);

    await().atMost(WAIT).untilAsserted(() ->
        assertThat(observer.nodeMonitors().snapshot().get(nm.id())).isEqualTo(withApps));
    assertThat(events.events).containsExactly("added:" + nm.id(), "updated:" + nm.id());
    assertThat(events.last).isEqualTo(withApps);

    assertThatThrownBy(() -> reg.update(nodeMonitor("10.0.0.4", 20502)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot change its id");
    reg.close();
    assertThatThrownBy(() -> reg.update(withApps)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closingTheRegisteringClientRemovesItsMembers() throws Exception {
    String cluster = uniqueCluster("death");
    ZkClusterDirectory observer = directory(cluster);
    CuratorFramework processClient = ZK.client();
    ZkClusterDirectory process = ZK.start(ZkClusterDirectory.builder().client(processClient).clusterName(cluster).build());
    NodeMonitorInfo nm = nodeMonitor("10.0.0.5", 20502);
    process.register(nm);
    await().atMost(WAIT).until(() -> observer.nodeMonitors().snapshot().containsKey(nm.id()));

    processClient.close(); // the process goes away without withdrawing anything

    await().atMost(WAIT).until(() -> observer.nodeMonitors().snapshot().isEmpty());
    process.close(); // must not throw although its client is gone
  }

  @Test
  void afterSessionExpiryTheRegistrationIsRecreated() throws Exception {
    String cluster = uniqueCluster("expiry");
    ZkClusterDirectory observer = directory(cluster);
    ZkClusterDirectory process = directory(cluster);
    RecordingListener<NodeMonitorInfo> events = new RecordingListener<>();
    observer.nodeMonitors().addListener(events);
    NodeMonitorInfo nm = nodeMonitor("10.0.0.6", 20502);
    Registration<NodeMonitorInfo> reg = process.register(nm);
    await().atMost(WAIT).until(() -> observer.nodeMonitors().snapshot().containsKey(nm.id()));
    long oldSession = process.client().getZookeeperClient().getZooKeeper().getSessionId();

    expireSession(process.client(), ZK.connectString());

    String id = nm.id();
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(events.events).containsSubsequence("added:" + id, "removed:" + id, "added:" + id);
      assertThat(observer.nodeMonitors().snapshot()).containsKey(id);
    });
    Stat stat = observer.client().checkExists().forPath(process.paths().nodeMonitorPath(id));
    long newSession = process.client().getZookeeperClient().getZooKeeper().getSessionId();
    assertThat(newSession).isNotEqualTo(oldSession);
    assertThat(stat.getEphemeralOwner()).isEqualTo(newSession);

    // The re-created registration is still the live one: updates and close keep working.
    NodeMonitorInfo updated = nm.withBackendApps(Set.of("later"));
    reg.update(updated);
    await().atMost(WAIT).until(() -> updated.equals(observer.nodeMonitors().snapshot().get(id)));
    reg.close();
    await().atMost(WAIT).until(() -> observer.nodeMonitors().snapshot().isEmpty());
  }

  @Test
  void aNewProcessTakesOverTheIdOfAnOldSession() {
    String cluster = uniqueCluster("takeover");
    ZkClusterDirectory observer = directory(cluster);
    CuratorFramework oldClient = ZK.client();
    ZkClusterDirectory oldProcess = ZK.start(ZkClusterDirectory.builder().client(oldClient).clusterName(cluster).build());
    ZkClusterDirectory newProcess = directory(cluster);

    NodeMonitorInfo before = nodeMonitor("10.0.0.7", 20502);
    NodeMonitorInfo after = before.withBackendApps(Set.of("restarted"));
    oldProcess.register(before);
    newProcess.register(after); // znode still held by the old session: taken over

    await().atMost(WAIT).until(() -> after.equals(observer.nodeMonitors().snapshot().get(before.id())));
    oldClient.close(); // old session ends and its znode with it; the new process re-creates it
    await().atMost(WAIT).untilAsserted(() -> {
      Stat stat = observer.client().checkExists().forPath(observer.paths().nodeMonitorPath(before.id()));
      assertThat(stat).isNotNull();
      assertThat(stat.getEphemeralOwner())
          .isEqualTo(newProcess.client().getZookeeperClient().getZooKeeper().getSessionId());
      assertThat(observer.nodeMonitors().snapshot().get(before.id())).isEqualTo(after);
    });
  }

  @Test
  void registeringTheSameIdTwiceInOneDirectoryIsRefused() {
    ZkClusterDirectory dir = directory(uniqueCluster("twice"));
    NodeMonitorInfo nm = nodeMonitor("10.0.0.8", 20502);
    Registration<NodeMonitorInfo> first = dir.register(nm);
    assertThatThrownBy(() -> dir.register(nm))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already registered");
    first.close();
    dir.register(nm).close(); // allowed again once the first one is closed
  }

  @Test
  void clustersOnOneZooKeeperDoNotSeeEachOther() {
    ZkClusterDirectory red = directory(uniqueCluster("red"));
    ZkClusterDirectory blue = directory(uniqueCluster("blue"));
    ZkClusterDirectory redObserver = directory(red.clusterName());
    red.register(nodeMonitor("10.0.3.1", 20502));
    blue.register(nodeMonitor("10.0.3.2", 20502));
    blue.writeSettings(new ClusterSettings(5.0, "blue-policy"));

    await().atMost(WAIT).until(() -> blue.nodeMonitors().snapshot().containsKey("10.0.3.2:20502"));
    await().atMost(WAIT).until(() -> redObserver.nodeMonitors().snapshot().containsKey("10.0.3.1:20502"));
    assertThat(redObserver.nodeMonitors().snapshot()).containsOnlyKeys("10.0.3.1:20502");
    assertThat(blue.nodeMonitors().snapshot()).containsOnlyKeys("10.0.3.2:20502");
    assertThat(red.settings()).isEqualTo(ClusterSettings.defaults());
  }

  @Test
  void settingsDefaultWhenAbsentAndChangesAreWatched() throws Exception {
    String cluster = uniqueCluster("settings");
    ZkClusterDirectory writer = directory(cluster);
    ZkClusterDirectory reader = directory(cluster);
    List<ClusterSettings> seen = new CopyOnWriteArrayList<>();
    reader.addSettingsListener(seen::add);
    assertThat(reader.settings()).isEqualTo(ClusterSettings.defaults());

    ClusterSettings first = new ClusterSettings(3.0, "batch-late-binding");
    writer.writeSettings(first);
    assertThat(writer.settings()).isEqualTo(first); // read-your-writes
    await().atMost(WAIT).until(() -> first.equals(reader.settings()));

    ClusterSettings second = new ClusterSettings(1.5, "random");
    reader.writeSettings(second); // overwrite an existing znode
    await().atMost(WAIT).until(() -> second.equals(writer.settings()));
    assertThat(seen).containsExactly(first, second);

    ZkClusterDirectory late = directory(cluster);
    assertThat(late.settings()).isEqualTo(second); // loaded by start()

    // Malformed settings are ignored: the last good value stays. Events of one client arrive in
    // ZooKeeper's order, so once a later change is seen the malformed write has been handled.
    reader.client().setData().forPath(reader.paths().settingsPath(), "{\"probeRatio\":0}".getBytes(UTF_8));
    writer.register(scheduler("10.0.7.1", 20503));
    await().atMost(WAIT).until(() -> reader.schedulers().snapshot().containsKey("10.0.7.1:20503"));
    assertThat(reader.settings()).isEqualTo(second);

    reader.client().delete().forPath(reader.paths().settingsPath());
    await().atMost(WAIT).until(() -> ClusterSettings.defaults().equals(writer.settings()));
  }

  @Test
  void malformedMembersAreSkippedAndOthersStayVisible() throws Exception {
    String cluster = uniqueCluster("malformed");
    ZkClusterDirectory dir = directory(cluster);
    CuratorFramework raw = dir.client();
    ZkPaths paths = dir.paths();
    NodeMonitorInfo good = nodeMonitor("10.0.4.1", 20502);
    dir.register(good);
    raw.create().withMode(CreateMode.EPHEMERAL).forPath(paths.nodeMonitorPath("garbage:1"), "not json".getBytes(UTF_8));
    raw.create().withMode(CreateMode.EPHEMERAL).forPath(paths.nodeMonitorPath("wrong-name:1"), MemberCodec.encode(good));
    raw.create().withMode(CreateMode.EPHEMERAL).forPath(paths.nodeMonitorPath("no-slots:1"),
        "{\"id\":\"no-slots:1\",\"host\":\"h\",\"slots\":0}".getBytes(UTF_8));

    ZkClusterDirectory observer = directory(cluster);
    RecordingListener<NodeMonitorInfo> events = new RecordingListener<>();
    observer.nodeMonitors().addListener(events);
    assertThat(observer.nodeMonitors().snapshot()).containsOnlyKeys(good.id());

    // Repairing the data makes the member appear; breaking it again makes it disappear.
    NodeMonitorInfo repaired = nodeMonitor("garbage", 1);
    raw.setData().forPath(paths.nodeMonitorPath("garbage:1"), MemberCodec.encode(repaired));
    await().atMost(WAIT).until(() -> observer.nodeMonitors().snapshot().containsKey("garbage:1"));
    raw.setData().forPath(paths.nodeMonitorPath("garbage:1"), "{".getBytes(UTF_8));
    await().atMost(WAIT).until(() -> !observer.nodeMonitors().snapshot().containsKey("garbage:1"));
    assertThat(events.events).containsExactly("added:garbage:1", "removed:garbage:1");
    assertThat(observer.nodeMonitors().snapshot()).containsOnlyKeys(good.id());
  }

  @Test
  void closeIsIdempotentAndWithdrawsRegistrations() {
    String cluster = uniqueCluster("close");
    ZkClusterDirectory observer = directory(cluster);
    ZkClusterDirectory dir = directory(cluster);
    dir.register(nodeMonitor("10.0.6.1", 20502));
    await().atMost(WAIT).until(() -> observer.nodeMonitors().snapshot().size() == 1);
    dir.close();
    dir.close();
    assertThat(dir.nodeMonitors().snapshot()).isEmpty();
    await().atMost(WAIT).until(() -> observer.nodeMonitors().snapshot().isEmpty());
    assertThatThrownBy(() -> dir.register(nodeMonitor("10.0.6.2", 20502)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("CLOSED");
  }
}
