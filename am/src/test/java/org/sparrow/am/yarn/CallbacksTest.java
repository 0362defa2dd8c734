package org.sparrow.am.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerState;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sparrow.am.Action;
import org.sparrow.am.ContainerManager;
import org.sparrow.am.ContainerRef;
import org.sparrow.am.ContainerShape;
import org.sparrow.am.ExitStatuses;
import org.sparrow.am.Provisioner;
import org.sparrow.am.Role;
import org.sparrow.common.Clock;

/** Drives the AM's YARN callback handlers directly with YARN records, as the RM and NMs would. */
class CallbacksTest {

  private static final ApplicationAttemptId ATTEMPT =
      ApplicationAttemptId.newInstance(ApplicationId.newInstance(1_700_000_000_000L, 7), 1);
  private static final ContainerShape NM_SHAPE = new ContainerShape(1024, 1);
  private static final ContainerShape SCHED_SHAPE = new ContainerShape(512, 1);

  private final RecordingExecutor executor = new RecordingExecutor();
  private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
  private ContainerManager manager;
  private RmCallbacks rm;
  private NmCallbacks nm;
  private long nextId = 2;

  @BeforeEach
  void setUp() {
    Provisioner provisioner = new Provisioner(Map.of(Role.SCHEDULER, 1, Role.NODE_MONITOR, 2),
        Map.of(Role.SCHEDULER, SCHED_SHAPE, Role.NODE_MONITOR, NM_SHAPE), 1, Clock.system());
    manager = new ContainerManager(provisioner, executor);
    rm = new RmCallbacks(manager, executor, outcome);
    nm = new NmCallbacks(manager);
  }

  private Container container(Role role, String host) {
    ContainerId id = ContainerId.newContainerId(ATTEMPT, nextId++);
    ContainerShape shape = role == Role.SCHEDULER ? SCHED_SHAPE : NM_SHAPE;
    return Container.newInstance(id, NodeId.newInstance(host, 8041), host + ":8042",
        Resource.newInstance(shape.memoryMb(), shape.vcores()), Priority.newInstance(role.priority()), null);
  }

  private static ContainerStatus ended(Container c, int exitStatus, String diagnostics) {
    return ContainerStatus.newInstance(c.getId(), ContainerState.COMPLETE, diagnostics, exitStatus);
  }

  @Test
  void exitStatusConstantsMatchYarn() {
    assertThat(ExitStatuses.SUCCESS).isEqualTo(ContainerExitStatus.SUCCESS);
    assertThat(ExitStatuses.ABORTED).isEqualTo(ContainerExitStatus.ABORTED);
    assertThat(ExitStatuses.DISKS_FAILED).isEqualTo(ContainerExitStatus.DISKS_FAILED);
    assertThat(ExitStatuses.PREEMPTED).isEqualTo(ContainerExitStatus.PREEMPTED);
    assertThat(ExitStatuses.KILLED_BY_RESOURCEMANAGER).isEqualTo(ContainerExitStatus.KILLED_BY_RESOURCEMANAGER);
    assertThat(ExitStatuses.KILLED_BY_CONTAINER_SCHEDULER).isEqualTo(ContainerExitStatus.KILLED_BY_CONTAINER_SCHEDULER);
  }

  @Test
  void grantedContainersAreMatchedToRolesByPriorityAndLaunched() {
    manager.registered(new ContainerShape(4096, 4), List.of());
    assertThat(executor.drain()).hasSize(3);
    Container s = container(Role.SCHEDULER, "h1");
    Container n = container(Role.NODE_MONITOR, "h2");
    rm.onContainersAllocated(List.of(s, n));
    List<Action> actions = executor.drain().stream().filter(x -> !(x instanceof Action.RecordFailures)).toList();
    assertThat(actions).filteredOn(a -> a instanceof Action.Launch).extracting(a -> ((Action.Launch) a).container())
        .containsExactly(
            new ContainerRef(s.getId().toString(), "h1", "h1:8041", Role.SCHEDULER, SCHED_SHAPE),
            new ContainerRef(n.getId().toString(), "h2", "h2:8041", Role.NODE_MONITOR, NM_SHAPE));
    assertThat(executor.remembered).containsExactly(s, n);
    nm.onContainerStarted(n.getId(), Map.of());
    assertThat(manager.snapshot().role(Role.NODE_MONITOR).containers()).singleElement()
        .extracting(t -> t.state()).isEqualTo(org.sparrow.am.ContainerState.RUNNING);
  }

  @Test
  void aContainerAtAStrayPriorityIsReleasedWithoutTheLogic() {
    manager.registered(new ContainerShape(4096, 4), List.of());
    executor.drain();
    Container stray = Container.newInstance(ContainerId.newContainerId(ATTEMPT, 99), NodeId.newInstance("h", 1),
        "h:2", Resource.newInstance(128, 1), Priority.newInstance(42), null);
    rm.onContainersAllocated(List.of(stray));
    assertThat(executor.releasedUnknown).containsExactly(stray.getId());
    assertThat(executor.drain()).isEmpty();
  }

