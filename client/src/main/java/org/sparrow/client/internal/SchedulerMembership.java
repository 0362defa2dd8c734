package org.sparrow.client.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.sparrow.common.Closeables;
import org.sparrow.common.ClusterDirectory;
import org.sparrow.common.HostPort;
import org.sparrow.common.MembershipListener;
import org.sparrow.common.SchedulerInfo;
import org.sparrow.zk.ZkClusterDirectory;

/**
 * The schedulers a client may submit to: the live entries of a membership view (ZooKeeper, kept
 * current by a watch), or a fixed list of addresses when the client was given no view. Also what
 * each registered scheduler advertises about itself (its request limits).
 */
public final class SchedulerMembership implements AutoCloseable {

  private static final Comparator<HostPort> BY_NAME = Comparator.comparing(HostPort::toString);

  private final ClusterDirectory directory;
  private final boolean ownsDirectory;
  private final List<HostPort> fixed;
  private volatile List<HostPort> lastKnown = List.of();
  private volatile List<SchedulerInfo> lastRegistered = List.of();
  private volatile AutoCloseable listener;

  private SchedulerMembership(ClusterDirectory directory, boolean ownsDirectory, List<HostPort> fixed) {
    this.directory = directory;
    this.ownsDirectory = ownsDirectory;
    this.fixed = List.copyOf(fixed);
  }

  /**
   * The view a client's configuration names: {@code given} if set (not closed here), else a
   * ZooKeeper view of {@code cluster} this object starts and closes, else the fixed addresses.
   */
  public static SchedulerMembership open(ClusterDirectory given, String zookeeper, String cluster,
      List<HostPort> fixed) {
    if (given != null) {
      return new SchedulerMembership(given, false, fixed);
    }
    if (zookeeper != null) {
      ZkClusterDirectory zk = ZkClusterDirectory.builder().connectString(zookeeper).clusterName(cluster).build();
      zk.start();
      return new SchedulerMembership(zk, true, fixed);
    }
    return new SchedulerMembership(null, false, fixed);
  }

  /** A fixed list of addresses and nothing advertised (tests of the pure logic). */
  public static SchedulerMembership fixed(List<HostPort> schedulers) {
    return new SchedulerMembership(null, false, schedulers);
  }

  /** A view that is not closed here (tests). */
  public static SchedulerMembership of(ClusterDirectory directory) {
    return new SchedulerMembership(directory, false, List.of());
  }

  /**
   * Calls {@code onRemoved} with the address of every scheduler whose entry disappears. Only a
   * hint: a flap of its ZooKeeper session alone must never fail a job, so the caller asks the
   * scheduler itself.
   */
  public void onRemoved(Consumer<HostPort> onRemoved) {
    if (directory == null) {
      return;
    }
    listener = directory.schedulers().addListener(new MembershipListener<>() {
      @Override
      public void added(String id, SchedulerInfo member) {}

      @Override
      public void removed(String id, SchedulerInfo member) {
        onRemoved.accept(member.address());
      }
    });
  }

  /** Addresses to submit to now, sorted by name (the round-robin's order). */
  public List<HostPort> addresses() {
    if (directory == null) {
      return fixed;
    }
    List<HostPort> now = directory.schedulers().snapshot().values().stream()
        .map(SchedulerInfo::address).sorted(BY_NAME).toList();
    if (now.isEmpty()) {
      // ZooKeeper restarting, or every session flapping at once: the schedulers last seen are
      // still the best guess (a dead one is skipped by its refused connection).
      return lastKnown;
    }
    lastKnown = now;
    return now;
  }

  /**
   * The registered schedulers' entries, with what each advertises (empty for fixed addresses).
   * When the view is empty, the entries last seen, as {@link #addresses()} falls back to their
   * addresses: the schedulers a job may then go to keep their limits.
   */
  public Collection<SchedulerInfo> registered() {
    if (directory == null) {
      return List.of();
    }
    Collection<SchedulerInfo> now = directory.schedulers().snapshot().values();
    if (now.isEmpty()) {
      return lastRegistered;
    }
    List<SchedulerInfo> copy = List.copyOf(now);
    lastRegistered = copy;
    return copy;
  }

  @Override
  public void close() {
    Closeables.closeQuietly(listener);
    if (ownsDirectory) {
      Closeables.closeQuietly(directory);
    }
  }
}
