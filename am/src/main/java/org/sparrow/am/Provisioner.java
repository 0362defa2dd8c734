package org.sparrow.am;

import java.util.ArrayList;
import java.util.Collection;
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
 *   <li>A container leaves service by draining (when a drain timeout is set): its daemon is asked
 *       to finish its work and deregister, and only then is the container released. A resize
 *       down drains the newest containers; a pre-emption notice drains the named ones (and
 *       asks for replacements at once); stop drains the schedulers first, so that they finish
 *       their accepted jobs on node monitors that still run, then the node monitors.
 *   <li>Stop finishes as succeeded once every container has ended.
 *   <li>The failure count and history continue those of the previous attempt (restored with
 *       {@link #restoreFailures}; counted by {@link FailureBudget}).
 * </ul>
 *
 * Not thread-safe: {@link ContainerManager} serializes the events.
 */
public final class Provisioner {

  private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);

  private final Map<Role, RoleBook> books = new EnumMap<>(Role.class);
  private final FailureBudget failures;
  private final long drainTimeoutMs;
  private final Clock clock;
  private boolean registered;
  private boolean stopping;
  private boolean finished;

  /**
   * @param targets     containers wanted per role (a missing role: none)
   * @param shapes      resources asked per container of each role (before clamping)
   * @param maxFailures container failures tolerated before the application fails
   */
  public Provisioner(Map<Role, Integer> targets, Map<Role, ContainerShape> shapes, int maxFailures, Clock clock) {
    this(targets, shapes, maxFailures, 0, clock);
  }

  /**
   * @param drainTimeoutMs how long a daemon may take to drain before its container is released
   *                       anyway; 0 releases containers without draining them
   */
  public Provisioner(Map<Role, Integer> targets, Map<Role, ContainerShape> shapes, int maxFailures,
      long drainTimeoutMs, Clock clock) {
    if (drainTimeoutMs < 0) {
      throw new IllegalArgumentException("drain timeout must be >= 0, got " + drainTimeoutMs);
    }
    this.drainTimeoutMs = drainTimeoutMs;
    this.failures = new FailureBudget(maxFailures);
    for (Role role : Role.values()) {
      int target = targets.getOrDefault(role, 0);
      checkTarget(role, target);
      ContainerShape shape = shapes.get(role);
      if (shape == null) {
        throw new IllegalArgumentException("no container size given for " + role.label() + "s");
      }
      books.put(role, new RoleBook(role, target, shape));
    }
    this.clock = clock;
  }

  /** Continues the failure accounting of a previous attempt (call before {@link #registered}). */
  public void restoreFailures(int count, List<String> recent) {
    if (registered) {
      throw new IllegalStateException("failures must be restored before registration");
    }
    failures.restore(count, recent);
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
      plan.add(new Action.WithdrawAsk(c.role(), c.id()));
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
        if (!finished && !stopping) {
          book.reconcile(plan, clock.currentTimeMillis(), drainTimeoutMs);
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
        TrackedContainer drained = book.draining.remove(done.containerId());
        if (drained != null) {
          LOG.info("Draining {} container {} ended (exit status {})", book.role.label(), done.containerId(),
              done.exitStatus());
          plan.add(new Action.EndDrain(drained.container()));
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
    advanceStop(plan);
    finishIfStopped(plan);
    return plan;
  }

  /**
   * A draining container's daemon is done (deregistered), or it ran out of time: release the
   * container and withdraw the drain request.
   */
  public List<Action> drained(String containerId, String how) {
    List<Action> plan = new ArrayList<>();
    for (RoleBook book : books.values()) {
      if (book.draining.containsKey(containerId)) {
        LOG.info("{} container {} drained ({}); releasing it", book.role.label(), containerId, how);
        book.release(containerId, plan, clock.currentTimeMillis());
      }
    }
    advanceStop(plan);
    finishIfStopped(plan);
    return plan;
  }

  /**
   * The ResourceManager will take these containers back soon (a pre-emption notice): drain
   * them now, and ask for their replacements, instead of losing their tasks to the kill.
   */
  public List<Action> preempting(Collection<String> containerIds) {
    List<Action> plan = new ArrayList<>();
    if (stopping || finished) {
      return plan;
    }
    long now = clock.currentTimeMillis();
    for (String id : containerIds) {
      for (RoleBook book : books.values()) {
        if (book.active.containsKey(id)) {
          LOG.warn("{} container {} is to be pre-empted; draining it", book.role.label(), id);
          book.retire(id, plan, now, drainTimeoutMs);
        }
      }
    }
    reconcileAll(plan);
    return plan;
  }

  /**
   * The ResourceManager lists these containers as live: a released one it no longer lists has
   * ended even if its completion report never reached this attempt (completion reports are
   * not repeated to a restarted AM).
   */
  public List<Action> liveContainers(Collection<String> live) {
    List<Completion> gone = new ArrayList<>();
    for (RoleBook book : books.values()) {
      for (String id : book.releasing.keySet()) {
        if (!live.contains(id)) {
          gone.add(new Completion(id, ExitStatuses.ABORTED, "no longer listed by the ResourceManager"));
        }
      }
    }
    if (gone.isEmpty()) {
      return List.of();
    }
    LOG.info("The ResourceManager no longer lists released containers {}: they have ended",
        gone.stream().map(Completion::containerId).toList());
    return completed(gone);
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
      book.reconcile(plan, clock.currentTimeMillis(), drainTimeoutMs);
    }
    return plan;
  }

  /**
   * Stops every container, schedulers first (they finish their accepted jobs while the node
   * monitors still run); the plan finishes the application once they have all ended.
   */
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

  public boolean isStopping() {
    return stopping;
  }

  public boolean isFinished() {
    return finished;
  }

  public ProvisionerSnapshot snapshot() {
    List<RoleStatus> roles = books.values().stream().map(RoleBook::status).toList();
    return new ProvisionerSnapshot(roles, failures.count(), failures.max(), failures.recent(), stopping, finished);
  }

  private void reconcileAll(List<Action> plan) {
    if (!registered) {
      return;
    }
    long now = clock.currentTimeMillis();
    for (RoleBook book : books.values()) {
      book.reconcile(plan, now, drainTimeoutMs);
    }
  }

  private void releaseAll(List<Action> plan) {
    long now = clock.currentTimeMillis();
    for (RoleBook book : books.values()) {
      for (; book.pendingAsks > 0; book.pendingAsks--) {
        plan.add(new Action.WithdrawAsk(book.role));
      }
    }
    retireAll(books.get(Role.SCHEDULER), plan, now);
    advanceStop(plan);
  }

  /** While stopping: once no scheduler can hand out work any more, the node monitors go. */
  private void advanceStop(List<Action> plan) {
    if (!stopping || finished || !registered || books.get(Role.SCHEDULER).hasWorkingDaemons()) {
      return;
    }
    retireAll(books.get(Role.NODE_MONITOR), plan, clock.currentTimeMillis());
  }

  private void retireAll(RoleBook book, List<Action> plan, long now) {
    for (String id : new ArrayList<>(book.active.keySet())) {
      book.retire(id, plan, now, drainTimeoutMs);
    }
  }

  private void finishIfStopped(List<Action> plan) {
    if (stopping && !finished && books.values().stream().allMatch(RoleBook::isEmpty)) {
      finished = true;
      plan.add(new Action.Finish(true, "stopped on request"));
    }
  }

  private void recordFailure(List<Action> plan, ContainerRef c, String what) {
    String line = c.role().label() + " container " + c.id() + " on " + c.host() + " " + what;
    boolean exceeded = failures.record(line, plan);
    LOG.warn("Container failure {} of at most {}: {}", failures.count(), failures.max(), line);
    if (exceeded && !finished) {
      finished = true;
      plan.add(new Action.Finish(false, failures.exceeded()));
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
