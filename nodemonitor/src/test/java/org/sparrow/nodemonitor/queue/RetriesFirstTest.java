package org.sparrow.nodemonitor.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reservations placed for a retried task go ahead of ordinary ones in every queue policy:
 * ahead of everything of their priority (fifo, priority), and within their user where the
 * policy shares by user (weighted-fair), never ahead of a smaller priority number or across
 * users' shares.
 */
class RetriesFirstTest {

  private final QueueFixtures f = new QueueFixtures();

  private static ReservationQueue queue(String policy) {
    return QueuePolicies.defaults().create(policy, new QueueConfig(Map.of("alice", 3), 1));
  }

  private static List<String> drain(ReservationQueue q) {
    List<String> out = new ArrayList<>();
    for (SlotClaim c = q.poll(1); c != null; c = q.poll(1)) {
      out.add(c.entry().requestId());
      q.released(c.entry(), c.slots(), ReleaseReason.TASK_ENDED);
    }
    return out;
  }

  @Test
  void fifoServesRetriesFirstInTheirOwnArrivalOrder() {
    ReservationQueue q = queue("fifo");
    q.offer(f.entry("a", "u", 0, 1));
    q.offer(f.entry("b", "u", 0, 1));
    q.offer(f.retry("r1", "u", 0, 1));
    q.offer(f.entry("c", "u", 0, 1));
    q.offer(f.retry("r2", "u", 0, 2));

    assertThat(drain(q)).containsExactly("r1", "r2", "r2", "a", "b", "c");
  }

  @ParameterizedTest
  @ValueSource(strings = {"priority", "priority-nonpreemptive", "priority-weighted-fair"})
  void priorityPoliciesServeARetryFirstWithinItsLevelOnly(String policy) {
    ReservationQueue q = queue(policy);
    q.offer(f.entry("p1-old", "u", 1, 1));
    q.offer(f.entry("p0", "u", 0, 1));
    q.offer(f.retry("p1-retry", "u", 1, 1));
    q.offer(f.retry("p2-retry", "u", 2, 1));
    q.offer(f.entry("p2", "u", 2, 1));

    assertThat(drain(q)).containsExactly("p0", "p1-retry", "p1-old", "p2-retry", "p2");
  }

  @Test
  void weightedFairServesARetryFirstWithinItsUserWithoutChangingTheShares() {
    ReservationQueue q = queue("weighted-fair");
    q.offer(f.entry("b-old", "bob", 0, 1));
    q.offer(f.entry("a-old", "alice", 0, 1));
    q.offer(f.retry("b-retry", "bob", 0, 1));

    // bob's oldest reservation arrived first, so bob is served first; his retry goes ahead of
    // his own older reservation, not ahead of alice's share.
    SlotClaim first = q.poll(1);
    assertThat(first.entry().requestId()).isEqualTo("b-retry");
    SlotClaim second = q.poll(1);
    assertThat(second.entry().requestId()).isEqualTo("a-old");
    assertThat(q.poll(1).entry().requestId()).isEqualTo("b-old");
  }

  @Test
  void aRequestWithARetryAndAnOrdinaryEntryOnOneNodeKeepsItsCancelChain() {
    ReservationQueue q = queue("fifo");
    q.offer(f.entry("job", "u", 0, 2));
    q.offer(f.entry("other", "u", 0, 1));
    q.offer(f.retry("job", "u", 0, 1));

    assertThat(q.poll(4).entry().forRetry()).isTrue();  // the retry's entry, younger, served first
    assertThat(q.removeRequest("job")).as("the ordinary entry is still found").isEqualTo(2);
    assertThat(drain(q)).containsExactly("other");
    assertThat(q.size()).isZero();
  }

