package org.sparrow.nodemonitor.queue;

import java.util.HashMap;
import java.util.Map;

/**
 * Which sub-queue holds a request's queued slots, and how many, so a cancel goes straight to it.
 * Every reservation of a request has the same user and priority, hence the same sub-queue.
 */
final class RequestIndex<K> {

  private static final class Ref<K> {
    final K key;
    int slots;

    Ref(K key) {
      this.key = key;
    }
  }

  private final Map<String, Ref<K>> byRequest = new HashMap<>();

  void queued(String requestId, K key, int slots) {
    byRequest.computeIfAbsent(requestId, id -> new Ref<>(key)).slots += slots;
  }

  void claimed(String requestId, int slots) {
    Ref<K> ref = byRequest.get(requestId);
    if (ref != null && (ref.slots -= slots) <= 0) {
      byRequest.remove(requestId);
    }
  }

  /** Forgets the request; the key of the sub-queue that held it, or null. */
  K remove(String requestId) {
    Ref<K> ref = byRequest.remove(requestId);
    return ref == null ? null : ref.key;
  }

  void clear() {
    byRequest.clear();
  }
}
