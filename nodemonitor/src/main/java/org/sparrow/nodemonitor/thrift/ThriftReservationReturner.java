package org.sparrow.nodemonitor.thrift;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.sparrow.common.Guarded;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.nodemonitor.ReservationReturner;
import org.sparrow.thrift.SchedulerInternalService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SchedulerInternalService.reservationsReturned on a thread of its own (a drain returns at once).
 * A scheduler that cannot be told (dead, or too old to know the call) is only logged: it
 * re-places the reservations anyway when this node monitor deregisters at the end of the drain.
 */
public final class ThriftReservationReturner implements ReservationReturner, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ThriftReservationReturner.class);

  private final ClientPool<SchedulerInternalService.Client> schedulers;
  private final ExecutorService executor;

  public ThriftReservationReturner(ClientPool<SchedulerInternalService.Client> schedulers,
      String threadName) {
    this(schedulers, threadName, Guarded.processFatalPath());
  }

  /** @param fatal where a fatal error in a return goes: the daemon's fatal path */
  public ThriftReservationReturner(ClientPool<SchedulerInternalService.Client> schedulers,
      String threadName, java.util.function.Consumer<Throwable> fatal) {
    this.schedulers = schedulers;
    this.executor = Guarded.pool(threadName + "-return", 1, LOG, fatal);
  }

  @Override
  public void returned(HostPort scheduler, String schedulerBootId, String nodeMonitorId,
      List<String> requestIds) {
    try {
      executor.execute(() -> {
        try {
          schedulers.run(scheduler, c -> {
            c.reservationsReturned(nodeMonitorId, requestIds, schedulerBootId);
            return null;
          });
          LOG.debug("Returned the reservations of {} requests to scheduler {}",
              requestIds.size(), scheduler);
        } catch (Exception e) {
          LOG.warn("Could not return the reservations of {} requests to scheduler {} ({}); it "
              + "re-places them when this node monitor deregisters", requestIds.size(), scheduler,
              e.toString());
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.debug("Not returning reservations to {}: closing", scheduler);
    }
  }

  /** Lets returns already queued go out (a second or two at most), then stops. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
  }
}
