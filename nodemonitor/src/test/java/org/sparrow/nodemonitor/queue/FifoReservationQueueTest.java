package org.sparrow.nodemonitor.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.sparrow.common.UserInfo;

class FifoReservationQueueTest {

  private static final HostPort SCHEDULER = new HostPort("127.0.0.1", 1);
  private long seq;

  private QueuedReservation entry(String requestId, int count) {
    return new QueuedReservation(Reservation.lateBinding(requestId, "app", UserInfo.ANONYMOUS,
        SCHEDULER, count, "nm"), 0, seq++);
  }

  @Test
  void servesInArrivalOrderAndCountsSlots() {
    FifoReservationQueue q = new FifoReservationQueue();
    q.offer(entry("a", 2));
    q.offer(entry("b", 1));
    q.offer(entry("c", 3));
    assertThat(q.size()).isEqualTo(6);

    SlotClaim first = q.poll(1);
    assertThat(first.reservation().requestId()).isEqualTo("a");
    assertThat(first.firstSlot()).isZero();
    assertThat(first.slots()).isEqualTo(1);

    SlotClaim rest = q.poll(5);  // never more than the head reservation holds
    assertThat(rest.reservation().requestId()).isEqualTo("a");
    assertThat(rest.firstSlot()).isEqualTo(1);
    assertThat(rest.slots()).isEqualTo(1);

    assertThat(q.poll(4).reservation().requestId()).isEqualTo("b");
    SlotClaim c = q.poll(2);
    assertThat(c.reservation().requestId()).isEqualTo("c");
    assertThat(c.slots()).isEqualTo(2);
    assertThat(q.size()).isEqualTo(1);
    assertThat(q.poll(2).slots()).isEqualTo(1);
    assertThat(q.poll(1)).isNull();
    assertThat(q.isEmpty()).isTrue();
  }

  @Test
  void removeRequestRemovesEveryQueuedSlotOfThatRequest() {
    FifoReservationQueue q = new FifoReservationQueue();
    q.offer(entry("a", 3));
    q.offer(entry("b", 1));
    q.offer(entry("a", 2));
    q.poll(1);  // one slot of the first "a" is claimed already

    // A distinct String instance: the original compared with == and removed nothing.
    int removed = q.removeRequest(new String("a"));

    assertThat(removed).isEqualTo(4);
    assertThat(q.size()).isEqualTo(1);
    assertThat(q.poll(5).reservation().requestId()).isEqualTo("b");
    assertThat(q.removeRequest("a")).isZero();
  }

  @Test
  void removedEntriesAreSkippedAndARequestCanBeQueuedAgainAfterRemoval() {
    FifoReservationQueue q = new FifoReservationQueue();
    q.offer(entry("a", 1));
    q.offer(entry("b", 2));
    q.offer(entry("c", 1));
    q.offer(entry("b", 1));

    assertThat(q.removeRequest("b")).isEqualTo(3);
    q.offer(entry("b", 1));  // e.g. a new job that reuses nothing but arrives later

    assertThat(q.size()).isEqualTo(3);
    assertThat(q.poll(4).reservation().requestId()).isEqualTo("a");
    assertThat(q.poll(4).reservation().requestId()).isEqualTo("c");
    SlotClaim b = q.poll(4);
    assertThat(b.reservation().requestId()).isEqualTo("b");
    assertThat(b.slots()).isEqualTo(1);
    assertThat(q.poll(1)).isNull();
    assertThat(q.removeRequest("b")).isZero();
    assertThat(q.size()).isZero();
  }

  @Test
  void removingARequestWhoseOlderEntryWasServedRemovesOnlyWhatIsLeft() {
    FifoReservationQueue q = new FifoReservationQueue();
    q.offer(entry("a", 1));
    q.offer(entry("x", 1));
    q.offer(entry("a", 2));
    assertThat(q.poll(1).reservation().requestId()).isEqualTo("a");

    assertThat(q.removeRequest("a")).isEqualTo(2);
    assertThat(q.size()).isEqualTo(1);
    assertThat(q.poll(1).reservation().requestId()).isEqualTo("x");
    assertThat(q.poll(1)).isNull();
  }

  @Test
  void manyCancelledEntriesBehindABusyHeadKeepOrderAndCounts() {
    FifoReservationQueue q = new FifoReservationQueue();
    q.offer(entry("first", 1));
    for (int i = 0; i < 500; i++) {
      q.offer(entry("job-" + i, 2));
      if (i % 5 != 0) {
        assertThat(q.removeRequest("job-" + i)).isEqualTo(2);
      }
    }
    assertThat(q.size()).isEqualTo(1 + 100 * 2);

    assertThat(q.poll(1).reservation().requestId()).isEqualTo("first");
    for (int i = 0; i < 500; i += 5) {
      SlotClaim claim = q.poll(4);
      assertThat(claim.reservation().requestId()).isEqualTo("job-" + i);
      assertThat(claim.slots()).isEqualTo(2);
    }
    assertThat(q.poll(1)).isNull();
    assertThat(q.size()).isZero();
  }

  @Test
  void registryCreatesFifoAndListsValidNamesForUnknownOnes() {
    QueuePolicies policies = QueuePolicies.defaults();
    assertThat(policies.create("fifo", QueueConfig.DEFAULTS)).isInstanceOf(FifoReservationQueue.class);
    assertThat(policies.create("fifo", null)).isNotSameAs(policies.create("fifo", null));
    assertThatThrownBy(() -> QueuePolicies.defaults().get("lifo"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'lifo'")
        .hasMessageContaining("valid policies: fifo, priority, weighted-fair, priority-weighted-fair, priority-nonpreemptive");
    assertThatThrownBy(() -> QueuePolicies.defaults().get(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
