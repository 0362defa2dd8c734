package org.sparrow.common.thrift;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Lets a handler running inside a {@link ThriftServer} call learn when its answer left: the
 * listener runs (on the connection's event loop) once the reply's bytes were handed to the
 * kernel ({@code true}), or could not be written ({@code false}: the connection closed, the
 * call failed). A scheduler uses it to keep a job only if its answer went out before the
 * request's submit deadline. Bound to the calling thread for the duration of one call, as the
 * generated processors pass no context to handlers; outside a call, {@link #whenSent} says so.
 *
 * <p>Every frame of every service opens and closes a call, but only a scheduler's submit ever
 * registers a listener, so the common path costs one thread-local read and two field writes:
 * each thread keeps one reusable {@link Call}, and its listener list exists only once a
 * listener was registered.
 */
public final class ReplyWritten {

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

  /** The dispatcher opens a call on the thread that runs the processor, and closes the call it got. */
  static Call open() {
    Call call = CURRENT.get();
    call.open = true;
    call.listeners = null;
    return call;
  }

  static void tell(List<Consumer<Boolean>> listeners, boolean sent) {
    for (Consumer<Boolean> l : listeners) {
      try {
        l.accept(sent);
      } catch (RuntimeException e) {
        LoggerFactory.getLogger(ReplyWritten.class).error("A reply listener failed", e);
      }
    }
  }

  /** One thread's current call; reused for every call that thread runs. */
  static final class Call {
    private boolean open;
    private List<Consumer<Boolean>> listeners;

    private Call() {}

    /** Ends the call; its listeners, or an empty list when none registered (the usual case). */
    List<Consumer<Boolean>> close() {
      List<Consumer<Boolean>> l = listeners;
      open = false;
      listeners = null;
      return l == null ? List.of() : l;
    }
  }
}
