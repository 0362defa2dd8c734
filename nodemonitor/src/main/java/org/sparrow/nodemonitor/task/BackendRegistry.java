package org.sparrow.nodemonitor.task;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sparrow.common.HostPort;

/**
 * The application backends on this node, by app. One backend per app: registering again (a
 * restarted backend) replaces the address.
 */
public final class BackendRegistry {

  /** Told after every registration; must not block. */
  @FunctionalInterface
  public interface Listener {
    /** @param previous the address it replaced, or null for a new app */
    void registered(String app, HostPort previous, HostPort current);
  }

  private final Map<String, HostPort> backends = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  public void addListener(Listener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Registers or replaces the backend of {@code app}; returns the address it replaced. */
  public HostPort register(String app, HostPort address) {
    if (app == null || app.isEmpty()) {
      throw new IllegalArgumentException("backend registration has no app name");
    }
    Objects.requireNonNull(address, "address");
    HostPort previous = backends.put(app, address);
    for (Listener l : listeners) {
      l.registered(app, previous, address);
    }
    return previous;
  }

  /** The backend of {@code app}, or null. */
  public HostPort lookup(String app) {
    return backends.get(app);
  }

  /** Apps with a registered backend, sorted. */
  public Set<String> apps() {
    return new TreeSet<>(backends.keySet());
  }
}
