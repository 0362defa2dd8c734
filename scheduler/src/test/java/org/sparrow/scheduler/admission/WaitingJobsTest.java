package org.sparrow.scheduler.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.TaskRequest;

class WaitingJobsTest {

  private static WaitingJobs.Waiting job(String id, int tasks, boolean deadline, long deadlineNanos) {
    List<TaskRequest> ts = new java.util.ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      ts.add(TaskRequest.of("t" + i, null, null));
    }
    return new WaitingJobs.Waiting(id, JobRequest.of("app", ts), RequestStyle.ORIGINAL, 0, deadline,
        deadlineNanos, "a backend for app 'app'");
  }

  @Test
  void boundedInJobsAndInTasks() {
    WaitingJobs q = new WaitingJobs(3, 10);
    q.add(job("a", 6, false, 0));
    assertThatThrownBy(() -> q.add(job("b", 5, false, 0)))
        .hasMessageContaining("1 jobs with 6 tasks already wait").hasMessageContaining("at most 3 jobs and 10 tasks");
    q.add(job("b", 4, false, 0));
    assertThat(q.tasks()).isEqualTo(10);
    assertThat(q.remove("a")).isTrue();
    assertThat(q.tasks()).isEqualTo(4);
    q.add(job("c", 1, false, 0));
    q.add(job("d", 1, false, 0));
    assertThatThrownBy(() -> q.add(job("e", 1, false, 0))).hasMessageContaining("3 jobs");
  }

  @Test
  void aJobLeavesOnceAndInArrivalOrder() {
    WaitingJobs q = new WaitingJobs(10, 100);
    q.add(job("x", 1, false, 0));
    q.add(job("y", 1, false, 0));
    assertThat(q.snapshot()).extracting(WaitingJobs.Waiting::requestId).containsExactly("x", "y");
    assertThat(q.remove("x")).isTrue();
    assertThat(q.remove("x")).isFalse();
    assertThat(q.get("x")).isNull();
    assertThat(q.size()).isEqualTo(1);
  }

  @Test
  void onlyJobsWithAPassedDeadlineAreDue() {
    WaitingJobs q = new WaitingJobs(10, 100);
    q.add(job("never", 1, false, 0));
    q.add(job("soon", 1, true, 100));
    q.add(job("later", 1, true, 200));

    assertThat(q.due(99)).isEmpty();
    assertThat(q.due(100)).extracting(WaitingJobs.Waiting::requestId).containsExactly("soon");
    assertThat(q.due(250)).extracting(WaitingJobs.Waiting::requestId).containsExactly("soon", "later");
  }

  @Test
  void aDeadlineThatWrappedPastLongMaxStillComparesRight() {
    // nanoTime has an arbitrary origin: submitted just below Long.MAX_VALUE, due 100 ns later.
    long submitted = Long.MAX_VALUE - 10;
    WaitingJobs q = new WaitingJobs(10, 100);
    q.add(job("wrapped", 1, true, submitted + 100));

    assertThat(q.due(submitted)).isEmpty();
    assertThat(q.due(submitted + 99)).isEmpty();
    assertThat(q.due(submitted + 100)).hasSize(1);
  }
}
