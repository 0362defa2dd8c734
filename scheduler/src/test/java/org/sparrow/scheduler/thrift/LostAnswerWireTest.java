package org.sparrow.scheduler.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.sparrow.common.Clock;
import org.sparrow.common.HostPort;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.StaticMembership;
import org.sparrow.scheduler.Nodes;
import org.sparrow.scheduler.Reservation;
import org.sparrow.scheduler.ReservationDispatcher;
import org.sparrow.scheduler.Scheduler;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.TaskRequest;
import org.sparrow.thrift.TGetTasksRequest;
import org.sparrow.thrift.TGetTasksResponse;

/**
 * The handler acts on a repeated fetch whose answer was given up: the task it handed out runs
 * again elsewhere instead of staying LAUNCHED until the deadline. A real scheduler core behind
 * the handler, no sockets; the memory of answers keeps no bytes at all.
 */
class LostAnswerWireTest {

  private record Sent(String nodeId, Reservation reservation) {}

  @Test
  void aRepeatOfAGivenUpAnswerGetsNoTasksAndItsTaskIsPlacedAgainElsewhere() {
    List<Sent> sent = new ArrayList<>();
    StaticMembership<NodeMonitorInfo> members = new StaticMembership<>();
    Nodes.nodes(3).forEach(n -> members.put(n.id(), n));
    Scheduler scheduler = Scheduler.builder()
        .identity(new HostPort("127.0.0.1", 20503))
        .bootId("boot")
        .nodeMonitors(members)
        .dispatcher(new ReservationDispatcher() {
          @Override
          public synchronized CompletionStage<Integer> enqueue(NodeMonitorInfo node, Reservation r) {
            sent.add(new Sent(node.id(), r));
            return CompletableFuture.completedFuture(r.count());
          }

          @Override
          public void cancel(NodeMonitorInfo node, String requestId) {}
        })
        .random(new java.util.Random(31))
        .build();
    long[] now = {0};
    Clock clock = new Clock() {
      @Override
      public long nanoTime() {
        return now[0];
      }

      @Override
      public long currentTimeMillis() {
        return now[0] / 1_000_000;
      }
    };
    SchedulerInternalHandler handler = new SchedulerInternalHandler(() -> scheduler, () -> null,
        new RepeatedFetches(clock, 120_000, 50_000, 1, () -> { }));
    String id = scheduler.submit(JobRequest.of("app",
        List.of(TaskRequest.of("t0", "noop", new byte[0]))).withProbeRatio(1.0));
    String first = sent.get(0).nodeId();

    TGetTasksResponse answer = handler.getTasks(fetch(id, first, "f-1"));
    assertThat(answer.getTasks()).hasSize(1);
    int placedBefore = sent.size();

    TGetTasksResponse repeat = handler.getTasks(fetch(id, first, "f-1"));

    assertThat(repeat.getTasks()).isEmpty();
    assertThat(repeat.isExhausted()).isTrue();
    List<Sent> replaced = List.copyOf(sent.subList(placedBefore, sent.size()));
    assertThat(replaced).as("the lost run placed again").isNotEmpty();
    Sent elsewhere = replaced.stream().filter(s -> !s.nodeId().equals(first)).findFirst().orElseThrow();
    // A reservation may land on the same node monitor too, but the task never goes back there.
    assertThat(handler.getTasks(fetch(elsewhere.reservation().requestId(), first, "f-3")).getTasks())
        .isEmpty();
    TGetTasksResponse again = handler.getTasks(fetch(elsewhere.reservation().requestId(),
        elsewhere.nodeId(), "f-2"));
    assertThat(again.getTasks()).singleElement().satisfies(t -> {
      assertThat(t.getTaskId().getTaskId()).isEqualTo("t0");
      assertThat(t.getAttempt()).isEqualTo(2);
    });
  }

  private static TGetTasksRequest fetch(String requestId, String nodeId, String fetchId) {
    return new TGetTasksRequest(requestId, nodeId, 1).setFetchId(fetchId);
  }
}
