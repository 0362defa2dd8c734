package org.sparrow.scheduler;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.sparrow.common.Clock;
import org.sparrow.common.Membership;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.failure.NodeCallFailedException;
import org.sparrow.scheduler.failure.NodeHealth;
import org.sparrow.scheduler.failure.NodeJobIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the scheduler does when a node monitor fails: departures, suspect marking after failed
 * calls (for every job at once, through the node -> jobs index), recovery, handed-back
 * reservations and the short liveness check of the node monitors this scheduler's jobs use.
 * Decisions come from {@link NodeHealth} and the jobs; this class only routes them.
 */
final class FailureResponses {

  private static final Logger LOG = LoggerFactory.getLogger(FailureResponses.class);

  private final NodeJobIndex<Job> index;
  private final NodeHealth health;
  private final Membership<NodeMonitorInfo> membership;
  private final ReservationDispatcher dispatcher;
  private final Clock clock;
  private final SchedulerMetrics metrics;
  private final Map<String, Job> jobs;
  private final Set<String> pinging = ConcurrentHashMap.newKeySet();
  /** Left ZooKeeper but still answered: their work goes on, and the liveness check keeps watching them. */
  private final Map<String, NodeMonitorInfo> unlisted = new ConcurrentHashMap<>();
  private EffectRunner runner;

  FailureResponses(NodeJobIndex<Job> index, NodeHealth health, Membership<NodeMonitorInfo> membership,
      ReservationDispatcher dispatcher, Clock clock, SchedulerMetrics metrics, Map<String, Job> jobs) {
    this.index = index;
    this.health = health;
    this.membership = membership;
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.metrics = metrics;
    this.jobs = jobs;
  }

  /** Set once, right after construction (the runner and this class refer to each other). */
  void runner(EffectRunner r) {
    this.runner = r;
  }

  /** ZooKeeper confirmed the node monitor gone. */
  void nodeLeft(String nodeId) {
    unlisted.remove(nodeId);
    health.gone(nodeId);
    for (Job job : index.jobsOn(nodeId)) {
      runner.perform(job, job.nodeLeft(nodeId));
    }
  }

  /**
   * ZooKeeper no longer lists the node monitor. A session can expire under a live process, and a
   * process restarted on the same address replaces the entry: so the departure is confirmed with
   * a ping first. No answer: the node monitor is gone. An answer: only work placed on another
   * incarnation than the one that answered is lost.
   */
  void nodeDeparted(NodeMonitorInfo member) {
    CompletionStage<String> ping;
    try {
      ping = dispatcher.ping(member);
    } catch (RuntimeException e) {
      nodeLeft(member.id());
      return;
    }
    ping.whenComplete((bootId, err) -> {
      try {
        if (err != null) {
          LOG.info("Node monitor {} left and does not answer; failing or re-placing what it held", member.id());
          nodeLeft(member.id());
        } else {
          LOG.info("Node monitor {} left ZooKeeper but answers (incarnation '{}'); keeping its work",
              member.id(), bootId);
          unlisted.put(member.id(), member);
          incarnationSeen(member.id(), bootId == null ? "" : bootId);
          for (Job job : index.jobsOn(member.id())) {
            runner.perform(job, job.reservationsElsewhere(member.id()));
          }
        }
      } catch (RuntimeException e) {
        LOG.error("Handling the departure of node monitor {} failed", member.id(), e);
      }
    });
  }

  /** Membership lists this incarnation under the id (added or updated): work on older ones is lost. */
  void incarnationSeen(String nodeId, String bootId) {
    if (membership.snapshot().containsKey(nodeId)) {
      unlisted.remove(nodeId);
    }
    if (bootId.isEmpty()) {
      return;
    }
    if (health.incarnationSeen(nodeId, bootId) == NodeHealth.Change.RECOVERED) {
      LOG.info("Node monitor {} was restarted (incarnation '{}'); it may be sampled again", nodeId, bootId);
    }
    for (Job job : index.jobsOn(nodeId)) {
      runner.perform(job, job.incarnationSeen(nodeId, bootId));
    }
  }

