package org.sparrow.nodemonitor.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What a command's timeout counts: the time since the mark during which the task was not paused. */
class PauseControlTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final PauseControl pause = new PauseControl(now::get);

  private void advanceMs(long ms) {
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
  }

  private long unpausedMs(PauseControl.Mark mark) {
    return TimeUnit.NANOSECONDS.toMillis(pause.unpausedNanosSince(mark));
  }

  @Test
  void timeSpentPausedIsLeftOutAlsoWhileThePauseLasts() {
    PauseControl.Mark start = pause.mark();
    advanceMs(300);
    pause.pause();
    advanceMs(5_000);
    assertThat(unpausedMs(start)).as("paused now").isEqualTo(300);
    pause.resume();
    advanceMs(200);
    assertThat(unpausedMs(start)).isEqualTo(500);
  }

  @Test
  void aPauseBeforeTheMarkDoesNotCountAgainstIt() {
    pause.pause();
    advanceMs(1_000);
    PauseControl.Mark start = pause.mark();  // a command started while a pause was requested
    advanceMs(1_000);
    pause.resume();
    advanceMs(100);
    assertThat(unpausedMs(start)).isEqualTo(100);
  }

  @Test
  void repeatedPausesAddUpAndDoubleCallsChangeNothing() {
    PauseControl.Mark start = pause.mark();
    for (int i = 0; i < 3; i++) {
      advanceMs(100);
      pause.pause();
      pause.pause();
      advanceMs(1_000);
      pause.resume();
      pause.resume();
    }
    assertThat(unpausedMs(start)).isEqualTo(300);
  }

  /** A preempted sleep resumed before it was due still sleeps its whole unpaused time. */
  @Test
  void aSleepPausedAndResumedWithinOneWaitLeavesThePauseOut() throws Exception {
    CompletableFuture<Void> slept = new CompletableFuture<>();
    Thread sleeper = new Thread(() -> {
      try {
        pause.sleep(100);
        slept.complete(null);
      } catch (InterruptedException e) {
        slept.completeExceptionally(e);
      }
    }, "sleeper");
    sleeper.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> sleeper.getState() == Thread.State.TIMED_WAITING);
      pause.pause();
      advanceMs(5_000);
      pause.resume();  // wakes the sleeper: 0 of its 100 ms ran
      await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !slept.isDone());
      advanceMs(100);
      await().atMost(Duration.ofSeconds(10)).until(slept::isDone);
      slept.get();
    } finally {
      sleeper.interrupt();
      sleeper.join(10_000);
    }
  }
}
