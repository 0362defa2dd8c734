package org.sparrow.nodemonitor;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the actions the core decided on, outside its lock. A fetcher or launcher may complete
 * synchronously (fakes, the simulator), which calls back into the core and yields more
 * actions; those are queued behind the current ones on this thread instead of recursing, so
 * long chains of synchronous completions do not grow the stack.
 */
final class ActionRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ActionRunner.class);

  private final ThreadLocal<ArrayDeque<Runnable>> draining = new ThreadLocal<>();

  /**
   * Starts an asynchronous call (a fetch, a launch) and hands its result or failure to
   * {@code then}; a call that throws instead of returning a stage counts as a failed stage, and a
   * {@code then} that throws is logged (naming {@code what}) rather than lost in the stage.
   */
  static <T> void call(Supplier<CompletionStage<T>> start, BiConsumer<T, Throwable> then, Object what) {
    CompletionStage<T> stage;
    try {
      stage = start.get();
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete((value, error) -> {
      try {
        then.accept(value, error);
      } catch (RuntimeException e) {
        LOG.error("Handling the end of {} failed", what, e);
      }
    });
  }

  void run(List<Runnable> actions) {
    if (actions.isEmpty()) {
      return;
    }
    ArrayDeque<Runnable> queue = draining.get();
    if (queue != null) {
      queue.addAll(actions);
      return;
    }
    queue = new ArrayDeque<>(actions);
    draining.set(queue);
    try {
      Runnable action;
      while ((action = queue.poll()) != null) {
        try {
          action.run();
        } catch (RuntimeException e) {
          LOG.error("Node monitor action failed", e);
        }
      }
    } finally {
      draining.remove();
    }
  }
}
