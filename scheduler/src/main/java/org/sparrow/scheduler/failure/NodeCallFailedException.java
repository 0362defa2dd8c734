package org.sparrow.scheduler.failure;

/**
 * A call to a node monitor failed in transport: either no connection could be opened
 * ({@link #refused}: nothing was sent, the strongest sign its process is gone), or the call
 * timed out or broke. Adapters translate their transport's errors into this, so the core can
 * weigh them without knowing the transport. A node monitor that answered with an error (it
 * refused a bad request) is not a failure of the node monitor and is never wrapped in this.
 */
public final class NodeCallFailedException extends RuntimeException {

  private final boolean refused;

  public NodeCallFailedException(String message, boolean refused, Throwable cause) {
    super(message, cause);
    this.refused = refused;
  }

  public boolean refused() {
    return refused;
  }

  /** The transport failure in {@code t}'s cause chain; null if the failure was something else. */
  public static NodeCallFailedException in(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof NodeCallFailedException f) {
        return f;
      }
    }
    return null;
  }
}
