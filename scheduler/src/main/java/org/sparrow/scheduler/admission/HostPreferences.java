package org.sparrow.scheduler.admission;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sparrow.common.Clock;
import org.sparrow.common.NodeMonitorInfo;

/**
 * Turns the host names in task preferences into the node monitors they mean, by address, as the
 * original Sparrow did ({@code InetAddress.getByName} on each preference, compared with each node
 * monitor's address): {@code localhost}, this machine's name, an IP, or a name in DNS such as the
 * HDFS block hosts Spark-on-Sparrow passes.
 *
 * <p>A name that equals a node monitor's id or advertised host (case-insensitive) needs no lookup
 * (placement matches it as it is). Any other name is resolved and matches every node monitor
 * whose advertised host resolves to one of the same addresses; all addresses of this machine
 * count as one, so {@code localhost}, the machine's name and its IPs all mean a node monitor
 * advertised as {@code 127.0.0.1} (or as any of them). A name that does not resolve, or matches
 * no node monitor, is kept: a node monitor may later register under it.
 *
 * <p>Lookups run on the submitting thread, only for names that need them, and are cached for
 * {@code ttlMs} (negative answers too), so a burst of jobs naming the same hosts costs one lookup
 * per host. Thread-safe.
 */
public final class HostPreferences {

  /** Key of every address of this machine. */
  private static final String LOCAL = "local";
  private static final int MAX_CACHED = 10_000;

  private record Cached(List<String> keys, long atNanos) {}

  private final HostResolver resolver;
  private final Clock clock;
  private final long ttlNanos;
  private final Map<String, Cached> byName = new ConcurrentHashMap<>();
  private volatile Matcher last;

  public HostPreferences(HostResolver resolver, Clock clock, long ttlMs) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttlMs < 0) {
      throw new IllegalArgumentException("ttlMs must not be negative");
    }
    this.ttlNanos = ttlMs * 1_000_000L;
  }

  /** A matcher over one membership snapshot (reused while the snapshot and the cache are current). */
  public Matcher matcher(Map<String, NodeMonitorInfo> members) {
    Matcher m = last;
    long now = clock.nanoTime();
    if (m == null || m.members != members || now - m.createdNanos >= ttlNanos) {
      m = new Matcher(members, now);
      last = m;
    }
    return m;
  }

  /** Address keys of a host: its IPs, with every address of this machine as {@link #LOCAL}. */
  private List<String> keysOf(String host) {
    long now = clock.nanoTime();
    Cached c = byName.get(host);
    if (c != null && now - c.atNanos < ttlNanos) {
      return c.keys;
    }
    Set<String> keys = new LinkedHashSet<>();
    for (InetAddress a : resolver.resolve(host)) {
      keys.add(resolver.isLocal(a) ? LOCAL : a.getHostAddress());
    }
    List<String> result = List.copyOf(keys);
    if (byName.size() >= MAX_CACHED) {
      byName.clear();  // crude, but bounded: so many distinct names only come from abuse
    }
    byName.put(host, new Cached(result, now));
    return result;
  }

  private static String normal(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }

  /** Matches preferences against one snapshot; the address index is built on first need. */
  public final class Matcher {
    private final Map<String, NodeMonitorInfo> members;
    private final long createdNanos;
    private final Set<String> literal;
    private Map<String, List<String>> idsByKey;

    private Matcher(Map<String, NodeMonitorInfo> members, long createdNanos) {
      this.members = members;
      this.createdNanos = createdNanos;
      this.literal = new HashSet<>(members.size() * 4);
      for (NodeMonitorInfo m : members.values()) {
        literal.add(m.id().toLowerCase(Locale.ROOT));
        literal.add(normal(m.host()));
      }
    }

    /**
     * The preference with the ids of the node monitors its names mean added (the names stay,
     * so a node monitor registering later under one of them matches too).
     *
     * @param names a task's preferred nodes; null or blank entries are left for validation
     */
    public List<String> expand(List<String> names) {
      List<String> out = null;
      for (String name : names) {
        if (name == null || name.isBlank() || literal.contains(normal(name))) {
          continue;
        }
        for (String key : keysOf(normal(name))) {
          for (String id : index().getOrDefault(key, List.of())) {
            if (out == null) {
              out = new ArrayList<>(names);
            }
            out.add(id);
          }
        }
      }
      return out == null ? names : List.copyOf(new LinkedHashSet<>(out));
    }

    private synchronized Map<String, List<String>> index() {
      if (idsByKey == null) {
        Map<String, List<String>> m = new HashMap<>();
        for (NodeMonitorInfo n : members.values()) {
          for (String key : keysOf(normal(n.host()))) {
            m.computeIfAbsent(key, k -> new ArrayList<>()).add(n.id());
          }
        }
        idsByKey = m;
      }
      return idsByKey;
    }
  }
}
