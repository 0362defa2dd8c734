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

  /** One per thread that runs calls, reused: opening and closing a call allocates nothing. */
  private static final class Call {
    boolean open;
    List<Consumer<Boolean>> listeners;  // created by the first whenSent of a call, rare
  }

  private static final ThreadLocal<Call> CURRENT = ThreadLocal.withInitial(Call::new);

  private ReplyWritten() {}

  /**
   * @return false (and the listener is not kept) when not called from a ThriftServer call
   */
  public static boolean whenSent(Consumer<Boolean> listener) {
    Call call = CURRENT.get();
    if (!call.open) {
      return false;
    }
    if (call.listeners == null) {
      call.listeners = new ArrayList<>(1);
    }
    call.listeners.add(listener);
    return true;
  }

  /** The dispatcher opens a call on the thread that runs the processor. */
  static void open() {
    CURRENT.get().open = true;
  }

  /** Closes the call; returns its listeners (empty if none). */
  static List<Consumer<Boolean>> close() {
    Call call = CURRENT.get();
    List<Consumer<Boolean>> l = call.listeners;
    call.open = false;
    call.listeners = null;
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
