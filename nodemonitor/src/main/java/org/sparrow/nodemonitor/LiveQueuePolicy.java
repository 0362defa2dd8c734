package org.sparrow.nodemonitor;

import java.util.Objects;
import org.sparrow.common.Closeables;
import org.sparrow.common.ClusterDirectory;
import org.sparrow.common.ClusterSettings;
import org.sparrow.nodemonitor.queue.QueueConfig;
import org.sparrow.nodemonitor.queue.QueuePolicies;
import org.sparrow.nodemonitor.queue.ReservationQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node monitor's queue in line with the cluster settings: the cluster's queue policy
 * (unless this node fixed its own) and the cluster's weights either way. On a change it hands
 * the core a new queue, which takes over what is queued and in use ({@link
 * NodeMonitorCore#replaceQueue}); a policy this node does not know is logged and ignored.
 */
final class LiveQueuePolicy implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LiveQueuePolicy.class);

  private record Choice(String policy, QueueConfig config) {}

  private final QueuePolicies policies;
  private final String override;
  private final ClusterDirectory directory;
  private NodeMonitorCore core;  // guarded by this
  private Choice current;  // guarded by this
  private AutoCloseable listener;

  /** @param override this node's policy whatever the cluster says; null: follow the cluster */
  LiveQueuePolicy(QueuePolicies policies, String override, ClusterDirectory directory) {
    this.policies = Objects.requireNonNull(policies, "policies");
    this.override = override;
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  /** The queue to start with, under the current settings ({@value QueuePolicies#DEFAULT} if unusable). */
  synchronized ReservationQueue initialQueue() {
    current = choose(directory.settings());
    try {
      return policies.create(current.policy(), current.config());
    } catch (IllegalArgumentException e) {
      LOG.error("Queueing by {}: {}", QueuePolicies.DEFAULT, e.getMessage());
      current = new Choice(QueuePolicies.DEFAULT, current.config());
      return policies.create(QueuePolicies.DEFAULT, current.config());
    }
  }

  /** Starts following the settings for {@code core} (which runs {@link #initialQueue()}'s queue). */
  void follow(NodeMonitorCore core) {
    synchronized (this) {
      this.core = core;
    }
    listener = directory.addSettingsListener(this::apply);
    apply(directory.settings());  // a change between creating the core and listening
  }

  private Choice choose(ClusterSettings settings) {
    String policy = override != null ? override : settings.queuePolicy();
    return new Choice(policy, new QueueConfig(settings.weights(), settings.defaultWeight()));
  }

  private synchronized void apply(ClusterSettings settings) {
    Choice next = choose(settings);
    if (core == null || next.equals(current)) {
      return;
    }
    ReservationQueue queue;
    try {
      queue = policies.create(next.policy(), next.config());
    } catch (IllegalArgumentException e) {
      // Written by a newer CLI, or by hand: keep serving with what works.
      LOG.error("Keeping queue policy {}: the cluster settings ask for one this node monitor cannot use: {}",
          current.policy(), e.getMessage());
      return;
    }
    current = next;
    core.replaceQueue(queue);
    LOG.info("Now queueing by {} with weights {} (default {})", next.policy(), next.config().weights(),
        next.config().defaultWeight());
  }

  @Override
  public void close() {
    Closeables.closeQuietly(listener);
  }
}
