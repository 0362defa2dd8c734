package org.sparrow.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;
import org.sparrow.client.Task;

/**
 * The hostile-input attacks, one test per kind, against a scheduler and a node monitor that a
 * subclass starts: in this JVM ({@link HostileInputIT}) or as separate processes with the
 * production flags ({@link HostileProcessIT}). The suite holds the frontend client that every
 * attack ends with. After each attack the subclass checks its own bound (heap, RSS) and that no
 * daemon died or stayed registered while unable to serve; every attack then checks that a job
 * still runs. The counts scale with the file descriptor limit and
 * with {@code -Dsparrow.long=true} (ten times the frames, a bigger burst).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)  // one cluster for all attacks, started by the subclass
@Timeout(value = 5, unit = TimeUnit.MINUTES)
abstract class HostileSuite {

  static final boolean LONG = Boolean.getBoolean("sparrow.long");
  /** The daemons' idle timeout under attack (short, so the suite is bounded). */
  static final long IDLE_TIMEOUT_MS = 3_000;
  static final long SEED = Long.getLong("sparrow.hostile.seed", 11);

  /** What a subclass started: the cluster's ZooKeeper and name, and the four ports under attack. */
  record Started(String connectString, String cluster, HostileTarget target) {}

  private Started started;
  private SparrowClient client;

  /**
   * Starts one scheduler and one node monitor (the one {@link Started#target} names) with the
   * idle timeout {@link #IDLE_TIMEOUT_MS}, and waits until they see each other as far as the
   * subclass can tell.
   */
  abstract Started startDaemons() throws Exception;

  /** Stops whatever {@link #startDaemons} started, also when it failed halfway. */
  abstract void stopDaemons() throws Exception;

  /** 0 crashes, 0 zombies, the subclass's memory bound. */
  abstract void assertDaemonsSoundAfterTheAttack() throws Exception;

  @BeforeAll
  void startDaemonsAndAFrontend() throws Exception {
    started = startDaemons();
    client = SparrowClient.builder().zookeeper(started.connectString()).cluster(started.cluster())
        .callbackHost("127.0.0.1").build().start();
    await().atMost(Duration.ofSeconds(30)).until(() -> client.schedulerAddresses().size() == 1);
  }

  @AfterAll
  void stopFrontendAndDaemons() throws Exception {
    try {
      if (client != null) {
        client.close();
      }
    } finally {
      stopDaemons();
    }
  }

  HostileTarget target() {
    return started.target();
  }

  @AfterEach
  void everyDaemonStillServes() throws Exception {
    assertDaemonsSoundAfterTheAttack();
    assertAJobRuns();
  }

  void assertAJobRuns() throws Exception {
    JobResult result = client.submit(Job.builder().task(Task.noop("a")).task(Task.noop("b")).build())
        .get(60, TimeUnit.SECONDS);
    assertThat(result.tasks()).hasSize(2).allSatisfy(t -> assertThat(t.state().name()).isEqualTo("SUCCEEDED"));
  }

  @Test
  @Order(1)
  void malformedFramesOnEveryPort() throws Exception {
    FrameAttacks.malformedFrames(target(), LONG ? 100_000 : 10_000, SEED);
  }

  @Test
  @Order(2)
  void framesJustUnderTheLimitInParallel() throws Exception {
    FrameAttacks.framesJustUnderTheLimit(target());
  }

  @Test
  @Order(3)
  void containerCountAmplification() throws Exception {
    FrameAttacks.containerCountAmplification(target());
  }

  @Test
  @Order(4)
  void connectionBurstDoesNotOrphanEstablishedConnections() throws Exception {
    ConnectionAttacks.burstBesideEstablishedConnections(target(), Sockets.fitToFdLimit(LONG ? 6_000 : 3_000),
        IDLE_TIMEOUT_MS);
  }

  @Test
  @Order(5)
  void idleConnectionsDoNotStopJobs() throws Exception {
    ConnectionAttacks.idleConnections(target(), Sockets.fitToFdLimit(LONG ? 5_000 : 2_000), IDLE_TIMEOUT_MS,
        this::assertAJobRuns);
  }

  @Test
  @Order(6)
  void slowlorisConnectionsAreClosed() throws Exception {
    ConnectionAttacks.slowloris(target(), LONG ? 1_000 : 200, IDLE_TIMEOUT_MS);
  }
}
