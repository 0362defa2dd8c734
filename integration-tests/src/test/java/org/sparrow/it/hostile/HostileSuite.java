package org.sparrow.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;
import org.sparrow.client.Task;

/**
 * The hostile-input attacks, one test per kind, against a scheduler and a node monitor that a
 * subclass provides: in this JVM ({@link HostileInputIT}) or as separate processes with the
 * production flags ({@link HostileProcessIT}). After each attack the subclass checks its own
 * bound (heap, RSS) and that no daemon died or stayed registered while unable to serve; every
 * attack then checks that a job still runs. The counts scale with the file descriptor limit and
 * with {@code -Dsparrow.long=true} (ten times the frames, a bigger burst).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
abstract class HostileSuite {

  static final boolean LONG = Boolean.getBoolean("sparrow.long");
  /** The daemons' idle timeout under attack (short, so the suite is bounded). */
  static final long IDLE_TIMEOUT_MS = 3_000;
  static final long SEED = Long.getLong("sparrow.hostile.seed", 11);

  abstract HostileTarget target();

  abstract SparrowClient client();

  /** 0 crashes, 0 zombies, the subclass's memory bound. */
  abstract void assertDaemonsSoundAfterTheAttack() throws Exception;

  @AfterEach
  void everyDaemonStillServes() throws Exception {
    assertDaemonsSoundAfterTheAttack();
    assertAJobRuns();
  }

  void assertAJobRuns() throws Exception {
    JobResult result = client().submit(Job.builder().task(Task.noop("a")).task(Task.noop("b")).build())
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
