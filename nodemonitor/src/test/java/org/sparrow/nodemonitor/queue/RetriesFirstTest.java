package org.sparrow.nodemonitor.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

  /** One reservation to offer, plain or placed for a retry, in the order of a case's list. */
  private record Offer(String id, String user, int priority, int count, boolean retry) {
    QueuedReservation in(QueueFixtures f) {
      return retry ? f.retry(id, user, priority, count) : f.entry(id, user, priority, count);
    }

    @Override
    public String toString() {
      return (retry ? "retry " : "") + id;
    }
  }

  private static Offer plain(String id, String user, int priority, int count) {
    return new Offer(id, user, priority, count, false);
  }

  private static Offer retried(String id, String user, int priority, int count) {
    return new Offer(id, user, priority, count, true);
  }

  /** Per policy: what arrives, in order, and the order its slots must be served in. */
  static Stream<Arguments> servingOrders() {
    List<Offer> levels = List.of(plain("p1-old", "u", 1, 1), plain("p0", "u", 0, 1),
        retried("p1-retry", "u", 1, 1), retried("p2-retry", "u", 2, 1), plain("p2", "u", 2, 1));
    List<String> retryFirstWithinItsLevelOnly = List.of("p0", "p1-retry", "p1-old", "p2-retry", "p2");
    return Stream.of(
        // Retries first, in their own arrival order.
        arguments("fifo", List.of(plain("a", "u", 0, 1), plain("b", "u", 0, 1), retried("r1", "u", 0, 1),
            plain("c", "u", 0, 1), retried("r2", "u", 0, 2)), List.of("r1", "r2", "r2", "a", "b", "c")),
        arguments("priority", levels, retryFirstWithinItsLevelOnly),
        arguments("priority-nonpreemptive", levels, retryFirstWithinItsLevelOnly),
        arguments("priority-weighted-fair", levels, retryFirstWithinItsLevelOnly),
        // bob's oldest reservation arrived first, so bob is served first; his retry goes ahead of
        // his own older reservation, not ahead of alice's share.
        arguments("weighted-fair", List.of(plain("b-old", "bob", 0, 1), plain("a-old", "alice", 0, 1),
            retried("b-retry", "bob", 0, 1)), List.of("b-retry", "a-old", "b-old")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("servingOrders")
  void aRetryGoesFirstWithinWhatThePolicyOrdersBy(String policy, List<Offer> offers, List<String> served) {
    ReservationQueue q = queue(policy);
    offers.forEach(o -> q.offer(o.in(f)));

    // Every claim is kept (no slot comes back), so under weighted-fair the shares count them.
    List<String> order = new ArrayList<>();
    for (SlotClaim c = q.poll(1); c != null; c = q.poll(1)) {
      order.add(c.entry().requestId());
    }
    assertThat(order).containsExactlyElementsOf(served);
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
