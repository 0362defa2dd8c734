package org.sparrow.nodemonitor.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sparrow.common.TaskKind;

/**
 * One task's state from launch to end, on real threads: a stop reaches the thread only while it
 * runs this task, a pause is counted off once, whichever of resume and end comes first.
 */
class TaskRunTest {

  private final ThreadPoolExecutor pool =
      new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
  private final PausedThreads pausedThreads = new PausedThreads(pool, 2);
  /** The tasks' threads: as many as they need at once (the race's barriers wait for both). */
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void close() {
    threads.shutdownNow();
    pool.shutdownNow();
  }

  private TaskRun run(TaskKind kind) {
    return new TaskRun(kind, new PauseControl(), pausedThreads);
  }

  @Test
  void aStopInterruptsTheThreadWhileTheBodyRuns() throws Exception {
    TaskRun run = run(TaskKind.SLEEP);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    CompletableFuture<Boolean> interrupted = CompletableFuture.supplyAsync(() -> {
      assertThat(run.start()).isTrue();
      started.countDown();
      try {
        never.await(30, TimeUnit.SECONDS);
        return false;
      } catch (InterruptedException e) {
        return true;
      } finally {
        run.end();
      }
    }, threads);
    started.await(30, TimeUnit.SECONDS);
    assertThat(run.stop()).isTrue();
    assertThat(interrupted.get(30, TimeUnit.SECONDS)).as("the body was interrupted").isTrue();
    assertThat(run.end()).as("it was stopped").isTrue();
  }

  @Test
  void aStopAfterTheEndDoesNotReachTheThreadsNextTask() throws Exception {
    TaskRun run = run(TaskKind.SLEEP);
    CountDownLatch ended = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    // The same thread goes on to wait for something else, as a slot thread goes on to its next task.
    CompletableFuture<Boolean> interrupted = CompletableFuture.supplyAsync(() -> {
      assertThat(run.start()).isTrue();
      assertThat(run.end()).isFalse();
      ended.countDown();
      try {
        stopped.await(30, TimeUnit.SECONDS);
        return Thread.currentThread().isInterrupted();
      } catch (InterruptedException e) {
        return true;
      }
    }, threads);
    ended.await(30, TimeUnit.SECONDS);
    assertThat(run.stop()).as("refused: it ended").isFalse();
    stopped.countDown();
    assertThat(interrupted.get(30, TimeUnit.SECONDS)).as("the next task was interrupted").isFalse();
    assertThat(run.end()).as("a refused stop does not count").isFalse();
  }

  @Test
  void aStopBeforeTheStartEndsItAndTheBodyNeverRuns() {
    TaskRun run = run(TaskKind.SLEEP);
    assertThat(run.markPaused(true)).isTrue();
    assertThat(run.stop()).isTrue();
    assertThat(run.start()).as("the body may run").isFalse();
    assertThat(pausedThreads.paused()).as("its pause counted off").isZero();
    assertThat(run.stop()).as("ended").isFalse();
    assertThatThrownBy(run::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("started after it ended");
  }

  @Test
  void aPauseIsCountedOnceAndCountedOffByTheEndWhenNoResumeCame() {
    TaskRun run = run(TaskKind.COMMAND);
    assertThat(run.markPaused(true)).isTrue();
    assertThat(run.markPaused(true)).as("already paused").isFalse();
    assertThat(pausedThreads.paused()).isEqualTo(1);
    assertThat(pool.getCorePoolSize()).isEqualTo(3);
    run.end();
    assertThat(pausedThreads.paused()).isZero();
    assertThat(pool.getCorePoolSize()).isEqualTo(2);
    assertThat(run.markPaused(false)).as("a resume after the end").isFalse();
    assertThat(run.markPaused(true)).as("a pause after the end").isFalse();
    assertThat(pausedThreads.paused()).isZero();
  }

  @Test
  void tasksThatCannotBePausedAreNeverCounted() {
    for (TaskKind kind : List.of(TaskKind.NOOP, TaskKind.JAVA)) {
      assertThat(run(kind).markPaused(true)).as(kind.wireName()).isFalse();
    }
    assertThat(pausedThreads.paused()).isZero();
  }

  /**
   * Pauses and resumes (alternating, one thread per task, as the core calls them) race the end of
   * the task on its own thread: whatever the interleaving, every pause counted is counted off once
   * (below zero {@link PausedThreads} throws) and the pool comes back to its slots.
   */
  @Test
  void pausesRacingTheEndAreCountedOffExactlyOnce() throws Exception {
    Random random = new Random(8);
    int tasks = 200;
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      TaskRun run = run(TaskKind.SLEEP);
      int toggles = 1 + random.nextInt(6);
      CyclicBarrier go = new CyclicBarrier(2);
      all.add(CompletableFuture.runAsync(() -> {
        await(go);
        for (int t = 0; t < toggles; t++) {
          run.markPaused(t % 2 == 0);
        }
      }, threads));
      all.add(CompletableFuture.runAsync(() -> {
        assertThat(run.start()).isTrue();
        await(go);
        run.end();
      }, threads));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    assertThat(pausedThreads.paused()).isZero();
    assertThat(pool.getCorePoolSize()).isEqualTo(2);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
