package org.sparrow.scheduler.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.common.UserInfo;
import org.sparrow.scheduler.Reservation;
import org.sparrow.thrift.TReservation;

/** The retry mark on the wire: set only on a retry's reservations, so others' bytes are unchanged. */
class RetryMarkWireTest {

  private static final HostPort SCHEDULER = new HostPort("127.0.0.1", 20507);

  @Test
  void aRetrysReservationCarriesTheMark() {
    TReservation t = WireConversions.reservation(
        new Reservation("r~1", "app", UserInfo.ANONYMOUS, 2, List.of(), true), SCHEDULER, "", "nm-01");
    assertThat(t.isSetRetried()).isTrue();
    assertThat(t.isRetried()).isTrue();
  }

  @Test
  void anOrdinaryReservationLeavesTheFieldUnsetAsAnOldSchedulerDid() {
    TReservation t = WireConversions.reservation(
        new Reservation("r", "app", UserInfo.ANONYMOUS, 2, List.of()), SCHEDULER, "", "nm-01");
    assertThat(t.isSetRetried()).isFalse();
  }
}
