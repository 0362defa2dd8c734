package org.sparrow.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory membership that changes only when told to; for tests and the simulator. */
public final class StaticMembership<T> implements Membership<T> {

  private volatile Map<String, T> members = Map.of();
  private final List<MembershipListener<T>> listeners = new CopyOnWriteArrayList<>();

  public static <T> StaticMembership<T> of(Map<String, T> initial) {
    StaticMembership<T> m = new StaticMembership<>();
    m.members = Map.copyOf(initial);
    return m;
  }

  @Override
  public Map<String, T> snapshot() {
    return members;
  }

  @Override
  public AutoCloseable addListener(MembershipListener<T> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public synchronized void put(String id, T member) {
    Map<String, T> next = new LinkedHashMap<>(members);
    T previous = next.put(id, member);
    members = Map.copyOf(next);
    for (MembershipListener<T> l : listeners) {
      if (previous == null) {
        l.added(id, member);
      } else {
        l.updated(id, member);
      }
    }
  }

  public synchronized void remove(String id) {
    Map<String, T> next = new LinkedHashMap<>(members);
    T previous = next.remove(id);
    if (previous == null) {
      return;
    }
    members = Map.copyOf(next);
    for (MembershipListener<T> l : listeners) {
      l.removed(id, previous);
    }
  }
}
