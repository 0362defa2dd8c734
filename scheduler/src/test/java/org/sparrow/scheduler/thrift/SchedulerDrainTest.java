package org.sparrow.scheduler.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.common.InMemoryClusterDirectory;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.scheduler.SchedulerConfig;
import org.sparrow.scheduler.SchedulerDaemon;
import org.sparrow.thrift.IncompleteRequestException;
import org.sparrow.thrift.SchedulerInternalService;
import org.sparrow.thrift.SchedulerService;
import org.sparrow.thrift.TSchedulingRequest;
import org.sparrow.thrift.TTaskSpec;

/** Drain over real Thrift: the drain flag, refusals that send clients elsewhere, handed-back reservations. */
class SchedulerDrainTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final InMemoryClusterDirectory directory = new InMemoryClusterDirectory("test");
  private final ClientPool<SchedulerService.Client> clients = ClientPool.builder(SchedulerService.Client::new).build();
  private final ClientPool<SchedulerInternalService.Client> internal =
      ClientPool.builder(SchedulerInternalService.Client::new).build();
  private SchedulerDaemon daemon;
  private FakeNodeMonitor lazy;
  private FakeNodeMonitor worker;

  @AfterEach
  void stop() {
    daemon.close();
    clients.close();
    internal.close();
    lazy.close();
    if (worker != null) {
      worker.close();
    }
  }

  private static TSchedulingRequest job(int tasks) {
    TSchedulingRequest r = new TSchedulingRequest();
    r.setApp("app");
    for (int i = 0; i < tasks; i++) {
      r.addToTasks(new TTaskSpec("t" + i, null, java.nio.ByteBuffer.wrap(new byte[0])).setKind("noop"));
    }
    r.setProbeRatio(1.0);
    return r;
  }

  @Test
  void aDrainingSchedulerFinishesItsJobsRefusesNewOnesButOriginalSubmitsAndDeregisters() throws Exception {
    daemon = SchedulerDaemon.builder().directory(directory).config(SchedulerConfig.builder().bindHost("127.0.0.1")
        .advertisedHost("127.0.0.1").port(0).internalPort(0).rpcThreads(2).serverThreads(2).tickMs(20)
        .drainTimeoutMs(60_000).drainGraceMs(10).jmx(false).build()).random(new Random(3)).build();
    daemon.start();
    HostPort address = daemon.address();
    lazy = new FakeNodeMonitor(true, Map.of());
    directory.register(lazy.info());
    String id = clients.call(address, c -> c.submitJobWithId(job(2)));
    await().atMost(WAIT).until(() -> !lazy.reservations.isEmpty());

    directory.requestSchedulerDrain(daemon.id(), 0);

    assertThatThrownBy(() -> clients.call(address, c -> c.submitJobWithId(job(1))))
        .isInstanceOfSatisfying(IncompleteRequestException.class, e -> {
          assertThat(e.isRetryElsewhere()).isTrue();
          assertThat(e.getMessage()).contains("draining");
        });
    assertThat(directory.schedulers().snapshot()).as("still listed while its job runs").hasSize(1);
    // The original Sparrow's submitJob is admitted while draining: an original frontend cannot
    // go elsewhere, and an exception would cost it a pooled connection. It runs with the rest.
    clients.run(address, c -> {
      c.submitJob(job(1));
      return null;
    });
    List<String> active = new java.util.ArrayList<>();
    clients.call(address, c -> c.listJobs()).forEach(j -> active.add(j.getRequestId()));
    assertThat(active).hasSize(2).contains(id);

    // The lazy node monitor hands its reservations back; they move to a node monitor that runs them.
    worker = new FakeNodeMonitor(false, Map.of());
    directory.register(worker.info());
    internal.run(daemon.internalAddress(), c -> {
      c.reservationsReturned(lazy.info().id(), active, null);  // unset, as an older node monitor sends it
      return null;
    });
    await().atMost(WAIT).until(() -> worker.ran.size() == 3);

    daemon.drained().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    assertThat(directory.schedulers().snapshot()).isEmpty();
    assertThat(daemon.state()).hasToString("CLOSED");
  }
}
