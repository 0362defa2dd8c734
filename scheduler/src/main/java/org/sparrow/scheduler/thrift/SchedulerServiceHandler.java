package org.sparrow.scheduler.thrift;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ReplyWritten;
import org.sparrow.scheduler.Acceptance;
import org.sparrow.scheduler.CancelReport;
import org.sparrow.scheduler.Scheduler;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.SubmitRefusedException;
import org.sparrow.thrift.IncompleteRequestException;
import org.sparrow.thrift.SchedulerService;
import org.sparrow.thrift.TCancelResult;
import org.sparrow.thrift.TFullTaskId;
import org.sparrow.thrift.TJobStatus;
import org.sparrow.thrift.TJobSummary;
import org.sparrow.thrift.TSchedulingRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SchedulerService (frontends): converts wire types and calls the {@link Scheduler}. */
public final class SchedulerServiceHandler implements SchedulerService.Iface {

  private static final Logger LOG = LoggerFactory.getLogger(SchedulerServiceHandler.class);

  /** Bound on waiting for node monitors to answer a cancel's stop requests. */
  static final long CANCEL_WAIT_SECONDS = 30;

  private final Supplier<Scheduler> scheduler;

  /** @param scheduler the started scheduler (throws IllegalStateException before that) */
  public SchedulerServiceHandler(Supplier<Scheduler> scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public boolean registerFrontend(String app, String socketAddress) {
    try {
      scheduler.get().registerFrontend(app, HostPort.parse(socketAddress));
      LOG.info("Frontend for app {} registered at {}", app, socketAddress);
      return true;
    } catch (IllegalArgumentException e) {
      LOG.warn("Refused frontend registration of app {} at '{}': {}", app, socketAddress, e.getMessage());
      return false;
    }
  }

  @Override
  public void submitJob(TSchedulingRequest req) throws IncompleteRequestException {
    // The original Sparrow's method: admitted while draining too (see Scheduler#acceptOriginal).
    submit(req, true);
  }

  @Override
  public String submitJobWithId(TSchedulingRequest req) throws IncompleteRequestException {
    return submit(req, false);
  }

  private String submit(TSchedulingRequest req, boolean original) throws IncompleteRequestException {
    if (req == null) {
      throw new IncompleteRequestException("the scheduling request is missing");
    }
    try {
      JobRequest request = WireConversions.jobRequest(req);
      Acceptance accepted = original ? scheduler.get().acceptOriginal(request) : scheduler.get().accept(request);
      // Kept once the answer is on the wire before the submit deadline; not served by a
      // ThriftServer (a test calling the handler): the return is the answer.
      if (!ReplyWritten.whenSent(accepted::sent)) {
        accepted.sent(true);
      }
      return accepted.requestId();
    } catch (SubmitRefusedException e) {
      LOG.info("Refused a job of app {}: {}", req.getApp(), e.getMessage());
      IncompleteRequestException refused = new IncompleteRequestException(e.getMessage());
      refused.setRetryElsewhere(true);
      throw refused;
    } catch (IllegalArgumentException e) {
      LOG.debug("Refused a job of app {}: {}", req.getApp(), e.getMessage());
      throw new IncompleteRequestException(e.getMessage());
    }
  }

  @Override
  public long currentTimeMs() {
    return scheduler.get().currentTimeMillis();
  }

  @Override
  public void sendFrontendMessage(String app, TFullTaskId taskId, int status, ByteBuffer message) {
    byte[] body = null;
    if (message != null) {
      body = new byte[message.remaining()];
      message.duplicate().get(body);
    }
    scheduler.get().relay(app, WireConversions.fullTaskId(taskId), status, body);
  }

  @Override
  public TJobStatus getJobStatus(String requestId) throws IncompleteRequestException {
    try {
      return WireConversions.jobStatus(scheduler.get().status(requestId));
    } catch (IllegalArgumentException e) {
      throw new IncompleteRequestException(e.getMessage());
    }
  }

  @Override
  public List<TJobSummary> listJobs() {
    List<TJobSummary> out = new ArrayList<>();
    scheduler.get().jobs().forEach(j -> out.add(WireConversions.jobSummary(j)));
    return out;
  }

  @Override
  public TCancelResult cancelJob(String requestId) throws IncompleteRequestException {
    CompletableFuture<CancelReport> report;
    try {
      report = scheduler.get().cancel(requestId).toCompletableFuture();
    } catch (IllegalArgumentException e) {
      throw new IncompleteRequestException(e.getMessage());
    }
    try {
      // The job has ended already; this waits only for the node monitors' answers to the stop
      // requests, which their RPC timeout bounds.
      return WireConversions.cancelResult(report.get(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS));
    } catch (TimeoutException e) {
      throw new IncompleteRequestException("job " + requestId + " was cancelled, but its node monitors did not"
          + " confirm stopping its running tasks within " + CANCEL_WAIT_SECONDS + " s");
    } catch (ExecutionException e) {
      throw new IncompleteRequestException("job " + requestId + " was cancelled; stopping its tasks failed: "
          + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IncompleteRequestException("interrupted while cancelling job " + requestId);
    }
  }
}
