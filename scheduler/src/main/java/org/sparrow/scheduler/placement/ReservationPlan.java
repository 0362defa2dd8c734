package org.sparrow.scheduler.placement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparrow.common.NodeMonitorInfo;

/**
 * What a {@link PlacementPolicy} decided, before anything is sent: per node monitor, how many
 * reservations to place, which per-task-sampled tasks they were placed for, and (for policies
 * without late binding) which tasks are bound to that node. A dispatcher turns each entry into
 * one enqueueReservations call.
 */
public final class ReservationPlan {

  /**
   * @param node       where to reserve
   * @param count      slots reserved there, bound tasks included
   * @param sampledFor per-task-sampled tasks this node was chosen for; late binding hands them to
   *                   this node first
   * @param bound      tasks bound to this node (run in order, no getTasks round trip); empty
   *                   under late binding
   */
  public record Entry(NodeMonitorInfo node, int count, List<String> sampledFor, List<String> bound) {
    public Entry {
      sampledFor = List.copyOf(sampledFor);
      bound = List.copyOf(bound);
      if (count < bound.size() || count <= 0) {
        throw new IllegalArgumentException("entry for " + node.id() + " reserves " + count
            + " slots for " + bound.size() + " bound tasks");
      }
    }
  }

  private static final ReservationPlan EMPTY = new ReservationPlan(Map.of());

  private final Map<String, Entry> entries;

  private ReservationPlan(Map<String, Entry> entries) {
    this.entries = entries;
  }

  public static ReservationPlan empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Entries in the order the policy produced them. */
  public Collection<Entry> entries() {
    return entries.values();
  }

  public Entry entry(String nodeId) {
    return entries.get(nodeId);
  }

  public int nodeCount() {
    return entries.size();
  }

  public int totalReservations() {
    int sum = 0;
    for (Entry e : entries.values()) {
      sum += e.count();
    }
    return sum;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReservationPlan p && p.entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ReservationPlan{");
    entries.values().forEach(e -> sb.append(e.node().id()).append('=').append(e.count())
        .append(e.bound().isEmpty() ? "" : " bound " + e.bound()).append("; "));
    return sb.append('}').toString();
  }

  /** Accumulates reservations; several calls for one node add up into one entry. */
  public static final class Builder {
    private final Map<String, Mutable> byNode = new LinkedHashMap<>();

    private static final class Mutable {
      final NodeMonitorInfo node;
      int count;
      List<String> sampledFor = List.of();  // allocated on first use: most entries have none
      List<String> bound = List.of();

      Mutable(NodeMonitorInfo node) {
        this.node = node;
      }
    }

    private Builder() {}

    private Mutable at(NodeMonitorInfo node) {
      return byNode.computeIfAbsent(node.id(), k -> new Mutable(node));
    }

    /** Reserves {@code count} slots any of the job's feasible tasks may use (late binding). */
    public Builder reserve(NodeMonitorInfo node, int count) {
      if (count <= 0) {
        throw new IllegalArgumentException("count must be positive, got " + count);
      }
      at(node).count += count;
      return this;
    }

    /** Reserves one slot on behalf of a per-task-sampled task. */
    public Builder reserveFor(NodeMonitorInfo node, String taskId) {
      Mutable m = at(node);
      m.count++;
      if (m.sampledFor.isEmpty()) {
        m.sampledFor = new ArrayList<>();
      }
      m.sampledFor.add(taskId);
      return this;
    }

    /** Binds a task to a node (policies without late binding); reserves its slot. */
    public Builder bind(NodeMonitorInfo node, String taskId) {
      Mutable m = at(node);
      m.count++;
      if (m.bound.isEmpty()) {
        m.bound = new ArrayList<>();
      }
      m.bound.add(taskId);
      return this;
    }

    public ReservationPlan build() {
      Map<String, Entry> out = new LinkedHashMap<>();
      byNode.forEach((id, m) -> out.put(id, new Entry(m.node, m.count, m.sampledFor, m.bound)));
      return new ReservationPlan(Collections.unmodifiableMap(out));
    }
  }
}
