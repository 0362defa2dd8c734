package org.sparrow.scheduler;

/**
 * This scheduler will not take a job now, though the request itself is fine: it is draining, or
 * the request arrived past its submit deadline. The client may send it to another scheduler
 * (on the wire: IncompleteRequestException with retryElsewhere set).
 */
public final class SubmitRefusedException extends IllegalStateException {

  public SubmitRefusedException(String message) {
    super(message);
  }
}
