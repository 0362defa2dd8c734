package org.sparrow.client.internal;

import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.sparrow.common.thrift.InMemoryTransport;
import org.sparrow.thrift.SchedulerService;
import org.sparrow.thrift.TSchedulingRequest;

/**
 * The size of the Thrift frame a submitJobWithId call occupies (the payload a scheduler
 * compares with its frame limit), measured by encoding the call without keeping the bytes.
 */
public final class RequestSize {

  /**
   * What the fields the submitter sets on each attempt (submit deadline, client lease) add to a
   * request that lacks them: fixed-size i64s, so one measurement each holds for every job.
   */
  private static final long DEADLINE_FIELD_BYTES =
      submitFrameBytes(new TSchedulingRequest().setSubmitDeadlineEpochMs(0)) - submitFrameBytes(new TSchedulingRequest());
  private static final long LEASE_FIELD_BYTES =
      submitFrameBytes(new TSchedulingRequest().setClientLeaseMs(0)) - submitFrameBytes(new TSchedulingRequest());

  private RequestSize() {}

  /**
   * The frame of the attempts the submitter sends for {@code request} (a request without a submit
   * deadline or lease, as the submitter keeps it): every attempt of one request has this size,
   * whichever scheduler it goes to, without copying the request to measure it.
   */
  public static long attemptFrameBytes(TSchedulingRequest request) {
    long extra = (request.isSetSubmitDeadlineEpochMs() ? 0 : DEADLINE_FIELD_BYTES)
        + (request.isSetClientLeaseMs() ? 0 : LEASE_FIELD_BYTES);
    return submitFrameBytes(request) + extra;
  }

  public static long submitFrameBytes(TSchedulingRequest request) {
    Counter counter = new Counter();
    // The same encoding the client pool sends: binary protocol, strict write.
    TBinaryProtocol protocol = new TBinaryProtocol(counter, false, true);
    try {
      protocol.writeMessageBegin(new TMessage("submitJobWithId", TMessageType.CALL, 0));
      new SchedulerService.submitJobWithId_args(request).write(protocol);
      protocol.writeMessageEnd();
    } catch (TException e) {
      throw new IllegalArgumentException("job cannot be encoded: " + e.getMessage(), e);
    }
    return counter.bytes;
  }

  /** Write-only transport that only counts. */
  private static final class Counter extends InMemoryTransport {
    private long bytes;

    @Override
    public int read(byte[] buf, int off, int len) {
      throw new UnsupportedOperationException("write-only");
    }

    @Override
    public void write(byte[] buf, int off, int len) {
      bytes += len;
    }
  }
}