  @Test
  void whatIsLeftOfARetryStaysARetryWhenItMovesToAnotherPolicy() {
    ReservationQueue fifo = queue("fifo");
    fifo.offer(f.entry("a", "u", 0, 1));
    fifo.offer(f.retry("r", "u", 0, 3));
    assertThat(fifo.poll(1).entry().requestId()).isEqualTo("r");

    ReservationQueue priority = queue("priority");
    List<QueuedReservation> moved = new ArrayList<>(fifo.removeAll());
    moved.sort(Comparator.comparingLong(QueuedReservation::sequence));
    moved.forEach(priority::offer);

    assertThat(moved).filteredOn(e -> e.requestId().equals("r")).singleElement()
        .satisfies(e -> {
          assertThat(e.forRetry()).isTrue();
          assertThat(e.reservation().count()).isEqualTo(2);
        });
    assertThat(drain(priority)).containsExactly("r", "r", "a");
  }

  /**
   * A pinned-seed fuzz per policy: random offers (a third for retries, priorities 0-2, three
   * users), polls, releases and cancels. Every served reservation must be the first of its
   * group (its priority level, and its user where the policy shares by user) in the order
   * retries first, then arrival; and every queued slot is served or cancelled once.
   */
  @ParameterizedTest
  @ValueSource(strings = {"fifo", "priority", "priority-nonpreemptive", "weighted-fair",
      "priority-weighted-fair"})
  void everyServedReservationIsTheFirstOfItsGroupRetriesFirst(String policy) {
    Random random = new Random(20261203L);
    ReservationQueue q = queue(policy);
    boolean byPriority = policy.startsWith("priority");
    boolean byUser = policy.contains("weighted-fair");
    Comparator<QueuedReservation> order = Comparator.comparing((QueuedReservation e) -> !e.forRetry())
        .thenComparingLong(QueuedReservation::sequence);
    Map<String, QueuedReservation> queued = new HashMap<>();  // request id -> entry (one per request)
    Map<String, Integer> left = new HashMap<>();
    List<SlotClaim> inUse = new ArrayList<>();
    int offered = 0;
    int served = 0;
    int cancelled = 0;
    for (int step = 0; step < 5_000; step++) {
      int op = random.nextInt(10);
      if (op < 5) {
        String id = "r" + step;
        String user = "u" + random.nextInt(3);
        int priority = random.nextInt(3);
        int count = 1 + random.nextInt(3);
        QueuedReservation e = random.nextInt(3) == 0 ? f.retry(id, user, priority, count)
            : f.entry(id, user, priority, count);
        q.offer(e);
        queued.put(id, e);
        left.put(id, count);
        offered += count;
      } else if (op < 8) {
        SlotClaim c = q.poll(1 + random.nextInt(2));
        if (c == null) {
          assertThat(queued).isEmpty();
          continue;
        }
        QueuedReservation e = queued.get(c.entry().requestId());
        int minPriority = queued.values().stream().mapToInt(QueuedReservation::priority).min().orElseThrow();
        if (byPriority) {
          assertThat(e.priority()).as("%s served at step %d", e.requestId(), step).isEqualTo(minPriority);
        }
        QueuedReservation first = queued.values().stream()
            .filter(o -> !byPriority || o.priority() == e.priority())
            .filter(o -> !byUser || o.userName().equals(e.userName()))
            .min(order).orElseThrow();
        assertThat(e.requestId()).as("served at step %d under %s", step, policy).isEqualTo(first.requestId());
        served += c.slots();
        inUse.add(c);
        if (left.merge(e.requestId(), -c.slots(), Integer::sum) == 0) {
          queued.remove(e.requestId());
          left.remove(e.requestId());
        }
      } else if (op < 9 && !inUse.isEmpty()) {
        SlotClaim c = inUse.remove(random.nextInt(inUse.size()));
        q.released(c.entry(), c.slots(), ReleaseReason.TASK_ENDED);
      } else if (!queued.isEmpty()) {
        List<String> ids = new ArrayList<>(queued.keySet());
        ids.sort(null);
        String id = ids.get(random.nextInt(ids.size()));
        assertThat(q.removeRequest(id)).isEqualTo(left.get(id));
        cancelled += left.remove(id);
        queued.remove(id);
      }
      assertThat(q.size()).isEqualTo(left.values().stream().mapToInt(Integer::intValue).sum());
    }
    assertThat(served + cancelled + q.size()).isEqualTo(offered);
    assertThat(served).as("the fuzz served something").isGreaterThan(1_000);
  }
}
