package org.sparrow.nodemonitor.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The slot pool's size follows the paused tasks; a spare thread outlives the preemption. */
class PausedThreadsTest {

  private final ThreadPoolExecutor pool =
      new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
  private final PausedThreads threads = new PausedThreads(pool, 4);

  @AfterEach
  void close() {
    pool.shutdownNow();
  }

  @Test
  void thePoolHasTheSlotsPlusOneThreadPerPausedTask() {
    threads.add(1);
    threads.add(1);
    assertThat(pool.getCorePoolSize()).isEqualTo(6);
    threads.add(-1);
    assertThat(pool.getCorePoolSize()).isEqualTo(5);
    // The high-water mark stays the maximum, with a keep-alive for the thread above the core.
    assertThat(pool.getMaximumPoolSize()).isEqualTo(6);
    assertThat(pool.getKeepAliveTime(TimeUnit.SECONDS)).isEqualTo(PausedThreads.SPARE_THREAD_KEEP_ALIVE_S);
    threads.add(-1);
    assertThat(pool.getCorePoolSize()).isEqualTo(4);
    assertThat(threads.paused()).isZero();
  }

  @Test
  void moreResumesThanPausesFailLoudlyAndLeaveThePoolAlone() {
    assertThatThrownBy(() -> threads.add(-1)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("more tasks resumed than paused");
    assertThat(pool.getCorePoolSize()).isEqualTo(4);
  }
}
