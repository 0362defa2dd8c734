package org.sparrow.nodemonitor;

/**
 * A task fetch got no answer in time: the scheduler may be frozen or overloaded and may still act
 * on the request later. Unlike a refused connection (a dead scheduler), this keeps the request's
 * reservations: the scheduler is only skipped for a while ({@link SlowSchedulers}), and the fetcher
 * asks again in the background for the answer it may have missed.
 */
public final class SchedulerUnresponsiveException extends RuntimeException {

  public SchedulerUnresponsiveException(String message, Throwable cause) {
    super(message, cause);
  }
}
