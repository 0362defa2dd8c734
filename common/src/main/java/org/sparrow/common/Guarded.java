package org.sparrow.common;

import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Periodic tasks that cannot die silently. A {@link java.util.concurrent.ScheduledExecutorService}
 * stops rescheduling a task that throws, without a word; a wrapped task catches every
 * {@link Throwable}, logs it, and goes on after an {@link Exception}; after an {@link Error}
 * (out of memory, a linkage error: the process is not sound any more) it hands the error to the
 * daemon's fatal path instead.
 */
public final class Guarded {

  private Guarded() {}

  public static Runnable periodic(String what, Logger log, Runnable task, Consumer<Throwable> fatal) {
    return () -> {
      try {
        task.run();
      } catch (Exception e) {
        log.error("{} failed; trying again next time", what, e);
      } catch (Throwable t) {
        log.error("{} failed with an error", what, t);
        fatal.accept(t);
      }
    };
  }
}
