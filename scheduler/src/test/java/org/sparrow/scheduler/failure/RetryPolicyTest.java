package org.sparrow.scheduler.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void lostTasksRunUpToMaxAttempts() {
    RetryPolicy p = RetryPolicy.DEFAULT;
    assertThat(p.maxAttempts()).isEqualTo(3);
    assertThat(p.retries(1, false, true)).isTrue();
    assertThat(p.retries(2, true, true)).isTrue();
    assertThat(p.retries(3, false, true)).as("third run was the last").isFalse();
  }

  @Test
  void tasksThatRanAndFailedAreNotRetried() {
    assertThat(RetryPolicy.DEFAULT.retries(1, false, false)).isFalse();
  }

  @Test
  void notIdempotentStopsOnlyBackendTasks() {
    RetryPolicy p = new RetryPolicy(3, false);
    assertThat(p.retries(1, true, true)).isFalse();
    assertThat(p.retries(1, false, true)).as("built-in kinds").isTrue();
  }

  @Test
  void oneAttemptNeverRetriesAndBoundsAreChecked() {
    assertThat(new RetryPolicy(1, true).retries(1, false, true)).isFalse();
    assertThatThrownBy(() -> new RetryPolicy(0, true)).hasMessageContaining("between 1 and 10");
    assertThatThrownBy(() -> new RetryPolicy(11, true)).hasMessageContaining("between 1 and 10");
  }
}
