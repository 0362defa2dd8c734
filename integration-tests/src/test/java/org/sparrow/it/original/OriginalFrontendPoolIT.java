package org.sparrow.it.original;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.layered.TFramedTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.local.LocalCluster;
import org.sparrow.nodemonitor.NodeMonitorDaemon;
import org.sparrow.thrift.SchedulerService;
import org.sparrow.thrift.TJobState;
import org.sparrow.thrift.TJobStatus;
import org.sparrow.thrift.TPlacementPreference;
import org.sparrow.thrift.TSchedulingRequest;
import org.sparrow.thrift.TTaskSpec;
import org.sparrow.thrift.TUserGroupInfo;

/**
 * The original {@code SparrowFrontendClient} pattern against a real cluster (embedded ZooKeeper,
 * Thrift over 127.0.0.1): 8 blocking connections in a queue, a connection taken per submit and
 * put back only when {@code submitJob} returns normally. Every exception would cost it a
 * connection for good; after 8 the next submit would block for ever. So none may come for a
 * request an original frontend can send, whatever it contains.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OriginalFrontendPoolIT {

  private static final String APP = "original-app";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private LocalCluster cluster;
  private HostPort scheduler;
  private final OriginalBackends backends = new OriginalBackends();
  /** "requestId/taskId" of every task a backend was given. */
  private final Set<String> launched = ConcurrentHashMap.newKeySet();
  /** Task ids (without job) the backends were given, per app. */
  private final Set<String> launchedTaskIds = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() throws Exception {
    cluster = LocalCluster.builder().nodeMonitors(2).slots(2).schedulers(1).zkPort(0)
        .clusterName("original-pool").build().start();
    scheduler = cluster.schedulers().get(0).address();
    await().atMost(WAIT).until(() -> cluster.schedulers().get(0).knownNodeMonitors().size() == 2);
  }

  @AfterEach
  void stop() throws Exception {
    backends.close();
    cluster.close();
  }

  @Test
  void twentyRefusedOrEdgeCaseSubmissionsInARowCostNoConnectionAndNormalJobsStillRun() throws Exception {
    for (NodeMonitorDaemon nm : cluster.nodeMonitors()) {
      startBackend(nm, APP);
    }
    awaitBackends(APP, 2);
    String hostname = InetAddress.getLocalHost().getHostName();
    List<TSchedulingRequest> edgeCases = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      edgeCases.add(request(APP, List.of()));  // the original's liveness check
    }
    for (int i = 0; i < 4; i++) {
      edgeCases.add(request("not-yet-backed", List.of(task("ghost-" + i))));  // no backend yet
    }
    for (int i = 0; i < 3; i++) {
      edgeCases.add(request(APP, List.of(task("local-" + i, "localhost"))));
    }
    for (int i = 0; i < 2; i++) {
      edgeCases.add(request(APP, List.of(task("named-" + i, hostname))));
    }
    for (int i = 0; i < 3; i++) {
      edgeCases.add(request(APP, List.of(task("dup"), task("dup"))));
    }
    // Genuinely invalid: accepted and failed at once, not refused by an exception.
    edgeCases.add(request(null, List.of(task("no-app"))));
    edgeCases.add(request("", List.of(task("blank-app"))));
    edgeCases.add(request(APP, List.of(new TTaskSpec())));  // no task id
    edgeCases.add(request(APP, List.of(task("ratio"))).setProbeRatio(0.5));
    edgeCases.add(request(APP, List.of(task("huge-ratio"))).setProbeRatio(1e9));
    assertThat(edgeCases).hasSize(20);

    try (OriginalStyleFrontend frontend = new OriginalStyleFrontend(scheduler, 8)) {
      frontend.registerFrontend(APP, "127.0.0.1:1");  // never called back: no notifications were asked for
      for (TSchedulingRequest r : edgeCases) {
        assertThat(frontend.submitRequest(r)).as("submitJob returned normally for %s", r).isTrue();
      }
      assertThat(frontend.availableConnections()).as("no connection lost").isEqualTo(8);

      for (int j = 0; j < 10; j++) {
        assertThat(frontend.submitRequest(request(APP, List.of(task("normal-" + j + "-a"), task("normal-" + j + "-b")))))
            .isTrue();
      }
      await().atMost(WAIT).until(() -> launched.size() == 20 + 3 + 2 + 6);
      assertThat(launchedTaskIds).contains("local-0", "local-1", "local-2", "named-0", "named-1", "dup", "dup#2")
          .doesNotContain("no-app", "blank-app", "ratio", "huge-ratio")
          .noneMatch(id -> id.startsWith("ghost-"));

      // The jobs that waited for a backend of their app run once one registers.
      startBackend(cluster.nodeMonitors().get(0), "not-yet-backed");
      await().atMost(WAIT).until(() -> launchedTaskIds.containsAll(List.of("ghost-0", "ghost-1", "ghost-2", "ghost-3")));
      assertThat(frontend.availableConnections()).isEqualTo(8);
    }

    // With the extensions a frontend sees what happened: an empty job has finished, an
    // invalid original-style one failed with its reason.
    try (ClientPool<SchedulerService.Client> pool = ClientPool.builder(SchedulerService.Client::new).build()) {
      String empty = pool.call(scheduler, c -> c.submitJobWithId(request(APP, List.of())));
      assertThat(pool.call(scheduler, c -> c.getJobStatus(empty)).getState()).isEqualTo(TJobState.SUCCEEDED);
      String invalid = pool.call(scheduler, c -> c.submitJobWithId(request(APP, List.of(task("r"))).setProbeRatio(0.5)));
      TJobStatus st = pool.call(scheduler, c -> c.getJobStatus(invalid));
      assertThat(st.getState()).isEqualTo(TJobState.FAILED);
      assertThat(st.getFailureReason()).startsWith("refused: ").contains("probeRatio");
    }
  }

  @Test
  void jobsSubmittedBeforeTheirBackendRegistersRunOnceItDoes() throws Exception {
    try (OriginalStyleFrontend frontend = new OriginalStyleFrontend(scheduler, 8)) {
      frontend.registerFrontend(APP, "127.0.0.1:1");
      for (int j = 0; j < 8; j++) {
        assertThat(frontend.submitRequest(request(APP, List.of(task("early-" + j))))).isTrue();
      }
      assertThat(frontend.availableConnections()).isEqualTo(8);
      assertThat(launched).isEmpty();

      startBackend(cluster.nodeMonitors().get(1), APP);
      await().atMost(WAIT).until(() -> launched.size() == 8);
      for (int j = 0; j < 8; j++) {
        assertThat(launchedTaskIds).contains("early-" + j);
      }
    }
  }

  @Test
  void aWaitingJobWithADeadlineFailsThroughItsStatus() throws Exception {
    try (ClientPool<SchedulerService.Client> pool = ClientPool.builder(SchedulerService.Client::new).build()) {
      TSchedulingRequest r = request("never-backed", List.of(task("w"))).setTimeoutMs(500);
      String id = pool.call(scheduler, c -> c.submitJobWithId(r));
      await().atMost(WAIT).until(() -> pool.call(scheduler, c -> c.getJobStatus(id)).getState() == TJobState.FAILED);
      TJobStatus st = pool.call(scheduler, c -> c.getJobStatus(id));
      assertThat(st.getFailureReason()).contains("deadline of 500 ms");
      assertThat(st.getResults()).hasSize(1);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static TSchedulingRequest request(String app, List<TTaskSpec> tasks) {
    return new TSchedulingRequest(app, new ArrayList<>(tasks), new TUserGroupInfo("u", "g", 0));
  }

  private static TTaskSpec task(String id, String... preferredHosts) {
    return new TTaskSpec(id, new TPlacementPreference(List.of(preferredHosts), List.of(), 0),
        ByteBuffer.wrap(id.getBytes(StandardCharsets.UTF_8)));
  }

  private void awaitBackends(String app, int n) {
    await().atMost(WAIT).until(() -> cluster.schedulers().get(0).scheduler() != null
        && cluster.nodeMonitors().stream().filter(nm -> nm.info().backendApps().contains(app)).count() >= n);
  }

  /** A backend of {@code app} that records every task it is given and finishes it at once. */
  private void startBackend(NodeMonitorDaemon nm, String app) throws Exception {
    backends.start("original-backend", nm.backendAddress(), app, (taskId, message, c) -> {
      launched.add(taskId.getRequestId() + "/" + taskId.getTaskId());
      launchedTaskIds.add(taskId.getTaskId());
    });
  }

  /**
   * What {@code SparrowFrontendClient} does: a queue of blocking clients, one taken per submit,
   * returned only on success. A failed submit logs and loses the connection; the wait for a
   * free one is bounded here only so that a lost pool fails the test instead of hanging it.
   */
  static final class OriginalStyleFrontend implements AutoCloseable {
    private final BlockingQueue<SchedulerService.Client> clients = new LinkedBlockingQueue<>();
    private final List<TTransport> transports = new ArrayList<>();

    OriginalStyleFrontend(HostPort scheduler, int connections) throws TException {
      for (int i = 0; i < connections; i++) {
        TTransport t = new TFramedTransport(new TSocket(scheduler.host(), scheduler.port(), 60_000));
        t.open();
        transports.add(t);
        clients.add(new SchedulerService.Client(new TBinaryProtocol(t)));
      }
    }

    void registerFrontend(String app, String address) throws TException {
      clients.peek().registerFrontend(app, address);
    }

    boolean submitRequest(TSchedulingRequest request) throws InterruptedException {
      SchedulerService.Client client = clients.poll(10, TimeUnit.SECONDS);
      assertThat(client).as("a free connection (the original would block for ever here)").isNotNull();
      try {
        client.submitJob(request);
        clients.put(client);
        return true;
      } catch (TException e) {
        return false;  // the original logs it; the connection is not returned
      }
    }

    int availableConnections() {
      return clients.size();
    }

    @Override
    public void close() {
      transports.forEach(TTransport::close);
    }
  }
}
