package org.sparrow.scheduler;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A job {@link Scheduler#accept accepted} but not yet kept: its reservations go out only once
 * the adapter says its answer went out ({@link #sent}). A request with a submit deadline whose
 * answer was not written before that deadline (the scheduler froze in between, or the client
 * hung up) is dropped unrun, because the client, not having heard back by the deadline plus its
 * margin, sends the job to another scheduler: so it never runs in both places.
 */
public final class Acceptance {

  private final String requestId;
  private final Consumer<Boolean> settle;
  private final AtomicBoolean settled = new AtomicBoolean();

  Acceptance(String requestId, Consumer<Boolean> settle) {
    this.requestId = requestId;
    this.settle = settle;
  }

  /** The id to answer with. */
  public String requestId() {
    return requestId;
  }

  /**
   * The answer was handed to the wire ({@code true}) or could not be ({@code false}); the job is
   * kept or dropped now. Only the first call counts.
   */
  public void sent(boolean written) {
    if (settled.compareAndSet(false, true)) {
      settle.accept(written);
    }
  }
}
