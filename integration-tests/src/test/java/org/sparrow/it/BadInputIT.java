package org.sparrow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparrow.client.Job;
import org.sparrow.client.JobRejectedException;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;
import org.sparrow.client.Task;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.local.LocalCluster;
import org.sparrow.thrift.IncompleteRequestException;
import org.sparrow.thrift.SchedulerService;
import org.sparrow.thrift.TPlacementPreference;
import org.sparrow.thrift.TSchedulingRequest;
import org.sparrow.thrift.TTaskSpec;
import org.sparrow.thrift.TUserGroupInfo;

/** Bad requests get errors that name the problem, and accepted work is not disturbed. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BadInputIT {

  private static LocalCluster cluster;
  private static SparrowClient client;
  private static ClientPool<SchedulerService.Client> raw;
  private static HostPort scheduler;

  @BeforeAll
  static void start() throws Exception {
    cluster = LocalCluster.builder().nodeMonitors(2).slots(2).schedulers(1).zkPort(0)
        .clusterName("bad").build().start();
    client = SparrowClient.builder().zookeeper(cluster.connectString()).cluster("bad")
        .callbackHost("127.0.0.1").build().start();
    raw = ClientPool.builder(SchedulerService.Client::new).build();
    scheduler = cluster.schedulers().get(0).address();
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.schedulers().get(0).knownNodeMonitors().size() == 2);
  }

  @AfterAll
  static void stop() {
    raw.close();
    client.close();
    cluster.close();
  }

  private static TTaskSpec task(String id, String kind, String arg) {
    TTaskSpec t = new TTaskSpec(id, new TPlacementPreference(List.of(), List.of(), 0),
        ByteBuffer.wrap(arg.getBytes(StandardCharsets.UTF_8)));
    if (kind != null) {
      t.setKind(kind);
    }
    return t;
  }

  private static TSchedulingRequest request(List<TTaskSpec> tasks) {
    return new TSchedulingRequest("bad-app", tasks, new TUserGroupInfo("u", "g", 0));
  }

  private static void assertRejected(TSchedulingRequest request, String messagePart) {
    assertThatThrownBy(() -> raw.call(scheduler, c -> c.submitJobWithId(request)))
        .isInstanceOf(IncompleteRequestException.class)
        .hasMessageContaining(messagePart);
  }

  @AfterEach
  void openTheGate() {
    GateTask.open();  // never leave a slot held for the next test
  }

  @Test
  void badRequestsAreRejectedWithTheirReasonWhileAcceptedJobsFinish() throws Exception {
    GateTask.close();  // the accepted job holds its slots until every bad request was refused
    CompletableFuture<JobResult> accepted = client.submit(Job.builder()
        .task(Task.java("g0", GateTask.class.getName(), ""))
        .task(Task.java("g1", GateTask.class.getName(), "")).build());

    assertRejected(request(List.of(task("a", "noop", ""), task("a", "noop", ""))), "a");
    assertRejected(request(List.of(task("a", "teleport", ""))), "teleport");
    assertRejected(request(List.of(task("a", "sleep", "soon"))), "soon");
    assertRejected(request(List.of(task("a", "noop", "")))
        .setApp(""), "app");
    assertRejected(request(List.of(task("a", "noop", ""))).setProbeRatio(0.5), "0.5");
    assertRejected(request(List.of(task("a", "noop", ""))).setPolicy("telepathy"), "telepathy");
    assertRejected(request(List.of(task("a", "noop", ""))).setConstraints(Map.of("gpu", "yes")), "gpu");
    assertRejected(request(List.of(task(null, "noop", ""))), "taskId");
    // A backend task with constraints is placement style: refused at once (an original-style one waits).
    TTaskSpec backendTask = task("a", null, "payload");
    backendTask.setConstraints(Map.of("rack", "r1"));
    assertRejected(request(List.of(backendTask)), "backend");

    assertThatThrownBy(() -> client.submit(Job.of(1, "teleport", null)).get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(JobRejectedException.class).hasMessageContaining("teleport");

    assertThat(accepted).as("still running while the bad requests were refused").isNotDone();
    GateTask.open();
    JobResult result = accepted.get(30, TimeUnit.SECONDS);
    assertThat(result.succeeded()).isTrue();
  }

  @Test
  void anOversizedFrameIsRefusedAndTheSchedulerKeepsServing() throws Exception {
    try (Socket s = new Socket(scheduler.host(), scheduler.port())) {
      OutputStream out = s.getOutputStream();
      // A frame header announcing 1 GiB: refused before anything is buffered.
      out.write(new byte[] {0x40, 0, 0, 0});
      out.flush();
      s.setSoTimeout(5_000);
      assertThat(s.getInputStream().read()).as("connection closed by the server").isEqualTo(-1);
    }
    assertThat(client.submit(Job.of(2, "noop", null)).get(30, TimeUnit.SECONDS).succeeded()).isTrue();
  }

  @Test
  void unknownJobStatusIsAClearError() {
    assertThatThrownBy(() -> raw.call(scheduler, c -> c.getJobStatus("no-such-job")))
        .isInstanceOf(IncompleteRequestException.class).hasMessageContaining("no-such-job");
  }

  @Test
  void aClusterWithoutNodeMonitorsRejectsJobsClearly() throws Exception {
    try (LocalCluster empty = LocalCluster.builder().nodeMonitors(0).schedulers(1).zkPort(0)
        .clusterName("empty").build().start()) {
      HostPort s = empty.schedulers().get(0).address();
      assertThatThrownBy(() -> raw.call(s, c -> c.submitJobWithId(request(List.of(task("a", "noop", ""))))))
          .isInstanceOf(IncompleteRequestException.class).hasMessageContaining("node monitor");
    }
  }
}
