package org.sparrow.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.sparrow.client.JobResult;
import org.sparrow.client.TaskResult;

/** Which results are held: those a submit in flight may still claim, and no others. */
class PendingJobsTest {

  private final PendingJobs pending = new PendingJobs();

  private static TaskResult done(String taskId) {
    return new TaskResult(taskId, TaskResult.State.SUCCEEDED, 0, 1, 1, "nm-1", "");
  }

  @Test
  void aResultBeforeTheSubmitReturnedIsHeldForIt() {
    long ticket = pending.submitStarted();
    pending.onResult("r1", done("a"));
    assertThat(pending.size()).isEqualTo(1);

    CompletableFuture<JobResult> future = new CompletableFuture<>();
    pending.attach("r1", List.of("a"), "s1", 0, future);
    pending.submitEnded(ticket);

    assertThat(future).isCompleted();
    assertThat(future.join().tasks()).extracting(TaskResult::taskId).containsExactly("a");
    assertThat(pending.size()).isZero();
  }

  @Test
  void aResultNoSubmitInFlightCouldClaimIsDropped() {
    pending.onResult("stray", done("a"));
    assertThat(pending.size()).isZero();
  }

  @Test
  void aHeldResultIsDroppedOnceEverySubmitThatCouldClaimItEnded() {
    // The submit failed on this side (say, it timed out) although the scheduler took the job.
    long ticket = pending.submitStarted();
    pending.onResult("orphan", done("a"));
    pending.submitEnded(ticket);
    assertThat(pending.size()).isZero();
  }

  @Test
  void aSubmitStartedAfterAResultArrivedDoesNotKeepItAlive() {
    long early = pending.submitStarted();
    pending.onResult("orphan", done("a"));
    long later = pending.submitStarted();
    pending.submitEnded(early);
    assertThat(pending.size()).isZero();
    pending.submitEnded(later);
  }

  @Test
  void aHeldResultSurvivesTheEndOfAnEarlierUnrelatedSubmit() {
    long other = pending.submitStarted();
    long mine = pending.submitStarted();
    pending.onResult("r2", done("a"));
    pending.submitEnded(other);
    assertThat(pending.size()).isEqualTo(1);

    CompletableFuture<JobResult> future = new CompletableFuture<>();
    pending.attach("r2", List.of("a"), "s1", 0, future);
    pending.submitEnded(mine);
    assertThat(future).isCompleted();
    assertThat(pending.size()).isZero();
  }

  @Test
  void resultsOfAJobThatEndedAreDroppedEvenWhileOtherSubmitsAreInFlight() {
    long ticket = pending.submitStarted();
    CompletableFuture<JobResult> timedOut = new CompletableFuture<>();
    pending.attach("late", List.of("a"), "s1", 0, timedOut);
    pending.submitEnded(ticket);
    timedOut.completeExceptionally(new TimeoutException());
    CompletableFuture<JobResult> finished = new CompletableFuture<>();
    pending.attach("dup", List.of("a"), "s1", 0, finished);
    pending.onResult("dup", done("a"));
    assertThat(finished).isCompleted();

    long inFlight = pending.submitStarted();
    pending.onResult("late", done("a"));
    pending.onResult("dup", done("a"));
    assertThat(pending.size()).isZero();
    pending.submitEnded(inFlight);
  }
}
