package org.sparrow.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.sparrow.common.Clock;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.job.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a user does to jobs besides submitting them: list the active ones, cancel one. A cancel
 * ends the job at once (its results go to the frontend like any others) and then asks the node
 * monitors running its tasks to stop them; the returned stage completes when they all answered.
 */
final class JobControl {

  private static final Logger LOG = LoggerFactory.getLogger(JobControl.class);

  private final Map<String, Job> jobs;
  private final FinishedJobs finished;
  private final EffectRunner runner;
  private final ReservationDispatcher dispatcher;
  private final Clock clock;

  JobControl(Map<String, Job> jobs, FinishedJobs finished, EffectRunner runner, ReservationDispatcher dispatcher,
      Clock clock) {
    this.jobs = jobs;
    this.finished = finished;
    this.runner = runner;
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  /** The active jobs, oldest first. */
  List<JobSummary> list() {
    long now = clock.nanoTime();
    List<JobSummary> out = new ArrayList<>(jobs.size());
    for (Job job : jobs.values()) {
      JobStatus s = job.status();
      if (s.state() == JobState.RUNNING) {
        out.add(new JobSummary(s.requestId(), job.app(), s.state(), s.totalTasks(), s.launchedTasks(),
            s.finishedTasks(), s.failedTasks(), Math.max(0, (now - job.submitNanos) / 1_000_000),
            job.spec.request().description()));
      }
    }
    out.sort(Comparator.comparingLong(JobSummary::ageMillis).reversed());
    return out;
  }

  /**
   * Cancels the job; cancelling one that has ended reports it and changes nothing.
   *
   * @throws IllegalArgumentException if this scheduler does not know the id
   */
  CompletionStage<CancelReport> cancel(String requestId) {
    Job job = requestId == null ? null : jobs.get(requestId);
    if (job == null) {
      JobStatus s = requestId == null ? null : finished.get(requestId);
      if (s == null) {
        throw new IllegalArgumentException("unknown requestId '" + requestId
            + "' (not accepted by this scheduler, or its status is no longer retained)");
      }
      return CompletableFuture.completedFuture(CancelReport.ended(requestId, s.state()));
    }
    JobCancellation c = job.cancel();
    if (c.alreadyEnded()) {
      return CompletableFuture.completedFuture(CancelReport.ended(requestId, c.state()));
    }
    runner.perform(job, c.effects());
    LOG.info("Job {} cancelled: {} tasks not launched, {} running on {} node monitors", requestId,
        c.unlaunched(), c.running(), c.stops().size());
    List<CompletableFuture<List<StopOutcome>>> answers = new ArrayList<>();
    for (JobCancellation.Stop stop : c.stops()) {
      CompletionStage<List<StopOutcome>> stage;
      try {
        stage = dispatcher.stop(stop.node(), stop.tasks());
      } catch (RuntimeException e) {
        stage = CompletableFuture.failedFuture(e);
      }
      int expected = stop.tasks().size();
      answers.add(stage.toCompletableFuture().handle((outcomes, err) -> {
        if (err != null || outcomes == null || outcomes.size() != expected) {
          LOG.info("Node monitor {} did not confirm stopping {} tasks of cancelled job {}: {}", stop.node().id(),
              expected, requestId, err == null ? "wrong answer" : err.toString());
          return null;  // counted as not reached
        }
        return outcomes;
      }));
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(v -> {
      int[] counts = new int[StopOutcome.values().length];
      int notReached = 0;
      for (int i = 0; i < answers.size(); i++) {
        List<StopOutcome> outcomes = answers.get(i).join();
        if (outcomes == null) {
          notReached += c.stops().get(i).tasks().size();
        } else {
          outcomes.forEach(o -> counts[o.ordinal()]++);
        }
      }
      return new CancelReport(requestId, c.state(), false, c.unlaunched(), counts[StopOutcome.KILLED.ordinal()],
          counts[StopOutcome.INTERRUPTED.ordinal()], counts[StopOutcome.NOT_STOPPABLE.ordinal()], notReached,
          counts[StopOutcome.NOT_RUNNING.ordinal()]);
    });
  }
}
