package org.sparrow.sim;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A network with a fixed one-way delay and no loss: a message arrives {@code oneWayNanos}
 * after it is sent, and messages sent at the same time arrive in the order they were sent.
 */
public final class SimNetwork {

  private final Simulation sim;
  private final long oneWayNanos;
  private long messages;

  public SimNetwork(Simulation sim, long oneWayNanos) {
    if (oneWayNanos < 0) {
      throw new IllegalArgumentException("network delay must not be negative, got " + oneWayNanos + " ns");
    }
    this.sim = sim;
    this.oneWayNanos = oneWayNanos;
  }

  public long oneWayNanos() {
    return oneWayNanos;
  }

  /** A one-way message: {@code delivery} runs at the receiver after the delay. */
  public void send(Runnable delivery) {
    messages++;
    sim.after(oneWayNanos, delivery);
  }

  /**
   * A request/response call: {@code remote} runs at the receiver after one delay; its answer
   * completes the returned stage at the caller after another.
   */
  public <T> CompletionStage<T> call(Supplier<? extends CompletionStage<T>> remote) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    send(() -> remote.get().whenComplete((value, error) -> send(() -> {
      if (error != null) {
        answer.completeExceptionally(error);
      } else {
        answer.complete(value);
      }
    })));
    return answer;
  }

  /** Messages sent so far (each call counts two). */
  public long messages() {
    return messages;
  }
}
