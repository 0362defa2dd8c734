package org.sparrow.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --users} of bench and sim: one syntax, one draw. */
class UserSharesTest {

  @Test
  void parsesSharesAndOptionalPriorities() {
    UserShares u = UserShares.parse("web:1:p0, batch:12:p1,alice:0.5");
    assertThat(u.names()).containsExactly("web", "batch", "alice");
    assertThat(u.users().get(1).share()).isEqualTo(12);
    assertThat(u.users().get(1).priority()).isEqualTo(1);
    assertThat(u.users().get(2).priority()).isZero();
    assertThat(u.cumulative()).containsExactly(1 / 13.5, 13 / 13.5, 1.0);
    assertThat(u.givesPriorities()).isTrue();
    assertThat(u.toString()).isEqualTo("web:1:p0,batch:12:p1,alice:0.5:p0");
    assertThat(UserShares.parse("alice:3,bob:1").givesPriorities()).isFalse();
    assertThat(UserShares.parse(null).isEmpty()).isTrue();
    assertThat(UserShares.parse(" ").userOf(3)).isNull();
    assertThat(UserShares.NONE.userIndexOf(3)).isEqualTo(-1);
  }

  @Test
  void badEntriesFailNamingTheEntryAndTheSyntax() {
    for (String bad : new String[] {"alice", "alice:0", "alice:-1", "alice:x", ":3", "alice:3:1", "alice:3:px",
        "alice:3:p0:extra", "alice:3,", "alice:NaN", "alice:Infinity"}) {
      assertThatThrownBy(() -> UserShares.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("NAME:SHARE[:pPRIORITY]")
          .hasMessageContaining("positive SHARE");
    }
    assertThatThrownBy(() -> UserShares.parse("alice:1,alice:2")).hasMessageContaining("'alice' twice");
    assertThatThrownBy(() -> UserShares.single(" ")).hasMessageContaining("must not be empty");
  }

  @Test
  void aJobsUserFollowsFromItsIndexAndTheSharesHold() {
    UserShares u = UserShares.parse("alice:3,bob:1:p2");
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 40_000; i++) {
      UserShares.User user = u.userOf(i);
      assertThat(user).isEqualTo(UserShares.parse("alice:3,bob:1:p2").userOf(i));
      assertThat(user.info().priority()).isEqualTo(user.name().equals("alice") ? 0 : 2);
      counts.merge(user.name(), 1, Integer::sum);
    }
    assertThat(counts.get("alice") / 40_000.0).isBetween(0.74, 0.76);
    assertThat(UserShares.single("carol").userOf(7).name()).isEqualTo("carol");
  }

  @Test
  void theCumulativeSharesCannotBeChangedFromOutside() {
    UserShares u = UserShares.parse("alice:1,bob:1");
    u.cumulative()[0] = 0;
    assertThat(u.cumulative()[0]).isEqualTo(0.5);
  }
}
