package org.sparrow.nodemonitor.task;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.sparrow.common.HostPort;

/**
 * The application backends on this node, by app. One backend per app: registering again (a
 * restarted backend) replaces the address. A backend that refuses connections is marked down
 * ({@link #markDown}): its app is no longer among {@link #apps()} (so it is no longer announced)
 * until the backend registers again.
 */
public final class BackendRegistry {

  /** Told after every registration; must not block. */
  @FunctionalInterface
  public interface Listener {
    /** @param previous the address it replaced, or null for a new app */
    void registered(String app, HostPort previous, HostPort current);
  }

  /**
   * One registration of an app's backend. A restarted backend registers again, often at the same
   * address, so only the generation tells the old incarnation from the new one.
   */
  public record Registration(HostPort address, long generation) {}

  private final Map<String, Registration> backends = new ConcurrentHashMap<>();
  private final AtomicLong generations = new AtomicLong();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> appsListeners = new CopyOnWriteArrayList<>();
  private final Set<Registration> down = ConcurrentHashMap.newKeySet();

  public void addListener(Listener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Told whenever {@link #apps()} may have changed (registration, backend marked down). */
  public void addAppsListener(Runnable listener) {
    appsListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Marks this registration of {@code app}'s backend down (it refused a connection), unless it
   * was replaced meanwhile.
   *
   * @return true if it was up until now (the caller warns once)
   */
  public boolean markDown(String app, Registration registration) {
    if (!registration.equals(backends.get(app)) || !down.add(registration)) {
      return false;
    }
    appsListeners.forEach(Runnable::run);
    return true;
  }

  public boolean isDown(Registration registration) {
    return down.contains(registration);
  }

  /** Registers or replaces the backend of {@code app}; returns the address it replaced. */
  public HostPort register(String app, HostPort address) {
    if (app == null || app.isEmpty()) {
      throw new IllegalArgumentException("backend registration has no app name");
    }
    Objects.requireNonNull(address, "address");
    Registration previous = backends.put(app,
        new Registration(address, generations.incrementAndGet()));
    HostPort previousAddress = previous == null ? null : previous.address();
    boolean wasDown = previous != null && down.remove(previous);
    for (Listener l : listeners) {
      l.registered(app, previousAddress, address);
    }
    if (previous == null || wasDown) {
      appsListeners.forEach(Runnable::run);
    }
    return previousAddress;
  }

  /** The backend of {@code app}, or null. */
  public HostPort lookup(String app) {
    Registration r = backends.get(app);
    return r == null ? null : r.address();
  }

  /** The current registration of {@code app}'s backend, or null. */
  public Registration registration(String app) {
    return backends.get(app);
  }

  /** Apps with a registered backend that is not marked down, sorted. */
  public Set<String> apps() {
    Set<String> apps = new TreeSet<>();
    backends.forEach((app, r) -> {
      if (!down.contains(r)) {
        apps.add(app);
      }
    });
    return apps;
  }
}
