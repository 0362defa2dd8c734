package org.sparrow.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparrow.common.UserInfo;
import org.sparrow.nodemonitor.queue.QueueConfig;

/** {@code --users} and {@code --queue-policy} of the simulator: parsing and validation. */
class SimUsersTest {

  @Test
  void parsesSharesAndOptionalPriorities() {
    SimUsers u = SimUsers.parse("web:1:p0, batch:12:p1,alice:0.5");
    assertThat(u.names()).containsExactly("web", "batch", "alice");
    assertThat(u.users().get(1).share()).isEqualTo(12);
    assertThat(u.users().get(1).priority()).isEqualTo(1);
    assertThat(u.users().get(2).priority()).isZero();
    assertThat(u.cumulative()).containsExactly(1 / 13.5, 13 / 13.5, 1.0);
    assertThat(u.toString()).isEqualTo("web:1:p0,batch:12:p1,alice:0.5:p0");
    assertThat(SimUsers.parse(null).isEmpty()).isTrue();
    assertThat(SimUsers.parse(" ").userOf(3)).isNull();
  }

  @Test
  void badEntriesFailNamingTheEntryAndTheSyntax() {
    for (String bad : new String[] {"alice", "alice:0", "alice:-1", "alice:x", ":3", "alice:3:1", "alice:3:px",
        "alice:3:p0:extra", "alice:3,", "alice:NaN", "alice:Infinity"}) {
      assertThatThrownBy(() -> SimUsers.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("NAME:SHARE[:pPRIORITY]");
    }
    assertThatThrownBy(() -> SimUsers.parse("alice:1,alice:2")).hasMessageContaining("'alice' twice");
  }

  @Test
  void aJobsUserFollowsFromItsIndexAndTheSharesHold() {
    SimUsers u = SimUsers.parse("alice:3,bob:1:p2");
    int alice = 0;
    for (int i = 0; i < 40_000; i++) {
      UserInfo info = u.userOf(i);
      assertThat(info).isEqualTo(u.userOf(i));
      if (info.user().equals("alice")) {
        alice++;
        assertThat(info.priority()).isZero();
      } else {
        assertThat(info.priority()).isEqualTo(2);
      }
    }
    assertThat(alice / 40_000.0).isBetween(0.74, 0.76);
  }

  @Test
  void anUnknownQueuePolicyFailsListingTheValidOnes() {
    assertThatThrownBy(() -> new QueueSetup("lifo", QueueConfig.DEFAULTS, SimUsers.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown queue policy 'lifo'")
        .hasMessageContaining("fifo, priority, weighted-fair, priority-weighted-fair");
    assertThat(QueueSetup.of(" priority ", Map.of("a", 2), 1, SimUsers.NONE).queuePolicy()).isEqualTo("priority");
  }
}
