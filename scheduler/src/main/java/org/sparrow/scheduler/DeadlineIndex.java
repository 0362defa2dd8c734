package org.sparrow.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** Active jobs ordered by deadline, so expiry looks only at the jobs that are due. Thread-safe. */
final class DeadlineIndex {

  /** Orders deadlines; seq breaks ties between jobs submitted in the same nanosecond. */
  private record Key(long nanos, long seq) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = Long.compare(nanos, o.nanos);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final Map<Job, Key> keyOf = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<Key, Job> byDeadline = new ConcurrentSkipListMap<>();
  private final AtomicLong seq = new AtomicLong();

  void add(Job job) {
    Key key = new Key(job.deadlineNanos, seq.incrementAndGet());
    keyOf.put(job, key);
    byDeadline.put(key, job);
  }

  void remove(Job job) {
    Key key = keyOf.remove(job);
    if (key != null) {
      byDeadline.remove(key);
    }
  }

  /** Removes and returns the jobs whose deadline is at or before {@code nowNanos}, earliest first. */
  List<Job> takeDue(long nowNanos) {
    List<Job> due = new ArrayList<>();
    Map.Entry<Key, Job> e;
    while ((e = byDeadline.firstEntry()) != null && e.getKey().nanos() - nowNanos <= 0) {
      if (byDeadline.remove(e.getKey()) != null) {
        keyOf.remove(e.getValue());
        due.add(e.getValue());
      }
    }
    return due;
  }
}
