package org.sparrow.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TMemoryBuffer;
import org.junit.jupiter.api.Test;
import org.sparrow.client.Job;
import org.sparrow.client.Task;
import org.sparrow.thrift.SchedulerService;
import org.sparrow.thrift.TSchedulingRequest;

class RequestSizeTest {

  @Test
  void matchesWhatTheGeneratedClientWrites() throws Exception {
    TSchedulingRequest request = WireMapping.toRequest("app", Job.builder()
        .task(Task.forBackend("t1", new byte[1234])).task(Task.sleep("t2", 5))
        .constraint("rack", "r1").description("d").build(), "127.0.0.1:9", Duration.ofSeconds(1).toMillis());
    TMemoryBuffer wire = new TMemoryBuffer(4096);
    new SchedulerService.Client(new TBinaryProtocol(wire, false, true)).send_submitJobWithId(request);

    assertThat(RequestSize.submitFrameBytes(request)).isEqualTo(wire.length());
  }

  @Test
  void anAttemptCountsTheDeadlineAndLeaseTheSubmitterAdds() throws Exception {
    TSchedulingRequest request = WireMapping.toRequest("app", Job.of(3, "noop", null), "127.0.0.1:9", 1000)
        .setIdempotencyKey("app-key");
    TSchedulingRequest attempt = request.deepCopy().setSubmitDeadlineEpochMs(Long.MAX_VALUE).setClientLeaseMs(30_000);
    TMemoryBuffer wire = new TMemoryBuffer(4096);
    new SchedulerService.Client(new TBinaryProtocol(wire, false, true)).send_submitJobWithId(attempt);

    assertThat(RequestSize.attemptFrameBytes(request)).isEqualTo(wire.length())
        .isEqualTo(RequestSize.attemptFrameBytes(attempt));
  }
}
