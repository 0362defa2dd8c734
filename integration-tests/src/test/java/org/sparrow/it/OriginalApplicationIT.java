package org.sparrow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.it.original.OriginalBackends;
import org.sparrow.local.LocalCluster;
import org.sparrow.nodemonitor.NodeMonitorDaemon;
import org.sparrow.thrift.FrontendService;
import org.sparrow.thrift.SchedulerService;
import org.sparrow.thrift.TFrontendMessage;
import org.sparrow.thrift.TFullTaskId;
import org.sparrow.thrift.TPlacementPreference;
import org.sparrow.thrift.TSchedulingRequest;
import org.sparrow.thrift.TTaskSpec;
import org.sparrow.thrift.TUserGroupInfo;

/**
 * An application written against the original Sparrow API: a frontend that registers and
 * submits with plain submitJob, and backends that register with their node monitors, run the
 * tasks they are given and send a message back to the frontend through Sparrow.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OriginalApplicationIT {

  private static final String APP = "legacy-app";
  private static final int DONE = 42;

  private LocalCluster cluster;
  private final OriginalBackends backends = new OriginalBackends();
  private final Map<String, String> frontendMessages = new ConcurrentHashMap<>();
  private final Set<String> launched = ConcurrentHashMap.newKeySet();
  private final Set<Integer> statusesSeen = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() throws Exception {
    cluster = LocalCluster.builder().nodeMonitors(3).slots(2).schedulers(1).zkPort(0)
        .clusterName("legacy").build().start();
  }

  @AfterEach
  void stop() throws Exception {
    backends.close();
    cluster.close();
  }

  @Test
  void originalFrontendAndBackendsRunUnmodified() throws Exception {
    for (NodeMonitorDaemon nm : cluster.nodeMonitors()) {
      startBackend(nm.backendAddress());
    }
    HostPort frontend = startFrontend();
    HostPort scheduler = cluster.schedulers().get(0).address();
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.schedulers().get(0).knownNodeMonitors().size() == 3
        && cluster.nodeMonitors().stream().allMatch(nm -> nm.info().backendApps().contains(APP)));

    ClientPool<SchedulerService.Client> schedulers = ClientPool.builder(SchedulerService.Client::new).build();
    try (schedulers) {
      boolean registered = schedulers.call(scheduler, c -> c.registerFrontend(APP, frontend.toString()));
      assertThat(registered).isTrue();
      List<TTaskSpec> tasks = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        tasks.add(new TTaskSpec("task-" + i, new TPlacementPreference(List.of(), List.of(), 0),
            ByteBuffer.wrap(("payload-" + i).getBytes(StandardCharsets.UTF_8))));
      }
      TSchedulingRequest request = new TSchedulingRequest(APP, tasks, new TUserGroupInfo("u", "g", 0));
      schedulers.run(scheduler, c -> {
        c.submitJob(request);
        return null;
      });
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> frontendMessages.size() == 6);
    for (int i = 0; i < 6; i++) {
      assertThat(frontendMessages).containsEntry("task-" + i, "done payload-" + i);
    }
    assertThat(launched).hasSize(6);
    assertThat(statusesSeen).as("only the application's own messages, no unsolicited completion notices")
        .containsOnly(DONE);
  }

  @Test
  void aRestartedBackendCanRegisterAgain() throws Exception {
    NodeMonitorDaemon nm = cluster.nodeMonitors().get(0);
    startBackend(nm.backendAddress()).close();
    startBackend(nm.backendAddress());
    HostPort frontend = startFrontend();
    HostPort scheduler = cluster.schedulers().get(0).address();
    await().atMost(Duration.ofSeconds(10)).until(() -> nm.info().backendApps().contains(APP)
        && cluster.schedulers().get(0).knownNodeMonitors().size() == 3);
    ClientPool<SchedulerService.Client> schedulers = ClientPool.builder(SchedulerService.Client::new).build();
    try (schedulers) {
      schedulers.call(scheduler, c -> c.registerFrontend(APP, frontend.toString()));
      TTaskSpec task = new TTaskSpec("only", new TPlacementPreference(List.of(), List.of(), 0),
          ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8)));
      schedulers.run(scheduler, c -> {
        c.submitJob(new TSchedulingRequest(APP, List.of(task), new TUserGroupInfo("u", "g", 0)));
        return null;
      });
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> frontendMessages.containsKey("only"));
  }

  /** A backend that answers every task with "done " + its payload, through Sparrow, to the frontend. */
  private AutoCloseable startBackend(HostPort nodeMonitor) throws Exception {
    return backends.start("test-backend", nodeMonitor, APP, (taskId, message, c) -> {
      byte[] bytes = new byte[message.remaining()];
      message.get(bytes);
      launched.add(taskId.getTaskId());
      String reply = "done " + new String(bytes, StandardCharsets.UTF_8);
      c.sendFrontendMessage(APP, taskId, DONE, ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8)));
    });
  }

  private HostPort startFrontend() throws Exception {
    FrontendService.Iface frontend = new FrontendService.Iface() {
      @Override
      public void frontendMessage(TFullTaskId taskId, int status, ByteBuffer message) {
        statusesSeen.add(status);
        if (status == DONE) {
          byte[] bytes = new byte[message.remaining()];
          message.get(bytes);
          frontendMessages.put(taskId.getTaskId(), new String(bytes, StandardCharsets.UTF_8));
        }
      }

      @Override
      public void frontendMessages(List<TFrontendMessage> messages) throws TException {
        // As an original frontend, generated from the original IDL, answers it.
        throw new TApplicationException(TApplicationException.UNKNOWN_METHOD, "Invalid method name: 'frontendMessages'");
      }
    };
    return backends.serve("test-frontend", new FrontendService.Processor<>(frontend)).address();
  }
}
