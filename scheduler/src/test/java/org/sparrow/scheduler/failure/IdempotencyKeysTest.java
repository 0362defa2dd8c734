package org.sparrow.scheduler.failure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

  @Test
  void aKeyAnswersWithItsJobUntilItExpires() {
    IdempotencyKeys keys = new IdempotencyKeys(10);
    long now = 5_000;
    assertThat(keys.lookup("k", now)).isNull();
    keys.remember("k", "req/1", now + 100);
    assertThat(keys.lookup("k", now + 99)).isEqualTo("req/1");
    assertThat(keys.lookup("k", now + 100)).as("expired").isNull();
    assertThat(keys.size()).isZero();
  }

  @Test
  void expiryStopsAtTheFirstLiveKeyAndTheCountIsBounded() {
    IdempotencyKeys keys = new IdempotencyKeys(2);
    keys.remember("a", "1", 10);
    keys.remember("b", "2", 20);
    keys.expire(15);
    assertThat(keys.lookup("a", 0)).isNull();
    assertThat(keys.lookup("b", 0)).isEqualTo("2");
    keys.remember("c", "3", 30);
    keys.remember("d", "4", 40);
    assertThat(keys.size()).isEqualTo(2);
    assertThat(keys.lookup("b", 0)).as("oldest forgotten first").isNull();
    assertThat(keys.lockFor("c")).isSameAs(keys.lockFor("c"));
  }
}
