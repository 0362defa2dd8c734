package org.sparrow.client.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.common.thrift.PeerUnreachableException;
import org.sparrow.thrift.SchedulerService;

/**
 * Asks schedulers for their wall clock (SchedulerService.currentTimeMs) to feed {@link
 * SchedulerClocks}: before the first submit to one, and each watch round for every slow one, so a
 * slow scheduler that answers is used again. A probe that times out marks its scheduler slow in
 * {@link SchedulerOrder}; a refused connection does not (nothing listens: the watch handles that).
 */
final class ClockProbe {

  private final ClientPool<SchedulerService.Client> pool;
  private final SchedulerClocks clocks;
  private final LongSupplier wallClock;
  private final SchedulerOrder order;
  private final Executor executor;
  /** Slow schedulers with a probe in flight (at most one each). */
  private final Set<HostPort> probing = ConcurrentHashMap.newKeySet();

  ClockProbe(ClientPool<SchedulerService.Client> pool, SchedulerClocks clocks, LongSupplier wallClock,
      SchedulerOrder order, Executor executor) {
    this.pool = pool;
    this.clocks = clocks;
    this.wallClock = wallClock;
    this.order = order;
    this.executor = executor;
  }

  /**
   * Probes the scheduler's clock on this thread; false if it did not answer (it is slow then). A
   * scheduler without the probe (an older one) gets deadlines in this client's clock.
   */
  boolean probe(HostPort scheduler) {
    long sent = wallClock.getAsLong();
    try {
      long theirs = pool.call(scheduler, SchedulerService.Client::currentTimeMs);
      clocks.sample(scheduler, sent, theirs, wallClock.getAsLong());
      return true;
    } catch (TApplicationException e) {
      clocks.noProbe(scheduler, wallClock.getAsLong());
      return true;
    } catch (TException | RuntimeException e) {
      if (!(e instanceof PeerUnreachableException)) {
        order.slow(scheduler);
      }
      return false;
    }
  }

  /**
   * Probes each slow scheduler on the executor (one call in flight each, so a frozen one holds at
   * most one client thread); {@code answered} gets each that answers.
   */
  void probeSlow(Consumer<HostPort> answered) {
    for (HostPort s : order.slow()) {
      if (!probing.add(s)) {
        continue;
      }
      try {
        executor.execute(() -> {
          try {
            if (probe(s)) {
              answered.accept(s);
            }
          } finally {
            probing.remove(s);
          }
        });
      } catch (RejectedExecutionException e) {
        probing.remove(s);
        return;
      }
    }
  }
}
