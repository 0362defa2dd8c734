package org.sparrow.am;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the provisioner takes containers out of service when drains are on. */
class DrainPlanningTest {

  private static final ContainerShape NM = new ContainerShape(1024, 1);
  private static final ContainerShape SCHED = new ContainerShape(512, 1);
  private static final long DRAIN_MS = 20_000;

  private final ManualClock clock = new ManualClock();
  private int nextId = 1;

  private Provisioner provisioner(int schedulers, int nodeMonitors) {
    return new Provisioner(Map.of(Role.SCHEDULER, schedulers, Role.NODE_MONITOR, nodeMonitors),
        Map.of(Role.SCHEDULER, SCHED, Role.NODE_MONITOR, NM), 3, DRAIN_MS, clock);
  }

  private ContainerRef container(Role role) {
    String id = "container_1_0001_01_" + String.format("%06d", nextId++);
    return new ContainerRef(id, "host" + nextId, "host" + nextId + ":8041", role, role == Role.SCHEDULER ? SCHED : NM);
  }

  private List<ContainerRef> running(Provisioner p, int schedulers, int nodeMonitors) {
    p.registered(new ContainerShape(8192, 8), List.of());
    List<ContainerRef> all = new ArrayList<>();
    for (int i = 0; i < schedulers; i++) {
      all.add(container(Role.SCHEDULER));
    }
    for (int i = 0; i < nodeMonitors; i++) {
      all.add(container(Role.NODE_MONITOR));
    }
    p.allocated(all);
    all.forEach(c -> p.started(c.id()));
    return all;
  }

  private static List<ContainerRef> drained(List<Action> plan) {
    return plan.stream().filter(a -> a instanceof Action.Drain).map(a -> ((Action.Drain) a).container()).toList();
  }

  private static List<ContainerRef> released(List<Action> plan) {
    return plan.stream().filter(a -> a instanceof Action.Release).map(a -> ((Action.Release) a).container()).toList();
  }

  @Test
  void aResizeDownDrainsTheNewestAndReleasesOnlyOnceDrained() {
    Provisioner p = provisioner(0, 4);
    List<ContainerRef> nms = running(p, 0, 4);
    List<Action> plan = p.resize(Role.NODE_MONITOR, 1);
    assertThat(drained(plan)).containsExactly(nms.get(3), nms.get(2), nms.get(1));
    assertThat(plan).allMatch(a -> a instanceof Action.Drain d && d.timeoutMs() == DRAIN_MS);
    assertThat(p.snapshot().role(Role.NODE_MONITOR).activeCount()).isEqualTo(1);
    assertThat(p.snapshot().role(Role.NODE_MONITOR).containers()).filteredOn(c -> c.state() == ContainerState.DRAINING)
        .hasSize(3);

    // Drained: released, then the request withdrawn. Nothing is asked for: the target is 1.
    assertThat(p.drained(nms.get(3).id(), "deregistered"))
        .containsExactly(new Action.Release(nms.get(3)), new Action.EndDrain(nms.get(3)));
    // A drained daemon that exits (status 0) before its release is no failure and not replaced.
    assertThat(p.completed(List.of(new Completion(nms.get(2).id(), 0, "")))).containsExactly(new Action.EndDrain(nms.get(2)));
    assertThat(p.drained(nms.get(2).id(), "late")).isEmpty();
    assertThat(p.snapshot().failures()).isZero();
    assertThat(p.completed(List.of(new Completion(nms.get(3).id(), ExitStatuses.ABORTED, "released")))).isEmpty();
  }

  @Test
  void containersThatAreStillLaunchingAreReleasedWithoutADrain() {
    Provisioner p = provisioner(0, 1);
    p.registered(new ContainerShape(8192, 8), List.of());
    ContainerRef c = container(Role.NODE_MONITOR);
    p.allocated(List.of(c));
    assertThat(p.resize(Role.NODE_MONITOR, 0)).containsExactly(new Action.Release(c));
  }

