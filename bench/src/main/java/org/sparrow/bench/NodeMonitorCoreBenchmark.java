package org.sparrow.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sparrow.common.HostPort;
import org.sparrow.nodemonitor.EnqueueOutcome;
import org.sparrow.nodemonitor.FetchedTasks;
import org.sparrow.nodemonitor.NodeMonitorCore;
import org.sparrow.nodemonitor.launch.TaskOutcome;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.nodemonitor.reservation.TaskLaunch;
import org.sparrow.common.UserInfo;

/**
 * One reservation through the node monitor's state machine: enqueue -> claim a slot -> getTasks
 * -> launch -> finish -> report, with fakes that answer at once. The core's own cost per task,
 * without any I/O.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NodeMonitorCoreBenchmark {

  private static final HostPort SCHEDULER = new HostPort("127.0.0.1", 20507);

  private NodeMonitorCore core;
  private List<Reservation> reservation;

  @Setup
  public void setup() {
    TaskLaunch task = new TaskLaunch(new TaskId("t0", "job", "app", SCHEDULER), UserInfo.ANONYMOUS, null, "noop");
    FetchedTasks answer = new FetchedTasks(List.of(task), true);
    core = NodeMonitorCore.builder().slots(4)
        .fetcher((r, max) -> CompletableFuture.completedFuture(answer))
        .launcher(t -> CompletableFuture.completedFuture(TaskOutcome.succeeded()))
        .sink((s, r) -> { })
        .build();
    reservation = List.of(Reservation.lateBinding("job", "app", UserInfo.ANONYMOUS, SCHEDULER, 1, "nm-1"));
  }

  @Benchmark
  public EnqueueOutcome reservationToCompletion() {
    return core.enqueue(reservation);
  }
}
