package org.sparrow.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sparrow.scheduler.SchedulerHarness.noops;
import static org.sparrow.scheduler.SchedulerHarness.success;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.placement.PlacementContext;
import org.sparrow.scheduler.placement.PlacementPolicies;
import org.sparrow.scheduler.placement.PlacementPolicy;
import org.sparrow.scheduler.placement.PlacementRequest;
import org.sparrow.scheduler.placement.ReservationPlan;
import org.sparrow.scheduler.placement.TaskGroup;

/** A policy without late binding (like the future "random") needs no change to the scheduler. */
class PluggablePolicyTest {

  /** Binds every task to a random candidate. */
  static final class RandomBinding implements PlacementPolicy {
    @Override
    public String name() {
      return "random-test";
    }

    @Override
    public CompletionStage<ReservationPlan> place(PlacementRequest request, PlacementContext context) {
      ReservationPlan.Builder plan = ReservationPlan.builder();
      for (TaskGroup g : request.groups()) {
        for (String task : g.taskIds()) {
          plan.bind(g.candidates().get(context.random().nextInt(g.candidates().size())), task);
        }
      }
      return CompletableFuture.completedFuture(plan.build());
    }
  }

  @Test
  void boundTasksTravelInTheReservationAndRebindAfterAFailedEnqueue() {
    PlacementPolicies policies = PlacementPolicies.builder().addAll(PlacementPolicies.defaults())
        .add(new RandomBinding()).build();
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(4), 3, policies, 100);
    h.dispatcher.failWhen = node -> node.equals("nm-02");

    String id = h.scheduler.submit(JobRequest.of("app", noops(12)).withPolicy("random-test"));

    List<TaskLaunch> bound = h.dispatcher.enqueues.stream()
        .flatMap(s -> s.reservation().boundTasks().stream()).toList();
    assertThat(bound).extracting(t -> t.id().taskId()).hasSize(12).doesNotHaveDuplicates();
    assertThat(h.dispatcher.enqueues).allSatisfy(s -> {
      assertThat(s.nodeId()).isNotEqualTo("nm-02");
      assertThat(s.reservation().count()).isEqualTo(s.reservation().boundTasks().size());
    });
    assertThat(h.dispatcher.failedEnqueues).isNotEmpty();
    assertThat(h.scheduler.status(id).launchedTasks()).isEqualTo(12);

    h.scheduler.tasksFinished(h.dispatcher.enqueues.stream()
        .flatMap(s -> s.reservation().boundTasks().stream().map(t -> success(t, s.nodeId()))).toList());
    assertThat(h.scheduler.status(id).state()).isEqualTo(JobState.SUCCEEDED);
  }
}
