package org.sparrow.scheduler.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.common.UserInfo;
import org.sparrow.scheduler.Reservation;
import org.sparrow.thrift.TGetTasksRequest;
import org.sparrow.thrift.TReservation;

/** The scheduler's boot id on the wire: stamped on reservations, read back from getTasks. */
class SchedulerBootIdWireTest {

  private static final HostPort SCHEDULER = new HostPort("127.0.0.1", 20507);
  private static final Reservation RESERVATION = new Reservation("s/boot-7/1", "app", UserInfo.ANONYMOUS, 2, List.of());

  @Test
  void aReservationCarriesThePlacingIncarnation() {
    TReservation t = WireConversions.reservation(RESERVATION, SCHEDULER, "boot-7", "nm-01");
    assertThat(t.isSetSchedulerBootId()).isTrue();
    assertThat(t.getSchedulerBootId()).isEqualTo("boot-7");
  }

  @Test
  void anUnknownIncarnationLeavesTheFieldUnset() {
    assertThat(WireConversions.reservation(RESERVATION, SCHEDULER, "", "nm-01").isSetSchedulerBootId()).isFalse();
    assertThat(WireConversions.reservation(RESERVATION, SCHEDULER, null, "nm-01").isSetSchedulerBootId()).isFalse();
  }

  @Test
  void getTasksEchoesItAndAnOlderNodeMonitorsRequestReadsAsUnknown() {
    TGetTasksRequest echoed = new TGetTasksRequest("s/boot-7/1", "nm-01", 1).setSchedulerBootId("boot-7");
    assertThat(BootIdOnWire.schedulerOf(echoed)).isEqualTo("boot-7");
    assertThat(BootIdOnWire.schedulerOf(new TGetTasksRequest("s/boot-7/1", "nm-01", 1))).isEmpty();
  }
}