  /** A call to the node monitor failed; a transport failure counts towards suspecting it. */
  void callFailed(NodeMonitorInfo node, Throwable err) {
    NodeCallFailedException f = NodeCallFailedException.in(err);
    if (f == null) {
      return;
    }
    if (health.failed(node.id(), node.bootId(), f.refused(), clock.nanoTime()) == NodeHealth.Change.SUSPECT) {
      metrics.nodesSuspected.mark();
      LOG.warn("Node monitor {} is suspect ({}): no new reservations; re-placing what it held",
          node.id(), f.getMessage());
      for (Job job : index.jobsOn(node.id())) {
        runner.perform(job, job.nodeSuspect(node.id()));
      }
    }
  }

  /** The node monitor answered a call or called us: a suspect one is trusted again. */
  void answered(String nodeId) {
    if (health.answered(nodeId) == NodeHealth.Change.RECOVERED) {
      LOG.info("Node monitor {} answers again; it may be sampled again", nodeId);
    }
  }

  /** The node monitor drains: no job samples it any more (its queued reservations come back). */
  void nodeDraining(String nodeId, String bootId) {
    if (bootId == null || bootId.isEmpty()) {
      // The incarnation listed now: the one that drains, so its restart (a new boot id) ends it.
      NodeMonitorInfo listed = membership.snapshot().get(nodeId);
      bootId = listed == null ? "" : listed.bootId();
    }
    if (health.draining(nodeId, bootId)) {
      LOG.info("Node monitor {} drains: no new reservations for it", nodeId);
    }
  }

  /** The node monitor dropped these requests' reservations unrun (it is draining). */
  void reservationsReturned(String nodeId, Iterable<String> requestIds) {
    nodeDraining(nodeId, "");
    for (String requestId : requestIds) {
      Job job = requestId == null ? null : jobs.get(RequestIds.jobOf(requestId));
      if (job != null) {
        runner.perform(job, job.reservationsReturned(nodeId));
      }
    }
  }

  /**
   * Pings each node monitor that holds reservations or tasks of an active job (one ping in
   * flight per node monitor): a dead one is found within one round, not when its ZooKeeper
   * session expires. Call periodically.
   */
  void checkLiveness() {
    Map<String, NodeMonitorInfo> live = membership.snapshot();
    // Suspects holding no work are pinged too: nothing else would call them (they get no
    // reservations), so one that answers again would stay excluded until it left ZooKeeper.
    Set<String> nodes = new java.util.LinkedHashSet<>(index.nodes());
    for (String suspect : health.suspects()) {
      if (live.containsKey(suspect)) {
        nodes.add(suspect);
      }
    }
    for (String nodeId : nodes) {
      NodeMonitorInfo node = live.get(nodeId);
      boolean listed = node != null;
      if (node == null) {
        node = unlisted.get(nodeId);
      }
      if (node == null || !pinging.add(nodeId)) {
        continue;
      }
      NodeMonitorInfo pinged = node;
      CompletionStage<String> ping;
      try {
        ping = dispatcher.ping(node);
      } catch (RuntimeException e) {
        pinging.remove(nodeId);
        continue;
      }
      ping.whenComplete((ok, err) -> {
        pinging.remove(nodeId);
        try {
          if (err == null) {
            answered(nodeId);
            if (ok != null && !ok.isEmpty()) {
              incarnationSeen(nodeId, ok);  // restarted between two pings: its old work is gone
            }
          } else if (!listed) {
            nodeLeft(nodeId);  // ZooKeeper said gone, and now it does not answer either
          } else {
            callFailed(pinged, err);
          }
        } catch (RuntimeException e) {
          LOG.error("Handling the liveness check of {} failed", nodeId, e);
        }
      });
    }
  }
}
