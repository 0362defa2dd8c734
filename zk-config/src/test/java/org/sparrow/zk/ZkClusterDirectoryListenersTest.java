package org.sparrow.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sparrow.zk.ZkTestSupport.scheduler;
import static org.sparrow.zk.ZkTestSupport.uniqueCluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sparrow.common.ClusterSettings;
import org.sparrow.common.MembershipListener;
import org.sparrow.common.SchedulerInfo;

/**
 * What a directory's listeners hear, on a real (embedded) ZooKeeper: a listener that throws
 * costs the others nothing, a fatal error goes to the directory's fatal path, a removed
 * listener hears nothing more.
 */
class ZkClusterDirectoryListenersTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  static final ZkFixture ZK = new ZkFixture();

  /** A membership listener that runs {@code onAdded} (which throws, here) for every member added. */
  private static MembershipListener<SchedulerInfo> onAdded(Runnable onAdded) {
    return new MembershipListener<>() {
      @Override
      public void added(String id, SchedulerInfo member) {
        onAdded.run();
      }

      @Override
      public void removed(String id, SchedulerInfo member) {}
    };
  }

  @Test
  void aFailingListenerDoesNotStopTheOthers() {
    ZkClusterDirectory dir = ZK.directory(uniqueCluster("listeners"));
    RecordingListener<SchedulerInfo> healthy = new RecordingListener<>();
    dir.schedulers().addListener(onAdded(() -> {
      throw new IllegalStateException("listener bug");
    }));
    dir.schedulers().addListener(healthy);
    dir.register(scheduler("10.0.5.1", 20503));
    await().atMost(WAIT).until(() -> healthy.events.contains("added:10.0.5.1:20503"));
  }

  @Test
  void aFatalErrorInAListenerGoesToTheDirectorysFatalPathAndTheOthersStillHear() throws Exception {
    List<Throwable> fatal = new CopyOnWriteArrayList<>();
    ZkClusterDirectory dir = ZK.directory(uniqueCluster("fatal"), b -> b.fatalPath(fatal::add));
    RecordingListener<SchedulerInfo> healthy = new RecordingListener<>();
    dir.schedulers().addListener(onAdded(() -> {
      throw new OutOfMemoryError("injected in a membership listener");
    }));
    dir.schedulers().addListener(healthy);
    List<ClusterSettings> heard = new CopyOnWriteArrayList<>();
    dir.addSettingsListener(settings -> {
      throw new OutOfMemoryError("injected in a settings listener");
    });
    dir.addSettingsListener(heard::add);
    ZK.closeAfterTheTest(dir.watchSchedulerDrain("10.0.6.1:20503", ms -> {
      throw new OutOfMemoryError("injected in a drain listener");
    }));

    dir.register(scheduler("10.0.6.1", 20503));
    dir.writeSettings(ClusterSettings.defaults().withPlacement(4.0, ClusterSettings.defaults().policy()));
    dir.client().create().creatingParentsIfNeeded().forPath(dir.paths().drainScheduler("10.0.6.1:20503"), new byte[0]);

    await().atMost(WAIT).until(() -> fatal.size() == 3);
    assertThat(fatal).extracting(Throwable::getMessage).containsExactlyInAnyOrder(
        "injected in a membership listener", "injected in a settings listener", "injected in a drain listener");
    assertThat(healthy.events).contains("added:10.0.6.1:20503");
    assertThat(heard).isNotEmpty();
  }

  @Test
  void removedListenersHearNothingMore() throws Exception {
    ZkClusterDirectory dir = ZK.directory(uniqueCluster("unlisten"));
    RecordingListener<SchedulerInfo> gone = new RecordingListener<>();
    RecordingListener<SchedulerInfo> stays = new RecordingListener<>();
    dir.schedulers().addListener(gone).close();
    dir.schedulers().addListener(stays);
    dir.register(scheduler("10.0.5.2", 20503));
    await().atMost(WAIT).until(() -> stays.events.size() == 1);
    assertThat(gone.events).isEmpty();
  }
}