  @Test
  void preemptedContainersAreReplacedAndCrashesCountTowardsTheLimit() {
    manager.registered(new ContainerShape(4096, 4), List.of());
    Container a = container(Role.NODE_MONITOR, "h1");
    Container b = container(Role.NODE_MONITOR, "h2");
    rm.onContainersAllocated(List.of(a, b));
    executor.drain();

    rm.onContainersCompleted(List.of(ended(a, ContainerExitStatus.PREEMPTED, "preempted")));
    assertThat(executor.drain()).containsExactly(new Action.Ask(Role.NODE_MONITOR, NM_SHAPE));

    rm.onContainersCompleted(List.of(ended(b, 137, "Container killed on request. Exit code is 137")));
    assertThat(executor.drain()).filteredOn(x -> !(x instanceof Action.RecordFailures))
        .containsExactly(new Action.Ask(Role.NODE_MONITOR, NM_SHAPE));
    assertThat(manager.snapshot().failures()).isEqualTo(1);

    Container c = container(Role.NODE_MONITOR, "h3");
    rm.onContainersAllocated(List.of(c));
    executor.drain();
    nm.onStartContainerError(c.getId(), new java.io.IOException("no such file"));
    // The limit is 1: this second failure gives the container back and ends the application.
    List<Action> actions = executor.drain().stream().filter(x -> !(x instanceof Action.RecordFailures)).toList();
    assertThat(actions).hasSize(2);
    assertThat(actions.get(0)).isInstanceOfSatisfying(Action.Release.class,
        r -> assertThat(r.container().id()).isEqualTo(c.getId().toString()));
    assertThat(actions.get(1)).isInstanceOfSatisfying(Action.Finish.class,
        f -> assertThat(f.diagnostics()).contains("could not be launched", "no such file"));
  }

  @Test
  void aPreemptionMessageDrainsTheNamedContainersOfBothContractsOnce() {
    // With a drain timeout (the AM's default is positive), running containers drain first.
    manager = new ContainerManager(new Provisioner(Map.of(Role.SCHEDULER, 0, Role.NODE_MONITOR, 2),
        Map.of(Role.SCHEDULER, SCHED_SHAPE, Role.NODE_MONITOR, NM_SHAPE), 1, 30_000, Clock.system()), executor);
    rm = new RmCallbacks(manager, executor, outcome);
    nm = new NmCallbacks(manager);
    manager.registered(new ContainerShape(4096, 4), List.of());
    Container a = container(Role.NODE_MONITOR, "h1");
    Container b = container(Role.NODE_MONITOR, "h2");
    rm.onContainersAllocated(List.of(a, b));
    nm.onContainerStarted(a.getId(), Map.of());
    nm.onContainerStarted(b.getId(), Map.of());
    executor.drain();
    var message = org.apache.hadoop.yarn.api.records.PreemptionMessage.newInstance(
        org.apache.hadoop.yarn.api.records.StrictPreemptionContract.newInstance(
            java.util.Set.of(org.apache.hadoop.yarn.api.records.PreemptionContainer.newInstance(a.getId()))),
        org.apache.hadoop.yarn.api.records.PreemptionContract.newInstance(List.of(),
            java.util.Set.of(org.apache.hadoop.yarn.api.records.PreemptionContainer.newInstance(b.getId()))));
    rm.onPreemptionMessageReceived(message);
    List<Action> actions = executor.drain();
    assertThat(actions).filteredOn(x -> x instanceof Action.Drain)
        .extracting(x -> ((Action.Drain) x).container().id())
        .containsExactlyInAnyOrder(a.getId().toString(), b.getId().toString());
    assertThat(actions).filteredOn(x -> x instanceof Action.Ask).hasSize(2);
    // The RM repeats the notice on every heartbeat until it takes the containers: nothing new.
    rm.onPreemptionMessageReceived(message);
    assertThat(executor.drain()).isEmpty();
  }

  @Test
  void theSecondFailureBeyondALimitOfOneFinishesAsFailed() {
    manager.registered(new ContainerShape(4096, 4), List.of());
    Container a = container(Role.NODE_MONITOR, "h1");
    Container b = container(Role.NODE_MONITOR, "h2");
    rm.onContainersAllocated(List.of(a, b));
    executor.drain();
    rm.onContainersCompleted(List.of(ended(a, 1, "crash one"), ended(b, 1, "crash two")));
    List<Action> actions = executor.drain().stream().filter(x -> !(x instanceof Action.RecordFailures)).toList();
    assertThat(actions).filteredOn(x -> x instanceof Action.Finish).singleElement()
        .isInstanceOfSatisfying(Action.Finish.class, f -> {
          assertThat(f.succeeded()).isFalse();
          assertThat(f.diagnostics()).contains("crash one", "crash two");
        });
    assertThat(actions).noneMatch(x -> x instanceof Action.Ask);
  }

  @Test
  void previousAttemptContainersAreAdoptedByPriority() {
    Container s = container(Role.SCHEDULER, "h1");
    Container n = container(Role.NODE_MONITOR, "h2");
    List<ContainerRef> adopted = SparrowApplicationMaster.adoptable(List.of(s, n), executor);
    manager.registered(new ContainerShape(4096, 4), adopted);
    assertThat(executor.drain()).containsExactly(new Action.Ask(Role.NODE_MONITOR, NM_SHAPE));
    assertThat(manager.snapshot().role(Role.SCHEDULER).containers()).singleElement()
        .extracting(t -> t.container().id()).isEqualTo(s.getId().toString());
  }

  @Test
  void aShutdownRequestEndsTheAttemptWithoutUnregistering() {
    rm.onShutdownRequest();
    assertThat(outcome).isCompletedWithValueMatching(o -> !o.unregister() && !o.succeeded());
  }

  @Test
  void anRmErrorFailsTheApplication() {
    rm.onError(new RuntimeException("connection refused"));
    assertThat(executor.drain()).singleElement().isInstanceOfSatisfying(Action.Finish.class,
        f -> assertThat(f.diagnostics()).contains("connection refused"));
  }
}
