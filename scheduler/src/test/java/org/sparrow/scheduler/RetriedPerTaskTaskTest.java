package org.sparrow.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.job.JobStatus;
import org.sparrow.scheduler.job.TaskRequest;
import org.sparrow.scheduler.job.TaskResult;

/**
 * A per-task-sampled task (its own constraints) is handed out only through the hints of the
 * nodes it was sampled on. Once it launched, those hints are used up; when its run is lost, a
 * node still holding the job's reservations must be able to hand it out again, and coverage
 * must not count a node that cannot. Before the fix the job below stayed RUNNING for ever with
 * t0 unlaunched and no reservation held anywhere.
 */
class RetriedPerTaskTaskTest {

  private static NodeMonitorInfo node(String id) {
    return new NodeMonitorInfo(id, "host-" + id, 1, 2, 2, Map.of("rack", "b"), Set.of("app"), true);
  }

  @Test
  void aRetriedPerTaskTaskRunsAgainOnANodeItWasSampledOn() {
    SchedulerHarness h = new SchedulerHarness(List.of(node("nm-01"), node("nm-02")), 1);
    String job = h.scheduler.submit(JobRequest.of("app", List.of(
        new TaskRequest("t0", null, "noop", List.of(), Map.of("rack", "b")),  // sampled on both nodes
        TaskRequest.of("t1", "noop", new byte[0]),
        TaskRequest.of("t2", "noop", new byte[0]))).withProbeRatio(2.0));
    assertThat(h.dispatcher.heldBy("nm-01", job)).isEqualTo(3);
    assertThat(h.dispatcher.heldBy("nm-02", job)).isEqualTo(3);

    assertThat(ids(h.dispatcher.ask(h.scheduler, "nm-01", job, 1))).containsExactly("t0");
    // nm-02 uses up its hint for t0 (launched elsewhere) and still holds reservations.
    List<TaskLaunch> onNm02 = new ArrayList<>(h.dispatcher.ask(h.scheduler, "nm-02", job, 1).tasks());
    assertThat(ids(onNm02)).containsExactly("t1");

    h.leave("nm-01");  // t0's run is lost: retried, never on nm-01 again
    synchronized (h.dispatcher) {
      h.dispatcher.held.remove("nm-01");
    }

    // Ask as node monitors do until nothing is held any more, finishing what runs.
    for (int round = 0; round < 20 && h.scheduler.status(job).state() == JobState.RUNNING; round++) {
      List<String[]> holding = new ArrayList<>();
      synchronized (h.dispatcher) {
        h.dispatcher.held.forEach((n, byId) -> byId.keySet().forEach(id -> holding.add(new String[] {n, id})));
      }
      for (String[] p : holding) {
        onNm02.addAll(h.dispatcher.ask(h.scheduler, p[0], p[1], 3).tasks());
      }
      List<TaskResult> done = onNm02.stream().map(t -> SchedulerHarness.success(t, "nm-02")).toList();
      onNm02.clear();
      h.scheduler.tasksFinished(done);
    }
    JobStatus s = h.scheduler.status(job);
    assertThat(s.state()).as("%s", s).isEqualTo(JobState.SUCCEEDED);
    assertThat(s.results()).filteredOn(r -> r.id().taskId().equals("t0"))
        .singleElement().satisfies(r -> {
          assertThat(r.nodeMonitorId()).isEqualTo("nm-02");
          assertThat(r.attempt()).isEqualTo(2);
        });
  }

  private static List<String> ids(TaskBatch b) {
    return ids(b.tasks());
  }

  private static List<String> ids(List<TaskLaunch> ts) {
    return ts.stream().map(t -> t.id().taskId()).toList();
  }
}
