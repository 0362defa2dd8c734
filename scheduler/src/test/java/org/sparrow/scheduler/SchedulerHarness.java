package org.sparrow.scheduler;

import org.sparrow.common.TaskState;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.sparrow.common.HostPort;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.StaticMembership;
import org.sparrow.scheduler.job.TaskRequest;
import org.sparrow.scheduler.job.TaskResult;
import org.sparrow.scheduler.placement.PlacementPolicies;

/** A scheduler over fakes: static membership, manual clock, recording dispatcher and notifier. */
final class SchedulerHarness {

  final StaticMembership<NodeMonitorInfo> members = new StaticMembership<>();
  final FakeDispatcher dispatcher = new FakeDispatcher();
  final RecordingNotifier notifier = new RecordingNotifier();
  final ManualClock clock = new ManualClock();
  /** No DNS in unit tests: names resolve only as the test says ({@code localhost} as loopback). */
  final FakeResolver resolver = new FakeResolver();
  final Scheduler scheduler;

  SchedulerHarness(List<NodeMonitorInfo> nodes, long seed) {
    this(nodes, seed, PlacementPolicies.defaults(), 1_000);
  }

  SchedulerHarness(List<NodeMonitorInfo> nodes, long seed, PlacementPolicies policies, int maxTasks) {
    this(nodes, seed, policies, maxTasks, b -> b);
  }

  /** @param extra further settings of the scheduler under test */
  SchedulerHarness(List<NodeMonitorInfo> nodes, long seed, PlacementPolicies policies, int maxTasks,
      java.util.function.UnaryOperator<SchedulerBuilder> extra) {
    nodes.forEach(n -> members.put(n.id(), n));
    scheduler = extra.apply(Scheduler.builder()
        .identity(new HostPort("sched", 20503))
        .bootId("boot")
        .nodeMonitors(members)
        .dispatcher(dispatcher)
        .notifier(notifier)
        .policies(policies)
        .random(new Random(seed))
        .clock(clock)
        .defaultJobTimeoutMs(60_000)
        .hostResolver(resolver, 30_000)
        .maxTasksPerJob(maxTasks))
        .build();
  }

  static List<TaskRequest> noops(int m) {
    return tasks("t", m, "noop", "");
  }

  static List<TaskRequest> tasks(String prefix, int m, String kind, String arg) {
    List<TaskRequest> out = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      out.add(TaskRequest.of(prefix + i, kind, arg.getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  static TaskResult success(TaskLaunch t, String nodeId) {
    return new TaskResult(t.id(), TaskState.SUCCEEDED, 0, 10, nodeId, null, 5);
  }

  /** Where the job's only reservation is, and the task launched from it. */
  TaskLaunch launchOnly(String id) {
    String node = dispatcher.nodesEnqueuedFor(id).iterator().next();
    return dispatcher.ask(scheduler, node, id, 1).tasks().get(0);
  }

  /** A node monitor other than {@code except} that holds a reservation of the job. */
  String holder(String id, String except) {
    synchronized (dispatcher) {
      return dispatcher.held.entrySet().stream()
          .filter(e -> !e.getKey().equals(except) && e.getValue().getOrDefault(id, 0) > 0)
          .map(java.util.Map.Entry::getKey).findFirst().orElseThrow();
    }
  }

  void leave(String nodeId) {
    members.remove(nodeId);
    scheduler.nodeLeft(nodeId);
  }
}
