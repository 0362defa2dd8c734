package org.sparrow.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparrow.common.HostPort;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.StaticMembership;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.job.JobStatus;
import org.sparrow.scheduler.job.TaskRequest;

/**
 * The admission invariant, fuzzed with a seed: every job accepted (original-style requests
 * always are) runs each task at most once and ends: by running, at its deadline while waiting,
 * or at once (empty, refused); nothing stays active.
 * Jobs arrive before and after the backends of their apps, with and without deadlines, with
 * duplicate ids, host preferences and invalid fields, while node monitors join and backends
 * register in a random order.
 */
class AdmissionFuzzTest {

  private static final List<String> APPS = List.of("a", "b", "c");

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16})
  void everyAcceptedJobStartsAtMostOnceAndEndsOnce(long seed) {
    Random random = new Random(seed);
    StaticMembership<NodeMonitorInfo> members = new StaticMembership<>();
    FakeDispatcher dispatcher = new FakeDispatcher();
    RecordingNotifier notifier = new RecordingNotifier();
    ManualClock clock = new ManualClock();
    FakeResolver resolver = new FakeResolver();
    for (int i = 1; i <= 6; i++) {
      resolver.name("dn-" + i, "10.0.0." + i);
    }
    Scheduler s = Scheduler.builder().identity(new HostPort("sched", 1)).bootId("b").nodeMonitors(members)
        .dispatcher(dispatcher).notifier(notifier).clock(clock).random(new Random(seed))
        .hostResolver(resolver, 1_000).waitingJobs(20, 200).maxTasksPerJob(8)
        .retainFinished(100_000, 100L * 24 * 3600 * 1000).build();
    members.addListener(new RetryWaitingJobs(s));
    Map<String, Set<String>> backends = new HashMap<>();
    List<String> accepted = new ArrayList<>();
    Set<String> launched = new HashSet<>();
    for (int step = 0; step < 400; step++) {
      int action = random.nextInt(100);
      if (action < 45) {
        JobRequest r = randomJob(random);
        try {
          accepted.add(s.submit(r));
        } catch (IllegalArgumentException e) {
          assertThat(org.sparrow.scheduler.admission.RequestStyle.of(r).refusesInvalid())
              .as("an original-style request is never refused by an exception: %s", e.getMessage()).isTrue();
        }
      } else if (action < 55) {
        int i = 1 + random.nextInt(6);
        Set<String> apps = backends.computeIfAbsent("nm-" + i, k -> new HashSet<>());
        apps.add(APPS.get(random.nextInt(APPS.size())));
        members.put("nm-" + i, new NodeMonitorInfo("nm-" + i, "10.0.0." + i, 1, 2, 2, Map.of(), apps, false));
      } else if (action < 65) {
        clock.advanceMs(random.nextInt(3_000));
        s.expireDue();
      } else {
        runSome(s, dispatcher, random, launched);
      }
    }
    // Every app gets a backend everywhere, time passes every deadline, everything runs.
    for (int i = 1; i <= 6; i++) {
      members.put("nm-" + i, new NodeMonitorInfo("nm-" + i, "10.0.0." + i, 1, 2, 2, Map.of(), Set.copyOf(APPS), false));
    }
    for (int round = 0; round < 1_000 && runSome(s, dispatcher, random, launched); round++) {
      // drain the held reservations
    }
    clock.advanceMs(1_000_000);
    s.expireDue();

    assertThat(s.activeJobs()).as("every job ended").isZero();
    int refused = 0;
    int timedOutWaiting = 0;
    int ran = 0;
    for (String id : accepted) {
      JobStatus st = s.status(id);
      assertThat(st.state()).as(id).isNotEqualTo(JobState.RUNNING);
      if (st.failureReason() != null && st.failureReason().startsWith("refused")) {
        refused++;
      } else if (st.launchedTasks() == 0 && st.totalTasks() > 0) {
        timedOutWaiting++;
      } else if (st.launchedTasks() > 0) {
        ran++;
      }
    }
    // The run went through every path (about 10 refused, 25 timed out waiting, 90 ran per seed).
    assertThat(refused).isPositive();
    assertThat(timedOutWaiting).isPositive();
    assertThat(ran).isPositive();
  }

  /** Asks every holding node for tasks and finishes them; false when nothing was held. */
  private static boolean runSome(Scheduler s, FakeDispatcher d, Random random, Set<String> launched) {
    List<String[]> holding = d.holdings();
    if (holding.isEmpty()) {
      return false;
    }
    String[] pick = holding.get(random.nextInt(holding.size()));
    TaskBatch b = d.ask(s, pick[0], pick[1], 1 + random.nextInt(2));
    for (TaskLaunch t : b.tasks()) {
      assertThat(launched.add(t.id().requestId() + "/" + t.id().taskId())).as("launched once: %s", t.id()).isTrue();
    }
    s.tasksFinished(b.tasks().stream().map(t -> SchedulerHarness.success(t, pick[0])).toList());
    return true;
  }

  private static JobRequest randomJob(Random random) {
    String app = APPS.get(random.nextInt(APPS.size()));
    int n = random.nextInt(5);  // 0 = the empty liveness check
    List<TaskRequest> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = random.nextInt(4) == 0 ? "dup" : "t" + i;
      List<String> prefs = random.nextInt(5) == 0 ? List.of("dn-" + (1 + random.nextInt(6))) : List.of();
      tasks.add(new TaskRequest(id, id.getBytes(StandardCharsets.UTF_8), null, prefs, Map.of()));
    }
    JobRequest r = JobRequest.of(random.nextInt(20) == 0 ? null : app, tasks);
    if (random.nextInt(10) == 0) {
      r = r.withProbeRatio(0.5);  // invalid
    }
    if (random.nextBoolean()) {
      r = r.withTimeoutMs((long) (1 + random.nextInt(10_000)));
    }
    return r;
  }
}
