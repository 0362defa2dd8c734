package org.sparrow.nodemonitor.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PriorityReservationQueueTest {

  private final QueueFixtures f = new QueueFixtures();
  private final ReservationQueue q = QueuePolicies.defaults().create("priority", QueueConfig.DEFAULTS);

  @Test
  void priorityZeroBehindAThousandPriorityOneReservationsIsServedNext() {
    for (int i = 0; i < 1_000; i++) {
      q.offer(f.entry("bg-" + i, "batch", 1, 1));
    }
    q.offer(f.entry("fg", "web", 0, 1));

    SlotClaim next = q.poll(4);
    assertThat(next.reservation().requestId()).isEqualTo("fg");
    assertThat(q.size()).isEqualTo(1_000);
    assertThat(q.poll(4).reservation().requestId()).isEqualTo("bg-0");
  }

  @Test
  void fifoWithinAPriorityAndSmallerNumbersFirst() {
    q.offer(f.entry("a", "u", 2, 1));
    q.offer(f.entry("b", "u", 1, 2));
    q.offer(f.entry("c", "u", 1, 1));
    q.offer(f.entry("d", "u", -5, 1));

    assertThat(q.poll(1).reservation().requestId()).isEqualTo("d");
    assertThat(q.poll(1).reservation().requestId()).isEqualTo("b");
    assertThat(q.poll(1).reservation().requestId()).isEqualTo("b");
    assertThat(q.poll(1).reservation().requestId()).isEqualTo("c");
    assertThat(q.poll(1).reservation().requestId()).isEqualTo("a");
    assertThat(q.poll(1)).isNull();
  }

  @Test
  void runningLowerPriorityWorkIsNotTakenBackAndItsReleaseIsAccepted() {
    q.offer(f.entry("low", "u", 5, 2));
    SlotClaim low = q.poll(2);
    q.offer(f.entry("high", "v", 0, 1));
    // The running low-priority slots are only released by their tasks ending.
    q.released(low.entry(), 2, ReleaseReason.TASK_ENDED);
    assertThat(q.poll(1).reservation().requestId()).isEqualTo("high");
  }

  @Test
  void cancelGoesToTheRightLevelAndCountsPerUser() {
    q.offer(f.entry("a", "alice", 1, 3));
    q.offer(f.entry("b", "bob", 2, 2));
    assertThat(q.queuedByUser()).isEqualTo(Map.of("alice", 3, "bob", 2));
    assertThat(q.removeRequest("a")).isEqualTo(3);
    assertThat(q.removeRequest("a")).isZero();
    assertThat(q.size()).isEqualTo(2);
    assertThat(q.queuedByUser()).isEqualTo(Map.of("bob", 2));
  }

  @Test
  void removeAllReturnsWhatIsLeftOfEachReservation() {
    q.offer(f.entry("a", "alice", 1, 3));
    q.offer(f.entry("b", "bob", 0, 2));
    q.poll(1);  // one slot of b
    assertThat(q.removeAll()).extracting(e -> e.requestId() + "x" + e.reservation().count())
        .containsExactlyInAnyOrder("ax3", "bx1");
    assertThat(q.size()).isZero();
    assertThat(q.poll(1)).isNull();
  }
}
