package org.sparrow.scheduler;

import java.util.concurrent.CompletableFuture;

/**
 * Which job the submit running on this thread started, so its reservations wait until the
 * adapter says whether the answer went out in time ({@link Acceptance}). A thread-bound value
 * because {@link org.sparrow.scheduler.admission.Admission} starts the job deep inside the
 * submit call and passes no context; it lives only for that call ({@link #open} ... {@link
 * #close}). Jobs started on any other path (from the waiting queue, later) are not held.
 */
final class AnswerHolds {

  /** The job of one submit, and whether it is kept. */
  static final class Hold {
    private String requestId;  // the first id handed out during the submit
    final CompletableFuture<Boolean> keep = new CompletableFuture<>();
  }

  private static final CompletableFuture<Boolean> KEEP = CompletableFuture.completedFuture(true);

  private final ThreadLocal<Hold> current = new ThreadLocal<>();

  /** A submit starts on this thread. */
  Hold open() {
    Hold h = new Hold();
    current.set(h);
    return h;
  }

  void close() {
    current.remove();
  }

  /** A request id was handed out on this thread: the first one is the submit's job. */
  void issued(String requestId) {
    Hold h = current.get();
    if (h != null && h.requestId == null) {
      h.requestId = requestId;
    }
  }

  /** What the placement of this job waits for before its reservations go out. */
  CompletableFuture<Boolean> keepOf(String requestId) {
    Hold h = current.get();
    return h != null && requestId.equals(h.requestId) ? h.keep : KEEP;
  }
}
