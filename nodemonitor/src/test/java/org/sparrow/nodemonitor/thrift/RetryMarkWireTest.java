package org.sparrow.nodemonitor.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sparrow.thrift.THostPort;
import org.sparrow.thrift.TReservation;
import org.sparrow.thrift.TUserGroupInfo;

/** TReservation.retried reaches the queues; a reservation without it (an old scheduler's) is ordinary. */
class RetryMarkWireTest {

  private static TReservation wire() {
    return new TReservation("r", "app", new TUserGroupInfo("u", "g", 0), new THostPort("127.0.0.1", 20507), 1,
        "nm-01");
  }

  @Test
  void aMarkedReservationIsForARetryAndKeepsTheMarkInWhatIsLeftOfIt() {
    TReservation t = wire();
    t.setCount(3);
    t.setRetried(true);
    var r = WireMapping.toReservation(t);
    assertThat(r.forRetry()).isTrue();
    assertThat(new org.sparrow.nodemonitor.queue.QueuedReservation(r, 0, 0).remainder(1).forRetry()).isTrue();
  }

  @Test
  void anUnmarkedReservationIsOrdinary() {
    assertThat(WireMapping.toReservation(wire()).forRetry()).isFalse();
    TReservation no = wire();
    no.setRetried(false);
    assertThat(WireMapping.toReservation(no).forRetry()).isFalse();
  }
}
