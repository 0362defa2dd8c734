package org.sparrow.nodemonitor;

import java.util.ArrayDeque;
import java.util.List;
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
