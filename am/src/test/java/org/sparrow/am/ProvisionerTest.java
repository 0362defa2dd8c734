package org.sparrow.am;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvisionerTest {

  private static final ContainerShape NM_SHAPE = new ContainerShape(1024, 2);
  private static final ContainerShape SCHED_SHAPE = new ContainerShape(512, 1);
  private static final ContainerShape BIG_CLUSTER = new ContainerShape(8192, 8);

  private final ManualClock clock = new ManualClock();
  private int nextId = 1;

  private Provisioner provisioner(int schedulers, int nodeMonitors, int maxFailures) {
    return new Provisioner(Map.of(Role.SCHEDULER, schedulers, Role.NODE_MONITOR, nodeMonitors),
        Map.of(Role.SCHEDULER, SCHED_SHAPE, Role.NODE_MONITOR, NM_SHAPE), maxFailures, clock);
  }

  private ContainerRef container(Role role) {
    String id = "container_1_0001_01_" + String.format("%06d", nextId++);
    return new ContainerRef(id, "host" + nextId, "host" + nextId + ":8041", role,
        role == Role.SCHEDULER ? SCHED_SHAPE : NM_SHAPE);
  }

  private static long count(List<Action> plan, Class<? extends Action> type) {
    return plan.stream().filter(type::isInstance).count();
  }

  static List<Action> withoutRecords(List<Action> plan) {
    return plan.stream().filter(a -> !(a instanceof Action.RecordFailures)).toList();
  }

  private static long asks(List<Action> plan, Role role) {
    return plan.stream().filter(a -> a instanceof Action.Ask ask && ask.role() == role).count();
  }

  /** Registers and grants every ask, returning the launched containers. */
  private List<ContainerRef> registerAndGrantAll(Provisioner p, int schedulers, int nodeMonitors) {
    p.registered(BIG_CLUSTER, List.of());
    List<ContainerRef> granted = new java.util.ArrayList<>();
    for (int i = 0; i < schedulers; i++) {
      granted.add(container(Role.SCHEDULER));
    }
    for (int i = 0; i < nodeMonitors; i++) {
      granted.add(container(Role.NODE_MONITOR));
    }
    List<Action> plan = p.allocated(granted);
    assertThat(count(plan, Action.Launch.class)).isEqualTo(granted.size());
    granted.forEach(c -> p.started(c.id()));
    return granted;
  }

  @Test
  void registrationAsksForEveryWantedContainer() {
    Provisioner p = provisioner(2, 3, 5);
    List<Action> plan = p.registered(BIG_CLUSTER, List.of());
    assertThat(asks(plan, Role.SCHEDULER)).isEqualTo(2);
    assertThat(asks(plan, Role.NODE_MONITOR)).isEqualTo(3);
    assertThat(plan).contains(new Action.Ask(Role.NODE_MONITOR, NM_SHAPE), new Action.Ask(Role.SCHEDULER, SCHED_SHAPE));
    assertThat(p.snapshot().role(Role.NODE_MONITOR).pendingAsks()).isEqualTo(3);
  }

  @Test
  void nothingIsAskedBeforeRegistration() {
    Provisioner p = provisioner(1, 1, 5);
    assertThat(p.resize(Role.NODE_MONITOR, 4)).isEmpty();
    assertThat(asks(p.registered(BIG_CLUSTER, List.of()), Role.NODE_MONITOR)).isEqualTo(4);
  }

  @Test
  void asksAreClampedToTheClusterMaximum() {
    Provisioner p = provisioner(1, 1, 5);
    List<Action> plan = p.registered(new ContainerShape(768, 1), List.of());
    assertThat(plan).contains(new Action.Ask(Role.NODE_MONITOR, new ContainerShape(768, 1)),
        new Action.Ask(Role.SCHEDULER, new ContainerShape(512, 1)));
    assertThat(p.snapshot().role(Role.NODE_MONITOR).shape()).isEqualTo(new ContainerShape(768, 1));
  }

  @Test
  void grantedContainersAreLaunchedAndTheirAsksWithdrawn() {
    Provisioner p = provisioner(0, 2, 5);
    p.registered(BIG_CLUSTER, List.of());
    ContainerRef c = container(Role.NODE_MONITOR);
    List<Action> plan = p.allocated(List.of(c));
    assertThat(plan).containsExactly(new Action.WithdrawAsk(Role.NODE_MONITOR, c.id()), new Action.Launch(c));
    RoleStatus status = p.snapshot().role(Role.NODE_MONITOR);
    assertThat(status.pendingAsks()).isEqualTo(1);
    assertThat(status.containers()).singleElement().extracting(TrackedContainer::state).isEqualTo(ContainerState.LAUNCHING);
    p.started(c.id());
    assertThat(p.snapshot().role(Role.NODE_MONITOR).containers()).singleElement()
        .extracting(TrackedContainer::state).isEqualTo(ContainerState.RUNNING);
  }

  @Test
  void aGrantNobodyAskedForIsReleased() {
    Provisioner p = provisioner(0, 1, 5);
    registerAndGrantAll(p, 0, 1);
    ContainerRef extra = container(Role.NODE_MONITOR);
    assertThat(p.allocated(List.of(extra))).containsExactly(new Action.Release(extra));
    // Its completion is expected and not replaced.
    assertThat(p.completed(List.of(new Completion(extra.id(), ExitStatuses.ABORTED, "released")))).isEmpty();
    assertThat(p.snapshot().failures()).isZero();
  }

  @Test
  void preemptedAndAbortedContainersAreReplacedWithoutCountingAsFailures() {
    Provisioner p = provisioner(1, 2, 0);
    List<ContainerRef> running = registerAndGrantAll(p, 1, 2);
    ContainerRef nm = running.get(1);
    ContainerRef sched = running.get(0);
    List<Action> plan = p.completed(List.of(
        new Completion(nm.id(), ExitStatuses.PREEMPTED, "preempted"),
        new Completion(sched.id(), ExitStatuses.ABORTED, "node lost")));
    assertThat(plan).containsExactlyInAnyOrder(new Action.Ask(Role.NODE_MONITOR, NM_SHAPE),
        new Action.Ask(Role.SCHEDULER, SCHED_SHAPE));
    assertThat(p.snapshot().failures()).isZero();
    assertThat(p.isFinished()).isFalse();
  }

  @Test
  void failedContainersAreReplacedUpToTheLimitThenTheApplicationFails() {
    Provisioner p = provisioner(0, 1, 2);
    registerAndGrantAll(p, 0, 1);
    for (int failure = 1; failure <= 2; failure++) {
      ContainerRef running = p.snapshot().role(Role.NODE_MONITOR).containers().get(0).container();
      List<Action> plan = p.completed(List.of(new Completion(running.id(), 137, "Killed by signal 9")));
      assertThat(withoutRecords(plan)).containsExactly(new Action.Ask(Role.NODE_MONITOR, NM_SHAPE));
      assertThat(plan).filteredOn(a -> a instanceof Action.RecordFailures).singleElement()
          .isInstanceOfSatisfying(Action.RecordFailures.class, r -> assertThat(r.failures()).isEqualTo(p.snapshot().failures()));
      assertThat(p.snapshot().failures()).isEqualTo(failure);
      ContainerRef replacement = container(Role.NODE_MONITOR);
      p.allocated(List.of(replacement));
    }
    ContainerRef last = p.snapshot().role(Role.NODE_MONITOR).containers().get(0).container();
    List<Action> plan = p.completed(List.of(new Completion(last.id(), 1, "Exception in thread main\nboom")));
    assertThat(count(plan, Action.Ask.class)).isZero();
    assertThat(withoutRecords(plan)).singleElement().isInstanceOfSatisfying(Action.Finish.class, f -> {
      assertThat(f.succeeded()).isFalse();
      assertThat(f.diagnostics()).contains("3 container failures", "limit of 2", last.id(),
          "exited with status 1: Exception in thread main | boom");
    });
    assertThat(p.isFinished()).isTrue();
    // After finishing, nothing is asked any more.
    assertThat(p.allocated(List.of(container(Role.NODE_MONITOR)))).allMatch(a -> a instanceof Action.Release);
  }

  @Test
  void aFailedLaunchReleasesTheContainerCountsAFailureAndAsksAgain() {
    Provisioner p = provisioner(0, 1, 3);
    p.registered(BIG_CLUSTER, List.of());
    ContainerRef c = container(Role.NODE_MONITOR);
    p.allocated(List.of(c));
    List<Action> plan = p.launchFailed(c.id(), "java.io.IOException: localization failed");
    assertThat(withoutRecords(plan)).containsExactly(new Action.Release(c), new Action.Ask(Role.NODE_MONITOR, NM_SHAPE));
    assertThat(p.snapshot().failures()).isEqualTo(1);
    assertThat(p.snapshot().recentFailures()).singleElement().asString().contains("localization failed");
    // The release's completion is not a second failure.
    assertThat(p.completed(List.of(new Completion(c.id(), ExitStatuses.ABORTED, "")))).isEmpty();
    assertThat(p.snapshot().failures()).isEqualTo(1);
  }

  @Test
  void containersOfThePreviousAttemptAreAdoptedAndOnlyTheDeficitIsAsked() {
    Provisioner p = provisioner(2, 3, 5);
    ContainerRef s1 = container(Role.SCHEDULER);
    ContainerRef n1 = container(Role.NODE_MONITOR);
    ContainerRef n2 = container(Role.NODE_MONITOR);
    List<Action> plan = p.registered(BIG_CLUSTER, List.of(s1, n1, n2));
    assertThat(count(plan, Action.Launch.class)).isZero();
    assertThat(asks(plan, Role.SCHEDULER)).isEqualTo(1);
    assertThat(asks(plan, Role.NODE_MONITOR)).isEqualTo(1);
    assertThat(p.snapshot().role(Role.NODE_MONITOR).containers())
        .extracting(TrackedContainer::state).containsOnly(ContainerState.RUNNING);
    // An adopted container that ends is replaced like any other.
    assertThat(p.completed(List.of(new Completion(n1.id(), ExitStatuses.PREEMPTED, ""))))
        .containsExactly(new Action.Ask(Role.NODE_MONITOR, NM_SHAPE));
  }

  @Test
  void adoptedContainersBeyondTheTargetAreReleased() {
    Provisioner p = provisioner(0, 1, 5);
    ContainerRef n1 = container(Role.NODE_MONITOR);
    ContainerRef n2 = container(Role.NODE_MONITOR);
    List<Action> plan = p.registered(BIG_CLUSTER, List.of(n1, n2));
    assertThat(plan).containsExactly(new Action.Release(n2));
  }

  @Test
  void resizeUpAsksAndResizeDownWithdrawsAsksBeforeReleasingTheNewestContainers() {
    Provisioner p = provisioner(1, 2, 5);
    List<ContainerRef> running = registerAndGrantAll(p, 1, 2);
    assertThat(p.resize(Role.NODE_MONITOR, 5)).containsExactly(
        new Action.Ask(Role.NODE_MONITOR, NM_SHAPE), new Action.Ask(Role.NODE_MONITOR, NM_SHAPE),
        new Action.Ask(Role.NODE_MONITOR, NM_SHAPE));
    ContainerRef third = container(Role.NODE_MONITOR);
    p.allocated(List.of(third));
    // 3 running + 2 asked; down to 1: withdraw both asks, then release the two newest.
    List<Action> plan = p.resize(Role.NODE_MONITOR, 1);
    assertThat(plan).containsExactly(new Action.WithdrawAsk(Role.NODE_MONITOR), new Action.WithdrawAsk(Role.NODE_MONITOR),
        new Action.Release(third), new Action.Release(running.get(2)));
    RoleStatus status = p.snapshot().role(Role.NODE_MONITOR);
    assertThat(status.activeCount()).isEqualTo(1);
    assertThat(status.containers()).filteredOn(c -> c.state() == ContainerState.RELEASING).hasSize(2);
    // Released containers that end are not replaced, and are not failures.
    assertThat(p.completed(List.of(new Completion(third.id(), -105, "killed by the AM"),
        new Completion(running.get(2).id(), ExitStatuses.ABORTED, "released")))).isEmpty();
    assertThat(p.snapshot().failures()).isZero();
    assertThat(p.snapshot().role(Role.NODE_MONITOR).containers()).singleElement()
        .extracting(t -> t.container().id()).isEqualTo(running.get(1).id());
  }

  @Test
  void resizeRejectsNegativeCounts() {
    Provisioner p = provisioner(1, 1, 5);
    assertThatThrownBy(() -> p.resize(Role.NODE_MONITOR, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node monitors must be >= 0");
  }

  @Test
  void stopReleasesEverythingAndFinishesOnceAllContainersEnded() {
    Provisioner p = provisioner(1, 2, 5);
    List<ContainerRef> running = registerAndGrantAll(p, 1, 2);
    p.resize(Role.NODE_MONITOR, 3);
    List<Action> plan = p.stop("test");
    assertThat(plan).contains(new Action.WithdrawAsk(Role.NODE_MONITOR));
    assertThat(count(plan, Action.Release.class)).isEqualTo(3);
    assertThat(count(plan, Action.Finish.class)).isZero();
    assertThat(p.completed(List.of(new Completion(running.get(0).id(), ExitStatuses.ABORTED, ""),
        new Completion(running.get(1).id(), 143, "")))).isEmpty();
    assertThat(p.completed(List.of(new Completion(running.get(2).id(), ExitStatuses.ABORTED, ""))))
        .containsExactly(new Action.Finish(true, "stopped on request"));
    assertThatThrownBy(() -> p.resize(Role.NODE_MONITOR, 3)).isInstanceOf(IllegalStateException.class);
    assertThat(p.stop("again")).isEmpty();
  }

  @Test
  void stopWithoutContainersFinishesAtOnce() {
    Provisioner p = provisioner(0, 0, 5);
    p.registered(BIG_CLUSTER, List.of());
    assertThat(p.stop("test")).containsExactly(new Action.Finish(true, "stopped on request"));
  }

  @Test
  void containersGrantedWhileStoppingAreReleased() {
    Provisioner p = provisioner(0, 2, 5);
    p.registered(BIG_CLUSTER, List.of());
    ContainerRef c = container(Role.NODE_MONITOR);
    p.allocated(List.of(c));
    p.stop("test");
    ContainerRef late = container(Role.NODE_MONITOR);
    assertThat(p.allocated(List.of(late))).containsExactly(new Action.Release(late));
    p.completed(List.of(new Completion(c.id(), ExitStatuses.ABORTED, "")));
    assertThat(p.completed(List.of(new Completion(late.id(), ExitStatuses.ABORTED, ""))))
        .containsExactly(new Action.Finish(true, "stopped on request"));
  }

  @Test
  void completionsOfUnknownContainersAreIgnored() {
    Provisioner p = provisioner(0, 1, 5);
    registerAndGrantAll(p, 0, 1);
    assertThat(p.completed(List.of(new Completion("container_1_0001_01_999999", 1, "")))).isEmpty();
    assertThat(p.snapshot().failures()).isZero();
  }

  @Test
  void anErrorFinishesTheApplicationAsFailedOnce() {
    Provisioner p = provisioner(0, 1, 5);
    assertThat(p.fail("RM unreachable")).containsExactly(new Action.Finish(false, "RM unreachable"));
    assertThat(p.fail("again")).isEmpty();
  }

  @Test
  void stateTimestampsComeFromTheClock() {
    Provisioner p = provisioner(0, 1, 5);
    p.registered(BIG_CLUSTER, List.of());
    ContainerRef c = container(Role.NODE_MONITOR);
    long granted = clock.currentTimeMillis();
    p.allocated(List.of(c));
    clock.advanceMillis(2_000);
    p.started(c.id());
    TrackedContainer t = p.snapshot().role(Role.NODE_MONITOR).containers().get(0);
    assertThat(t.sinceMillis()).isEqualTo(granted + 2_000);
  }
}
