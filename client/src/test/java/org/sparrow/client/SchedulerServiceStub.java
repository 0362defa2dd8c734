package org.sparrow.client;

import java.nio.ByteBuffer;
import java.util.List;
import org.sparrow.thrift.SchedulerService;
import org.sparrow.thrift.TFullTaskId;
import org.sparrow.thrift.TJobStatus;
import org.sparrow.thrift.TSchedulingRequest;

/** The SchedulerService calls the client tests' schedulers accept without acting on them. */
abstract class SchedulerServiceStub implements SchedulerService.Iface {

  @Override
  public boolean registerFrontend(String app, String socketAddress) {
    return true;
  }

  @Override
  public void submitJob(TSchedulingRequest req) {}

  @Override
  public void sendFrontendMessage(String app, TFullTaskId taskId, int status, ByteBuffer message) {}

  @Override
  public TJobStatus getJobStatus(String requestId) {
    return new TJobStatus().setRequestId(requestId).setResults(List.of());
  }

  @Override
  public List<org.sparrow.thrift.TJobSummary> listJobs() {
    return List.of();
  }

  @Override
  public org.sparrow.thrift.TCancelResult cancelJob(String requestId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long currentTimeMs() {
    return System.currentTimeMillis();
  }
}
