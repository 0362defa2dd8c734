package org.sparrow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserMixTest {

  @Test
  void usersFollowTheirArrivalSharesDeterministically() {
    UserMix mix = UserMix.parse("alice:3,bob:1");
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 40_000; i++) {
      counts.merge(mix.userOf(i), 1, Integer::sum);
    }
    assertThat(counts.get("alice") / 40_000.0).isBetween(0.74, 0.76);
    assertThat(mix.userOf(12345)).isEqualTo(UserMix.parse("alice:3,bob:1").userOf(12345));
    assertThat(UserMix.NONE.userOf(1)).isNull();
    assertThat(UserMix.single("carol").userOf(7)).isEqualTo("carol");
  }

  @Test
  void badSpecsAreNamed() {
    assertThatThrownBy(() -> UserMix.parse("alice")).hasMessageContaining("NAME:SHARE");
    assertThatThrownBy(() -> UserMix.parse("alice:0")).hasMessageContaining("positive");
    assertThatThrownBy(() -> UserMix.parse("a:1,a:2")).hasMessageContaining("twice");
  }
}
