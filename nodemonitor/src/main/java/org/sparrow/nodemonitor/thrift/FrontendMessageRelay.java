package org.sparrow.nodemonitor.thrift;

import java.nio.ByteBuffer;
import org.sparrow.common.Clock;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.thrift.SchedulerService;
import org.sparrow.thrift.TFullTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The original relay: a backend's sendFrontendMessage goes to the scheduler that placed the
 * task (its SchedulerService, from the task id), which forwards it to the app's frontend.
 * Sent on the backend's calling thread, so one backend's messages keep their order.
 */
public final class FrontendMessageRelay {

  private static final Logger LOG = LoggerFactory.getLogger(FrontendMessageRelay.class);

  private final ClientPool<SchedulerService.Client> schedulers;
  private final WarningLimiter warnings;

  public FrontendMessageRelay(ClientPool<SchedulerService.Client> schedulers, Clock clock) {
    this.schedulers = schedulers;
    this.warnings = new WarningLimiter(clock, 30_000);
  }

  /** @return whether the scheduler took the message */
  public boolean relay(String app, TFullTaskId taskId, int status, ByteBuffer message) {
    HostPort scheduler = taskId == null ? null
        : toHostPort(taskId.getSchedulerAddress());
    if (scheduler == null) {
      LOG.warn("Cannot relay a frontend message of app {}: the task id has no valid "
          + "schedulerAddress", app);
      return false;
    }
    try {
      schedulers.run(scheduler, c -> {
        c.sendFrontendMessage(app, taskId, status, message);
        return null;
      });
      return true;
    } catch (Exception e) {
      if (warnings.shouldWarn(scheduler)) {
        LOG.warn("Relaying a frontend message of app {} to scheduler {} failed ({})", app,
            scheduler, e.toString());
      } else {
        LOG.debug("Relaying a frontend message of {} to {} failed", app, scheduler, e);
      }
      return false;
    }
  }

  private static HostPort toHostPort(org.sparrow.thrift.THostPort t) {
    try {
      return t == null ? null : WireMapping.toHostPort(t, "task schedulerAddress");
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
