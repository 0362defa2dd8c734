package org.sparrow.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sparrow.scheduler.SchedulerHarness.noops;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparrow.common.HostPort;
import org.sparrow.common.StaticMembership;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobStatus;
import org.sparrow.scheduler.job.TaskRequest;
import org.sparrow.scheduler.placement.PlacementPolicies;

class BadInputTest {

  private static TaskRequest task(String id, String kind, String arg) {
    return TaskRequest.of(id, kind, arg == null ? null : arg.getBytes());
  }

  static Stream<Arguments> badRequests() {
    List<TaskRequest> tooMany = noops(51);
    return Stream.of(
        Arguments.of(JobRequest.of(null, noops(1)), "app is missing"),
        Arguments.of(JobRequest.of(" ", noops(1)), "app is missing"),
        Arguments.of(JobRequest.of("app", Arrays.asList(task("a", "noop", ""), null)), "task #1 has no taskId"),
        Arguments.of(JobRequest.of("app", List.of(task(null, "noop", ""))), "task #0 has no taskId"),
        Arguments.of(JobRequest.of("app", List.of(task("a", "noop", ""), task("a", "noop", ""))), "duplicate taskId 'a'"),
        Arguments.of(JobRequest.of("app", List.of(task("a", "teleport", ""))), "unknown task kind 'teleport'"),
        Arguments.of(JobRequest.of("app", List.of(task("a", "sleep", "soon"))), "task 'a': sleep task needs a duration"),
        Arguments.of(JobRequest.of("app", List.of(task("a", "command", ""))), "empty command"),
        Arguments.of(JobRequest.of("app", noops(1)).withProbeRatio(0.5), "probeRatio must be a number from 1 to 100"),
        Arguments.of(JobRequest.of("app", noops(1)).withProbeRatio(1e9), "probeRatio must be a number from 1 to 100, got 1.0E9"),
        Arguments.of(JobRequest.of("app", noops(1)).withProbeRatio(Double.NaN), "NaN"),
        Arguments.of(JobRequest.of("app", noops(1)).withProbeRatio(Double.POSITIVE_INFINITY), "probeRatio"),
        Arguments.of(JobRequest.of("app", noops(1)).withPolicy("fastest"), "unknown placement policy 'fastest'"),
        Arguments.of(JobRequest.of("app", tooMany), "51 tasks; at most 50"),
        Arguments.of(JobRequest.of("app", noops(1)).withTimeoutMs(0L), "timeoutMs must be positive"),
        Arguments.of(JobRequest.of("app", noops(1)).withTimeoutMs(-5L), "timeoutMs must not be negative, got -5"),
        // A placement-style request naming a backend-less app is refused (an original-style one waits).
        Arguments.of(JobRequest.of("other-app", List.of(task("a", null, "x"))).withConstraints(Map.of("rack", "a")),
            "a backend for app 'other-app'"),
        Arguments.of(JobRequest.of("app", noops(2)).withConstraints(Map.of("rack", "z")),
            "no node monitor is eligible for 2 task(s)"),
        Arguments.of(JobRequest.of("app", List.of(task("a", "command", "ls"))), "commands enabled"),
        Arguments.of(JobRequest.of("app", List.of(new TaskRequest("a", null, "noop", List.of("nowhere"), Map.of()))),
            "one of nodes [nowhere]"),
        Arguments.of(JobRequest.of("app", List.of(new TaskRequest("a", null, "noop", List.of(), Map.of("rack", "b"))))
            .withConstraints(Map.of("rack", "a")), "contradicts the job constraint"),
        Arguments.of(JobRequest.of("app", noops(1)).withNotification(null), "no frontend is registered for app 'app'"),
        Arguments.of(JobRequest.of("app", noops(1)).withNotification("no-port"), "frontendAddress"));
  }

  @ParameterizedTest
  @MethodSource("badRequests")
  void refusedWithAMessageNamingTheProblemAndNothingElseAffected(JobRequest bad, String message) {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 1, PlacementPolicies.defaults(), 50);
    String good = h.scheduler.submit(JobRequest.of("app", noops(2)));
    JobStatus before = h.scheduler.status(good);
    int enqueues = h.dispatcher.enqueues.size();

    assertThatThrownBy(() -> h.scheduler.submit(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);

    assertThat(h.scheduler.status(good)).isEqualTo(before);
    assertThat(h.scheduler.activeJobs()).isEqualTo(1);
    assertThat(h.dispatcher.enqueues).hasSize(enqueues);
    assertThat(h.dispatcher.cancels).isEmpty();
  }

  @Test
  void refusedWhenNoNodeMonitorIsRegistered() {
    Scheduler s = Scheduler.builder().identity(new HostPort("s", 1)).nodeMonitors(new StaticMembership<>())
        .dispatcher(new FakeDispatcher()).build();

    assertThatThrownBy(() -> s.submit(JobRequest.of("app", noops(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no node monitors are registered");
  }

  @Test
  void unknownRequestIdInStatus() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(1), 1);

    assertThatThrownBy(() -> h.scheduler.status("sched:20503/boot/99"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown requestId 'sched:20503/boot/99'");
    assertThatThrownBy(() -> h.scheduler.status(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clusterSettingsProvideTheDefaults() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(10), 1);
    String id = h.scheduler.submit(JobRequest.of("app", noops(3)));  // default d = 2

    assertThat(h.dispatcher.enqueues.stream().mapToInt(s -> s.reservation().count()).sum()).isEqualTo(6);
    assertThat(id).isNotNull();
  }
}
