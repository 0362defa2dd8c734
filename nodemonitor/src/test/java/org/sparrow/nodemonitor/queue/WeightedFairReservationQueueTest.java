package org.sparrow.nodemonitor.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightedFairReservationQueueTest {

  private final QueueFixtures f = new QueueFixtures();
  private final QueueConfig weights = new QueueConfig(Map.of("alice", 3, "bob", 1), 1);
  private final WeightedFairReservationQueue q = new WeightedFairReservationQueue(weights);

  @Test
  void slotsFollowTheWeightsWhenBothUsersHaveWork() {
    for (int i = 0; i < 20; i++) {
      q.offer(f.entry("a" + i, "alice", 0, 1));
      q.offer(f.entry("b" + i, "bob", 0, 1));
    }
    for (int slot = 0; slot < 8; slot++) {
      q.poll(1);
    }
    assertThat(q.inUseByUser()).isEqualTo(Map.of("alice", 6, "bob", 2));
  }

  @Test
  void aUserAloneGetsEverySlotAndFifoWithinAUser() {
    q.offer(f.entry("b1", "bob", 0, 2));
    q.offer(f.entry("b2", "bob", 0, 2));
    SlotClaim first = q.poll(4);
    assertThat(first.reservation().requestId()).isEqualTo("b1");
    assertThat(first.slots()).isEqualTo(2);  // work-conserving: no one else is waiting
    assertThat(q.poll(4).reservation().requestId()).isEqualTo("b2");
    assertThat(q.inUseByUser()).isEqualTo(Map.of("bob", 4));
  }

  @Test
  void aReleasedUnusedSlotIsCreditedBackToItsUser() {
    q.offer(f.entry("a1", "alice", 0, 1));
    q.offer(f.entry("b1", "bob", 0, 1));
    q.offer(f.entry("b2", "bob", 0, 1));
    q.offer(f.entry("a2", "alice", 0, 1));
    SlotClaim a1 = q.poll(1);  // tie at 0 in use: the oldest reservation (alice)
    assertThat(a1.reservation().requestId()).isEqualTo("a1");
    SlotClaim b1 = q.poll(1);
    assertThat(b1.reservation().requestId()).isEqualTo("b1");
    // bob's fetch found no task (its job was placed elsewhere): the slot is bob's no more.
    q.released(b1.entry(), 1, ReleaseReason.UNUSED);
    assertThat(q.inUseByUser()).isEqualTo(Map.of("alice", 1));
    // bob, at 0 of weight 1, is now further below its share than alice at 1 of 3.
    assertThat(q.poll(1).reservation().requestId()).isEqualTo("b2");
  }

  @Test
  void runningTasksCountSoANewcomerIsServedFirst() {
    q.offer(f.entry("a", "alice", 0, 4));
    q.poll(4);  // alice alone holds all four slots
    q.offer(f.entry("a2", "alice", 0, 1));
    q.offer(f.entry("c", "carol", 0, 1));  // default weight 1, nothing in use
    assertThat(q.poll(1).reservation().requestId()).isEqualTo("c");
    assertThat(q.inUseByUser()).isEqualTo(Map.of("alice", 4, "carol", 1));
  }

  @Test
  void releasingMoreThanAUserHoldsFailsLoudly() {
    q.offer(f.entry("a", "alice", 0, 1));
    SlotClaim c = q.poll(1);
    assertThatThrownBy(() -> q.released(c.entry(), 2, ReleaseReason.TASK_ENDED))
        .isInstanceOf(IllegalStateException.class);
  }

  /** Seeded: random arrivals and task ends on 4 slots keep the long-run split at the weights. */
  @Test
  void longRunShareMatchesWeightsUnderRandomTaskEnds() {
    Random random = new Random(42);
    Deque<SlotClaim> running = new ArrayDeque<>();
    Map<String, Integer> served = new HashMap<>();
    int n = 0;
    for (int step = 0; step < 20_000; step++) {
      while (q.queuedByUser().getOrDefault("alice", 0) < 8) {
        q.offer(f.entry("a" + n++, "alice", 0, 1 + random.nextInt(3)));
      }
      while (q.queuedByUser().getOrDefault("bob", 0) < 8) {
        q.offer(f.entry("b" + n++, "bob", 0, 1 + random.nextInt(3)));
      }
      while (running.size() < 4) {
        SlotClaim c = q.poll(1);
        running.add(c);
        served.merge(c.entry().userName(), 1, Integer::sum);
      }
      // A random running task ends.
      SlotClaim done = running.stream().skip(random.nextInt(running.size())).findFirst().orElseThrow();
      running.remove(done);
      q.released(done.entry(), 1, ReleaseReason.TASK_ENDED);
    }
    double aliceShare = served.get("alice") / (double) (served.get("alice") + served.get("bob"));
    assertThat(aliceShare).isBetween(0.72, 0.78);
  }
}
