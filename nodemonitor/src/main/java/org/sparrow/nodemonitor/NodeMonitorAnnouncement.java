package org.sparrow.nodemonitor;

import java.util.Objects;
import java.util.Set;
import org.sparrow.common.Closeables;
import org.sparrow.common.ClusterDirectory;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.Registration;

/**
 * A node monitor's entry in the cluster directory: announced once it serves, updated when its
 * set of backend apps changes, withdrawn first on close (so schedulers stop sampling it before
 * its servers stop answering). Withdrawn is final: a late apps change announces nothing.
 */
final class NodeMonitorAnnouncement implements AutoCloseable {

  private final ClusterDirectory directory;
  private NodeMonitorInfo info;  // guarded by this
  private Registration<NodeMonitorInfo> registration;  // guarded by this
  private boolean withdrawn;  // guarded by this

  NodeMonitorAnnouncement(ClusterDirectory directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  /** Announces {@code first}; a no-op once withdrawn (a close raced the start). */
  synchronized void announce(NodeMonitorInfo first) {
    if (withdrawn || registration != null) {
      return;
    }
    info = first;
    registration = directory.register(first);
  }

  /** Announces a new set of backend apps, if it changed. */
  synchronized void backendApps(Set<String> apps) {
    if (registration == null || withdrawn || info.backendApps().equals(apps)) {
      return;
    }
    info = info.withBackendApps(apps);
    registration.update(info);
  }

  /** What is announced (with the current backend apps); null before {@link #announce}. */
  synchronized NodeMonitorInfo info() {
    return info;
  }

  /** Withdraws the entry; idempotent. */
  @Override
  public synchronized void close() {
    withdrawn = true;
    Closeables.closeQuietly(registration);
  }
}
