package org.sparrow.am;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparrow.common.Clock;

/**
 * The AM's container logic, free of YARN types: every event (registration, grants, starts,
 * completions, resize, stop) returns the plan of {@link Action}s that follows from it.
 *
 * <ul>
 *   <li>Containers that end are replaced. Ends the cluster caused (aborted, preempted, lost
 *       disks) are replaced freely; any other end counts as a failure, and once failures exceed
 *       the limit the application finishes as failed, with the recent failures as diagnostics.
 *   <li>Asks are clamped to the cluster's maximum container (YARN rejects larger ones).
 *   <li>Containers of a previous attempt are adopted, so a restarted AM does not restart its
 *       daemons; the deficit is asked for, a surplus released.
 *   <li>Stop releases everything and finishes as succeeded once every container has ended.
 * </ul>
 *
 * Not thread-safe: {@link ContainerManager} serializes the events.
 */
public final class Provisioner {

  private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);
  private static final int RECENT_FAILURES_KEPT = 5;

  private final Map<Role, RoleBook> books = new EnumMap<>(Role.class);
  private final int maxFailures;
  private final Clock clock;
  private final Deque<String> recentFailures = new ArrayDeque<>();
  private int failures;
  private boolean registered;
  private boolean stopping;
  private boolean finished;

  /**
   * @param targets     containers wanted per role (a missing role: none)
   * @param shapes      resources asked per container of each role (before clamping)
   * @param maxFailures container failures tolerated before the application fails
   */
  public Provisioner(Map<Role, Integer> targets, Map<Role, ContainerShape> shapes, int maxFailures, Clock clock) {
    if (maxFailures < 0) {
      throw new IllegalArgumentException("maximum container failures must be >= 0, got " + maxFailures);
    }
    for (Role role : Role.values()) {
      int target = targets.getOrDefault(role, 0);
      checkTarget(role, target);
      ContainerShape shape = shapes.get(role);
      if (shape == null) {
        throw new IllegalArgumentException("no container size given for " + role.label() + "s");
      }
      books.put(role, new RoleBook(role, target, shape));
    }
    this.maxFailures = maxFailures;
    this.clock = clock;
  }

  /**
   * The AM registered: clamp asks to the largest container the cluster grants, adopt the
   * containers still running from the previous attempt, and ask for the rest.
   */
  public List<Action> registered(ContainerShape maximum, List<ContainerRef> previousAttempt) {
    if (registered) {
      throw new IllegalStateException("registered twice");
    }
    registered = true;
    List<Action> plan = new ArrayList<>();
    long now = clock.currentTimeMillis();
    for (RoleBook book : books.values()) {
      ContainerShape clamped = book.shape.clampTo(maximum);
      if (!clamped.equals(book.shape)) {
        LOG.warn("{} containers of {} exceed the cluster's maximum {}; asking for {}",
            book.role.label(), book.shape, maximum, clamped);
      }
      book.shape = clamped;
    }
    for (ContainerRef c : previousAttempt) {
      LOG.info("Adopting {} container {} on {} from the previous attempt", c.role().label(), c.id(), c.host());
      books.get(c.role()).active.put(c.id(), new TrackedContainer(c, ContainerState.RUNNING, now));
    }
    if (!stopping) {
      reconcileAll(plan);
    } else {
      releaseAll(plan);
    }
    return plan;
  }

  /** Containers were granted: launch those an ask is waiting for, release any surplus. */
  public List<Action> allocated(Collection<ContainerRef> granted) {
    List<Action> plan = new ArrayList<>();
    long now = clock.currentTimeMillis();
    for (ContainerRef c : granted) {
      RoleBook book = books.get(c.role());
      if (finished || stopping || book.pendingAsks == 0) {
        // Granted after the ask was withdrawn (a resize down raced the grant): not wanted.
        book.releasing.put(c.id(), new TrackedContainer(c, ContainerState.RELEASING, now));
        plan.add(new Action.Release(c));
        continue;
      }
      book.pendingAsks--;
      plan.add(new Action.WithdrawAsk(c.role()));
      book.active.put(c.id(), new TrackedContainer(c, ContainerState.LAUNCHING, now));
      plan.add(new Action.Launch(c));
    }
    return plan;
  }

  /** A container's NodeManager confirmed the launch. */
  public List<Action> started(String containerId) {
    for (RoleBook book : books.values()) {
      book.active.computeIfPresent(containerId,
          (id, c) -> c.state() == ContainerState.LAUNCHING ? c.in(ContainerState.RUNNING, clock.currentTimeMillis()) : c);
    }
    return List.of();
  }

  /** A launch failed: give the container back and count it as a failure (then replace it). */
  public List<Action> launchFailed(String containerId, String error) {
    List<Action> plan = new ArrayList<>();
    for (RoleBook book : books.values()) {
      TrackedContainer c = book.active.get(containerId);
      if (c != null) {
        book.release(containerId, plan, clock.currentTimeMillis());
        recordFailure(plan, c.container(), "could not be launched: " + error);
        if (!finished) {
          book.reconcile(plan, clock.currentTimeMillis());
        }
      }
    }
    return plan;
  }

  /** Containers ended: forget released ones, replace the others. */
  public List<Action> completed(Collection<Completion> completions) {
    List<Action> plan = new ArrayList<>();
    for (Completion done : completions) {
      for (RoleBook book : books.values()) {
        if (book.releasing.remove(done.containerId()) != null) {
          LOG.info("Released {} container {} ended", book.role.label(), done.containerId());
          continue;
        }
        TrackedContainer c = book.active.remove(done.containerId());
        if (c == null) {
          continue;
        }
        if (stopping || finished) {
          LOG.info("{} container {} ended while stopping", book.role.label(), done.containerId());
        } else if (ExitStatuses.isClusterCaused(done.exitStatus())) {
          LOG.warn("{} container {} on {} was taken back by the cluster (exit status {}: {}); replacing it",
              book.role.label(), done.containerId(), c.container().host(), done.exitStatus(), oneLine(done.diagnostics()));
        } else {
          recordFailure(plan, c.container(), "exited with status " + done.exitStatus() + ": " + oneLine(done.diagnostics()));
        }
      }
    }
    if (!stopping && !finished) {
      reconcileAll(plan);
    }
    finishIfStopped(plan);
    return plan;
  }

  /** Changes how many containers a role should have, asking for or releasing the difference. */
  public List<Action> resize(Role role, int count) {
    checkTarget(role, count);
    if (stopping || finished) {
      throw new IllegalStateException("cannot resize: the application is stopping");
    }
    RoleBook book = books.get(role);
    if (book.target != count) {
      LOG.info("Resizing {}s from {} to {}", role.label(), book.target, count);
    }
    book.target = count;
    List<Action> plan = new ArrayList<>();
    if (registered) {
      book.reconcile(plan, clock.currentTimeMillis());
    }
    return plan;
  }

  /** Stops every container; the plan finishes the application once they have all ended. */
  public List<Action> stop(String reason) {
    List<Action> plan = new ArrayList<>();
    if (stopping || finished) {
      return plan;
    }
    LOG.info("Stopping: {}", reason);
    stopping = true;
    releaseAll(plan);
    finishIfStopped(plan);
    return plan;
  }

  /** An unrecoverable error (for example the ResourceManager connection failed). */
  public List<Action> fail(String diagnostics) {
    if (finished) {
      return List.of();
    }
    finished = true;
    return List.of(new Action.Finish(false, diagnostics));
  }

  public boolean isFinished() {
    return finished;
  }

  public ProvisionerSnapshot snapshot() {
    List<RoleStatus> roles = books.values().stream().map(RoleBook::status).toList();
    return new ProvisionerSnapshot(roles, failures, maxFailures, List.copyOf(recentFailures), stopping, finished);
  }

  private void reconcileAll(List<Action> plan) {
    if (!registered) {
      return;
    }
    long now = clock.currentTimeMillis();
    for (RoleBook book : books.values()) {
      book.reconcile(plan, now);
    }
  }

  private void releaseAll(List<Action> plan) {
    long now = clock.currentTimeMillis();
    for (RoleBook book : books.values()) {
      for (; book.pendingAsks > 0; book.pendingAsks--) {
        plan.add(new Action.WithdrawAsk(book.role));
      }
      for (String id : new ArrayList<>(book.active.keySet())) {
        book.release(id, plan, now);
      }
    }
  }

  private void finishIfStopped(List<Action> plan) {
    if (stopping && !finished && books.values().stream().allMatch(RoleBook::isEmpty)) {
      finished = true;
      plan.add(new Action.Finish(true, "stopped on request"));
    }
  }

  private void recordFailure(List<Action> plan, ContainerRef c, String what) {
    failures++;
    String line = c.role().label() + " container " + c.id() + " on " + c.host() + " " + what;
    LOG.warn("Container failure {} of at most {}: {}", failures, maxFailures, line);
    recentFailures.addLast(line);
    while (recentFailures.size() > RECENT_FAILURES_KEPT) {
      recentFailures.removeFirst();
    }
    if (failures > maxFailures && !finished) {
      finished = true;
      plan.add(new Action.Finish(false, failures + " container failures (more than the limit of "
          + maxFailures + "); the most recent: " + String.join("; ", recentFailures)));
    }
  }

  private static void checkTarget(Role role, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("the number of " + role.label() + "s must be >= 0, got " + count);
    }
  }

  private static String oneLine(String s) {
    if (s == null || s.isBlank()) {
      return "(no diagnostics)";
    }
    String line = s.strip().replaceAll("\\s*\\n\\s*", " | ");
    return line.length() > 500 ? line.substring(0, 500) + "..." : line;
  }
}
