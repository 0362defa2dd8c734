package org.sparrow.common;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The LATENT -> STARTED -> CLOSED state of a component, as Curator guards its recipes:
 * start() runs once, close() is idempotent and may be called without start().
 */
public final class Lifecycle {

  public enum State { LATENT, STARTED, CLOSED }

  private final String name;
  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);

  public Lifecycle(String name) {
    this.name = name;
  }

  /** Moves to STARTED; throws if already started or closed. */
  public void markStarted() {
    if (!state.compareAndSet(State.LATENT, State.STARTED)) {
      throw new IllegalStateException(name + " cannot be started: it is " + state.get());
    }
  }

  /** Moves to CLOSED; returns false if it already was, so close() bodies run once. */
  public boolean markClosed() {
    return state.getAndSet(State.CLOSED) != State.CLOSED;
  }

  public State state() {
    return state.get();
  }

  public boolean isStarted() {
    return state.get() == State.STARTED;
  }

  public void checkStarted() {
    if (state.get() != State.STARTED) {
      throw new IllegalStateException(name + " is " + state.get() + ", not STARTED");
    }
  }
}
