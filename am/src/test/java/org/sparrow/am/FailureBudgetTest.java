package org.sparrow.am;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The application's container failures, across attempts. */
class FailureBudgetTest {

  @Test
  void theLimitIsExceededByTheFailureAfterIt() {
    FailureBudget budget = new FailureBudget(2);
    List<Action> plan = new ArrayList<>();
    assertThat(budget.record("one", plan)).isFalse();
    assertThat(budget.record("two", plan)).isFalse();
    assertThat(budget.record("three", plan)).isTrue();
    assertThat(plan).containsExactly(new Action.RecordFailures(1, List.of("one")),
        new Action.RecordFailures(2, List.of("one", "two")), new Action.RecordFailures(3, List.of("one", "two", "three")));
    assertThat(budget.exceeded()).isEqualTo("3 container failures (more than the limit of 2); the most recent: one; two; three");
  }

  @Test
  void aRestoredCountContinuesAndOnlyTheLastFiveAreKept() {
    FailureBudget budget = new FailureBudget(10);
    budget.restore(9, List.of("a", "b", "c", "d", "e", "f"));
    assertThat(budget.recent()).containsExactly("b", "c", "d", "e", "f");
    List<Action> plan = new ArrayList<>();
    assertThat(budget.record("g", plan)).isFalse();
    assertThat(budget.record("h", plan)).isTrue();
    assertThat(budget.count()).isEqualTo(11);
    assertThat(budget.recent()).containsExactly("d", "e", "f", "g", "h");
  }

  @Test
  void aNegativeLimitOrCountIsRefusedOrFloored() {
    assertThatThrownBy(() -> new FailureBudget(-1)).hasMessage("maximum container failures must be >= 0, got -1");
    FailureBudget budget = new FailureBudget(0);
    budget.restore(-3, List.of());
    assertThat(budget.count()).isZero();
  }
}