  @Test
  void stopDrainsTheSchedulersFirstThenTheNodeMonitorsThenFinishes() {
    Provisioner p = provisioner(2, 2);
    List<ContainerRef> all = running(p, 2, 2);
    ContainerRef s1 = all.get(0);
    ContainerRef s2 = all.get(1);
    List<Action> plan = p.stop("operator");
    assertThat(drained(plan)).containsExactlyInAnyOrder(s1, s2);
    assertThat(released(plan)).isEmpty();

    plan = p.drained(s1.id(), "deregistered");
    assertThat(released(plan)).containsExactly(s1);
    assertThat(drained(plan)).isEmpty();
    // The last scheduler's container ends by itself (it exited 0 after draining): now the node monitors.
    plan = p.completed(List.of(new Completion(s2.id(), 0, "")));
    assertThat(drained(plan)).containsExactlyInAnyOrder(all.get(2), all.get(3));
    assertThat(plan).noneMatch(a -> a instanceof Action.Finish);

    p.drained(all.get(2).id(), "deregistered");
    p.drained(all.get(3).id(), "timed out");
    p.completed(List.of(new Completion(s1.id(), ExitStatuses.ABORTED, "")));
    p.completed(List.of(new Completion(all.get(2).id(), ExitStatuses.ABORTED, "")));
    plan = p.completed(List.of(new Completion(all.get(3).id(), ExitStatuses.ABORTED, "")));
    assertThat(plan).containsExactly(new Action.Finish(true, "stopped on request"));
    assertThat(p.snapshot().failures()).isZero();
  }

  @Test
  void stopWithoutSchedulersDrainsTheNodeMonitorsAtOnce() {
    Provisioner p = provisioner(0, 2);
    List<ContainerRef> nms = running(p, 0, 2);
    assertThat(drained(p.stop("operator"))).containsExactlyInAnyOrderElementsOf(nms);
  }

  @Test
  void aStopAfterAnAmRestartEndsOnTheRmsListEvenWithoutCompletionReports() {
    Provisioner p = provisioner(0, 2);
    List<ContainerRef> nms = running(p, 0, 2);
    p.stop("operator");
    nms.forEach(c -> p.drained(c.id(), "deregistered"));
    // The RM still lists one of them: not done yet.
    assertThat(p.liveContainers(List.of(nms.get(0).id(), "container_am"))).isEmpty();
    assertThat(p.liveContainers(List.of("container_am"))).containsExactly(new Action.Finish(true, "stopped on request"));
  }

  @Test
  void aPreemptionNoticeDrainsTheContainerAndAsksForItsReplacementAtOnce() {
    Provisioner p = provisioner(0, 2);
    List<ContainerRef> nms = running(p, 0, 2);
    List<Action> plan = p.preempting(List.of(nms.get(0).id(), "container_not_ours"));
    assertThat(plan).containsExactly(new Action.Drain(nms.get(0), DRAIN_MS), new Action.Ask(Role.NODE_MONITOR, NM));
    // The RM repeats the notice every heartbeat: no second drain, no second ask.
    assertThat(p.preempting(List.of(nms.get(0).id()))).isEmpty();
    // Pre-empted while draining: neither a failure nor another replacement.
    assertThat(p.completed(List.of(new Completion(nms.get(0).id(), ExitStatuses.PREEMPTED, ""))))
        .containsExactly(new Action.EndDrain(nms.get(0)));
    assertThat(p.snapshot().failures()).isZero();
  }

  @Test
  void failuresContinueFromThePreviousAttemptAndEachChangeIsRecorded() {
    Provisioner p = provisioner(0, 1);
    p.restoreFailures(3, List.of("a", "b", "c", "d", "e", "f", "g"));
    assertThat(p.snapshot().failures()).isEqualTo(3);
    assertThat(p.snapshot().recentFailures()).containsExactly("c", "d", "e", "f", "g");
    List<ContainerRef> nms = running(p, 0, 1);
    // The limit is 3 over the application: this fourth failure ends it.
    List<Action> plan = p.completed(List.of(new Completion(nms.get(0).id(), 1, "crash")));
    assertThat(plan).filteredOn(a -> a instanceof Action.RecordFailures).singleElement()
        .isInstanceOfSatisfying(Action.RecordFailures.class, r -> {
          assertThat(r.failures()).isEqualTo(4);
          assertThat(r.recent()).hasSize(5).last().asString().contains(nms.get(0).id(), "crash");
        });
    assertThat(plan).filteredOn(a -> a instanceof Action.Finish).singleElement()
        .isInstanceOfSatisfying(Action.Finish.class, f -> assertThat(f.succeeded()).isFalse());
  }

  @Test
  void adoptedContainersOrderedByAgeSoAShrinkDrainsTheNewest() {
    List<String> ids = new ArrayList<>(List.of("container_1_0001_02_000011", "container_1_0001_01_000002",
        "container_e17_1_0001_01_000003", "container_1_0001_01_000010"));
    ids.sort(ContainerIds.ORDER);
    assertThat(ids).containsExactly("container_1_0001_01_000002", "container_1_0001_01_000010",
        "container_1_0001_02_000011", "container_e17_1_0001_01_000003");
  }
}
