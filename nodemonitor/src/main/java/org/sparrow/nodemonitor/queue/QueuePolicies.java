package org.sparrow.nodemonitor.queue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The queue policies a node monitor knows, by name. An instance, not a static registry, so that
 * several node monitors (or a simulator) in one JVM can use different sets.
 */
public final class QueuePolicies {

  /** The default policy: the original Sparrow's arrival order. */
  public static final String DEFAULT = FifoReservationQueue.POLICY;

  private final Map<String, QueuePolicy> byName;

  private QueuePolicies(Map<String, QueuePolicy> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  /**
   * The built-in policies: {@value FifoReservationQueue#POLICY} (the default),
   * {@value PriorityReservationQueue#POLICY}, {@value PriorityReservationQueue#NONPREEMPTIVE_POLICY},
   * {@value WeightedFairReservationQueue#POLICY} and
   * {@value PriorityReservationQueue#FAIR_POLICY}.
   */
  public static QueuePolicies defaults() {
    return builder()
        .add(QueuePolicy.of(FifoReservationQueue.POLICY, "arrival order (the original Sparrow)",
            c -> new FifoReservationQueue()))
        .add(QueuePolicy.of(PriorityReservationQueue.POLICY,
            "strict priorities: smaller number first, FIFO within a priority; suspends running "
                + "lower-priority sleep/command tasks when no slot is free",
            PriorityReservationQueue::fifoWithin))
        .add(QueuePolicy.of(WeightedFairReservationQueue.POLICY,
            "weighted fair share of this node's slots across users, FIFO within a user",
            WeightedFairReservationQueue::new))
        .add(QueuePolicy.of(PriorityReservationQueue.FAIR_POLICY,
            "strict priorities (preemptive), weighted fair share across users within a priority",
            PriorityReservationQueue::weightedFairWithin))
        .add(QueuePolicy.of(PriorityReservationQueue.NONPREEMPTIVE_POLICY,
            "strict priorities as 'priority', but running work is never suspended",
            PriorityReservationQueue::fifoWithinNonPreemptive))
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The policy called {@code name}; the error lists the valid names. */
  public QueuePolicy get(String name) {
    QueuePolicy p = name == null ? null : byName.get(name.trim());
    if (p == null) {
      throw new IllegalArgumentException("unknown queue policy '" + name + "'; valid policies: "
          + String.join(", ", byName.keySet()));
    }
    return p;
  }

  /** A new queue of the named policy. */
  public ReservationQueue create(String name, QueueConfig config) {
    return get(name).create(config == null ? QueueConfig.DEFAULTS : config);
  }

  public Set<String> names() {
    return byName.keySet();
  }

  /** A registry with these policies plus, or instead of same-named ones, {@code more}. */
  public static final class Builder {
    private final Map<String, QueuePolicy> byName = new LinkedHashMap<>();

    private Builder() {}

    public Builder addAll(QueuePolicies others) {
      byName.putAll(others.byName);
      return this;
    }

    public Builder add(QueuePolicy policy) {
      String name = policy.name();
      if (name == null || name.isBlank() || !name.equals(name.trim())) {
        throw new IllegalArgumentException("policy name must be non-blank without spaces around: '" + name + "'");
      }
      byName.put(name, policy);
      return this;
    }

    public QueuePolicies build() {
      if (byName.isEmpty()) {
        throw new IllegalArgumentException("a registry needs at least one policy");
      }
      return new QueuePolicies(new LinkedHashMap<>(byName));
    }
  }
}
