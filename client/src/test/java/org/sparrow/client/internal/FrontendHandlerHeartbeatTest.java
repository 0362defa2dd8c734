package org.sparrow.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.thrift.TFullTaskId;
import org.sparrow.thrift.THostPort;
import org.sparrow.thrift.typesConstants;

/** Heartbeats are recorded as the scheduler's sign of life and never reach the application. */
class FrontendHandlerHeartbeatTest {

  @Test
  void aHeartbeatMarksItsSchedulerAsHeardFromAndKeepingLeases() {
    PendingJobs pending = new PendingJobs();
    List<String> appMessages = new ArrayList<>();
    FrontendHandler handler = new FrontendHandler(pending, (requestId, taskId, status, message) ->
        appMessages.add(requestId + "/" + taskId + ":" + status));
    HostPort scheduler = new HostPort("127.0.0.1", 20503);
    assertThat(pending.silence().silentMs(scheduler)).isEqualTo(-1);

    handler.frontendMessage(new TFullTaskId("", "", "", new THostPort("127.0.0.1", 20503)),
        typesConstants.STATUS_HEARTBEAT, ByteBuffer.allocate(0));

    assertThat(pending.silence().silentMs(scheduler)).isBetween(0L, 10_000L);
    assertThat(pending.silence().leaseEnded(scheduler, 0, 0)).as("it keeps leases (and 0 ms passed 0 ms)").isTrue();
    assertThat(appMessages).isEmpty();
  }
}
