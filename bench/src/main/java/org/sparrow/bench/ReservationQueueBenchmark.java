package org.sparrow.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sparrow.common.HostPort;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.sparrow.common.UserInfo;
import org.sparrow.nodemonitor.queue.FifoReservationQueue;
import org.sparrow.nodemonitor.queue.QueuedReservation;
import org.sparrow.nodemonitor.queue.SlotClaim;

/**
 * The node monitor's queue operations with {@code depth} other reservations already waiting:
 * enqueue + claim, and cancel (a hash lookup: it must not grow with the depth, since proactive
 * cancellation sends one per launched job to every node still holding its reservations).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReservationQueueBenchmark {

  private static final HostPort SCHEDULER = new HostPort("127.0.0.1", 20507);

  @Param({"0", "100", "10000"})
  int depth;

  private FifoReservationQueue queue;
  private QueuedReservation next;
  private String cancelId;
  private long sequence;

  @Setup
  public void setup() {
    queue = new FifoReservationQueue();
    // The slot under test goes first; the others wait behind it.
    for (int i = 0; i < depth; i++) {
      queue.offer(new QueuedReservation(reservation("queued-" + i), 0, sequence++));
    }
    next = new QueuedReservation(reservation("next"), 0, 0);
    cancelId = "absent";
  }

  private static Reservation reservation(String requestId) {
    return Reservation.lateBinding(requestId, "app", UserInfo.ANONYMOUS, SCHEDULER, 1, "nm-1");
  }

  /** Behind {@code depth} others (FIFO): offer at the tail, then take the head (depth stays). */
  @Benchmark
  public SlotClaim offerThenPoll() {
    queue.offer(next);
    return queue.poll(1);
  }

  /** Enqueue a request behind {@code depth} others, then cancel it: the proactive-cancel path. */
  @Benchmark
  public int offerThenCancel() {
    queue.offer(next);
    return queue.removeRequest(next.requestId());
  }

  /** Cancelling a request the queue does not hold (a late cancel, or a tombstone's twin). */
  @Benchmark
  public int cancelAbsent() {
    return queue.removeRequest(cancelId);
  }
}
