package org.sparrow.common;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Daemon threads that cannot die silently. A {@link java.util.concurrent.ScheduledExecutorService}
 * stops rescheduling a task that throws, without a word, and a submitted task's failure stays in
 * its future. Here every {@link Throwable} is looked at once, by {@link #route}: a
 * {@link VirtualMachineError} anywhere in its cause chain (out of memory, an internal error: the
 * process is not sound any more) goes to the daemon's one fatal path ({@link FatalHandler}:
 * leave ZooKeeper, log, exit non-zero); anything else is logged and the task, loop or pool goes on.
 */
public final class Guarded {

  private Guarded() {}

  /** Whether {@code t} or one of its causes is a {@link VirtualMachineError}. */
  public static boolean isFatal(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof VirtualMachineError) {
        return true;
      }
    }
    return false;
  }

  /** The one decision: fatal errors to {@code fatal}, everything else to the log. */
  public static void route(String what, Logger log, Throwable t, Consumer<Throwable> fatal) {
    if (isFatal(t)) {
      log.error("{} failed with a fatal error", what, t);
      fatal.accept(t);
    } else {
      log.error("{} failed; going on", what, t);
    }
  }

  /** A periodic task that logs and goes on after a failure, and routes a fatal error. */
  public static Runnable periodic(String what, Logger log, Runnable task, Consumer<Throwable> fatal) {
    return () -> {
      try {
        task.run();
      } catch (Throwable t) {
        route(what, log, t, fatal);
      }
    };
  }

  /** A fixed pool of {@code threads} daemon threads whose tasks' failures go through {@link #route}. */
  public static ThreadPoolExecutor pool(String name, int threads, Logger log, Consumer<Throwable> fatal) {
    return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        routedThreads(name)) {
      @Override
      protected void afterExecute(Runnable r, Throwable t) {
        super.afterExecute(r, t);
        check(name, log, r, t, fatal);
      }
    };
  }

  /**
   * A pool that starts a thread per task when none is idle (idle ones end after 60 s), for
   * threads that may block for long (a command's output reader); failures as for {@link #pool}.
   */
  public static ThreadPoolExecutor cachedPool(String name, Logger log, Consumer<Throwable> fatal) {
    return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new java.util.concurrent.SynchronousQueue<>(), routedThreads(name)) {
      @Override
      protected void afterExecute(Runnable r, Throwable t) {
        super.afterExecute(r, t);
        check(name, log, r, t, fatal);
      }
    };
  }

  /** A one-thread timer whose tasks' failures (also of periodic ones) go through {@link #route}. */
  public static ScheduledThreadPoolExecutor timer(String name, Logger log, Consumer<Throwable> fatal) {
    return new ScheduledThreadPoolExecutor(1, routedThreads(name)) {
      @Override
      protected void afterExecute(Runnable r, Throwable t) {
        super.afterExecute(r, t);
        check(name, log, r, t, fatal);
      }
    };
  }

  /**
   * For a daemon process: the default handler of threads that have none, so a fatal error that
   * escapes any thread of the process (a pool's worker ending on it included) takes the fatal path.
   */
  public static Thread.UncaughtExceptionHandler uncaught(Logger log, Consumer<Throwable> fatal) {
    return (thread, t) -> route("thread " + thread.getName(), log, t, fatal);
  }

  /**
   * The process's fatal path, for a component built without one: hands a fatal error to the
   * default uncaught-exception handler, which a daemon process sets to {@link #uncaught}.
   */
  public static Consumer<Throwable> processFatalPath() {
    return t -> {
      Thread.UncaughtExceptionHandler h = Thread.getDefaultUncaughtExceptionHandler();
      if (h != null) {
        h.uncaughtException(Thread.currentThread(), t);
      }
    };
  }

  /**
   * For {@code CompletableFuture.supplyAsync}, which keeps every failure in its future: a fatal
   * error also goes to the process's fatal path, then on into the future.
   */
  public static <T> java.util.function.Supplier<T> supplier(java.util.function.Supplier<T> body) {
    return supplier(processFatalPath(), body);
  }

  /** As {@link #supplier(java.util.function.Supplier)}, the fatal error to {@code fatal}. */
  public static <T> java.util.function.Supplier<T> supplier(Consumer<Throwable> fatal,
      java.util.function.Supplier<T> body) {
    return () -> {
      try {
        return body.get();
      } catch (Error e) {
        if (isFatal(e)) {
          fatal.accept(e);
        }
        throw e;
      }
    };
  }

  /** Daemon threads whose end on a failure says nothing more: afterExecute has routed it. */
  private static java.util.concurrent.ThreadFactory routedThreads(String name) {
    java.util.concurrent.ThreadFactory threads = NamedThreads.daemon(name);
    return r -> {
      Thread t = threads.newThread(r);
      t.setUncaughtExceptionHandler((thread, e) -> {});
      return t;
    };
  }

  private static void check(String name, Logger log, Runnable r, Throwable t, Consumer<Throwable> fatal) {
    Throwable failure = t;
    if (failure == null && r instanceof Future<?> f && f.isDone()) {
      try {
        f.get();
      } catch (CancellationException e) {
        return;
      } catch (ExecutionException e) {
        failure = e.getCause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure != null) {
      route("a task on " + name, log, failure, fatal);
    }
  }
}
