package org.sparrow.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparrow.common.UserShares;
import org.sparrow.nodemonitor.queue.QueueConfig;

/** The simulator's {@code --queue-policy}: validation. {@code --users} is UserSharesTest's (common). */
class QueueSetupTest {

  @Test
  void anUnknownQueuePolicyFailsListingTheValidOnes() {
    assertThatThrownBy(() -> new QueueSetup("lifo", QueueConfig.DEFAULTS, UserShares.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown queue policy 'lifo'")
        .hasMessageContaining("fifo, priority, weighted-fair, priority-weighted-fair");
    assertThat(QueueSetup.of(" priority ", Map.of("a", 2), 1, UserShares.NONE).queuePolicy()).isEqualTo("priority");
  }

  @Test
  void noUsersMeansAnonymousJobs() {
    assertThat(new QueueSetup("fifo", null, null).users()).isSameAs(UserShares.NONE);
  }
}
