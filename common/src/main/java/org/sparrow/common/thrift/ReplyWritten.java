package org.sparrow.common.thrift;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lets a handler running inside a {@link ThriftServer} call learn when its answer left: the
 * listener runs (on the connection's event loop) once the reply's bytes were handed to the
 * kernel ({@code true}), or could not be written ({@code false}: the connection closed, the
 * call failed). A scheduler uses it to keep a job only if its answer went out before the
 * request's submit deadline. Bound to the calling thread for the duration of one call, as the
 * generated processors pass no context to handlers; outside a call, {@link #whenSent} says so.
 */
public final class ReplyWritten {

  private static final ThreadLocal<List<Consumer<Boolean>>> CURRENT = new ThreadLocal<>();

  private ReplyWritten() {}

  /**
   * @return false (and the listener is not kept) when not called from a ThriftServer call
   */
  public static boolean whenSent(Consumer<Boolean> listener) {
    List<Consumer<Boolean>> l = CURRENT.get();
    if (l == null) {
      return false;
    }
    l.add(listener);
    return true;
  }

  /** The dispatcher opens a call on the thread that runs the processor. */
  static void open() {
    CURRENT.set(new ArrayList<>(0));
  }

  /** Closes the call; returns its listeners (empty if none). */
  static List<Consumer<Boolean>> close() {
    List<Consumer<Boolean>> l = CURRENT.get();
    CURRENT.remove();
    return l == null ? List.of() : l;
  }

  static void tell(List<Consumer<Boolean>> listeners, boolean sent) {
    for (Consumer<Boolean> l : listeners) {
      try {
        l.accept(sent);
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(ReplyWritten.class).error("A reply listener failed", e);
      }
    }
  }
}
