package org.sparrow.nodemonitor.queue;

import java.util.HashMap;
import java.util.Map;

/** Slots per user name, dropping users that reach zero (so the map stays as small as the users). */
final class UserCounts {

  private final Map<String, Integer> counts = new HashMap<>();

  void add(String user, int slots) {
    counts.merge(user, slots, (a, b) -> a + b == 0 ? null : a + b);
  }

  int get(String user) {
    return counts.getOrDefault(user, 0);
  }

  Map<String, Integer> snapshot() {
    return Map.copyOf(counts);
  }

  void clear() {
    counts.clear();
  }
}
