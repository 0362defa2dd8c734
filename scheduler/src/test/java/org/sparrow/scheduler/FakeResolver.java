package org.sparrow.scheduler;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.sparrow.scheduler.admission.HostResolver;

/**
 * Resolves only the names a test gives it, plus address literals and {@code localhost}; this
 * machine's addresses are the loopback ones and those added with {@link #local}. Counts lookups.
 */
public final class FakeResolver implements HostResolver {

  private final Map<String, List<InetAddress>> names = new ConcurrentHashMap<>();
  private final List<InetAddress> local = new java.util.concurrent.CopyOnWriteArrayList<>();
  public final AtomicInteger lookups = new AtomicInteger();

  public FakeResolver name(String name, String... addresses) {
    List<InetAddress> out = new ArrayList<>();
    for (String a : addresses) {
      out.add(literal(a));
    }
    names.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(out));
    return this;
  }

  /** Makes the address one of this machine's. */
  public FakeResolver local(String address) {
    local.add(literal(address));
    return this;
  }

  @Override
  public List<InetAddress> resolve(String host) {
    lookups.incrementAndGet();
    List<InetAddress> known = names.get(host.toLowerCase(java.util.Locale.ROOT));
    if (known != null) {
      return known;
    }
    if (host.equalsIgnoreCase("localhost")) {
      return List.of(InetAddress.getLoopbackAddress());
    }
    if (host.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
      try {
        return List.of(literal(host));
      } catch (IllegalArgumentException e) {
        return List.of();
      }
    }
    return List.of();
  }

  @Override
  public boolean isLocal(InetAddress address) {
    return address.isLoopbackAddress() || address.isAnyLocalAddress() || local.contains(address);
  }

  private static InetAddress literal(String a) {
    try {
      return InetAddress.getByName(a);  // literals only: no lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(a, e);
    }
  }
}
