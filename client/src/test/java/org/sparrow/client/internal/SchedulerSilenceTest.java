package org.sparrow.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;

/** The client's side of the schedulers' leases, on a fake clock. */
class SchedulerSilenceTest {

  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final SchedulerSilence silence = new SchedulerSilence(nanos::get);
  private final HostPort s = new HostPort("127.0.0.1", 20503);

  private void advanceMs(long ms) {
    nanos.addAndGet(ms * 1_000_000L);
  }

  @Test
  void aLeaseEndsOnlyAfterTheLeaseAndTheMarginOfSilence() {
    silence.heartbeat(s);
    advanceMs(12_999);
    assertThat(silence.leaseEnded(s, 10_000, 3_000)).isFalse();
    advanceMs(1);
    assertThat(silence.leaseEnded(s, 10_000, 3_000)).isTrue();
    assertThat(silence.silentMs(s)).isEqualTo(13_000);
  }

  @Test
  void anythingHeardFromTheSchedulerRenewsIt() {
    silence.heartbeat(s);
    advanceMs(12_000);
    silence.heard(s);  // a completion notice
    advanceMs(12_000);
    assertThat(silence.leaseEnded(s, 10_000, 3_000)).isFalse();
    advanceMs(1_000);
    assertThat(silence.leaseEnded(s, 10_000, 3_000)).isTrue();
  }

  @Test
  void silenceFromASchedulerThatNeverSentAHeartbeatProvesNothing() {
    silence.heard(s);  // answered a submit, but keeps no leases (an older scheduler)
    advanceMs(3_600_000);
    assertThat(silence.leaseEnded(s, 10_000, 3_000)).isFalse();
    assertThat(silence.leaseEnded(new HostPort("127.0.0.1", 1), 10_000, 3_000)).as("never heard").isFalse();
  }
}
