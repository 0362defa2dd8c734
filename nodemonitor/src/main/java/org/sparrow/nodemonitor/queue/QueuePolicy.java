package org.sparrow.nodemonitor.queue;

/** A named way of ordering a node monitor's reservations: a factory of fresh queues. */
public interface QueuePolicy {

  /** The name operators choose it by ({@code --queue-policy}, cluster settings). */
  String name();

  /** One line for help texts. */
  String description();

  /** A new, empty queue (queues are never shared between node monitors). */
  ReservationQueue create(QueueConfig config);

  /** A policy from a name, a description and a factory. */
  static QueuePolicy of(String name, String description,
      java.util.function.Function<QueueConfig, ReservationQueue> factory) {
    return new QueuePolicy() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public ReservationQueue create(QueueConfig config) {
        return factory.apply(config);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
