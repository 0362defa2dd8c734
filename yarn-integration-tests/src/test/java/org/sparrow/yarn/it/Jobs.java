package org.sparrow.yarn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;

/** Runs jobs through the schedulers in YARN containers with the client library. */
final class Jobs {

  private Jobs() {}

  static SparrowClient client(YarnTestCluster yarn, String cluster) throws Exception {
    return SparrowClient.builder().zookeeper(yarn.zkConnectString()).cluster(cluster).app("yarn-it")
        .timeout(Duration.ofSeconds(60)).build().start();
  }

  /** Submits {@code jobs} jobs of {@code tasks} short sleeps each. */
  static List<CompletableFuture<JobResult>> submit(SparrowClient client, int jobs, int tasks) {
    List<CompletableFuture<JobResult>> futures = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      futures.add(client.submit(Job.of(tasks, "sleep", "20")));
    }
    return futures;
  }

  /** Submits {@code jobs} jobs of {@code tasks} sleeps of {@code sleepMs} each. */
  static List<CompletableFuture<JobResult>> submit(SparrowClient client, int jobs, int tasks, long sleepMs) {
    List<CompletableFuture<JobResult>> futures = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      futures.add(client.submit(Job.of(tasks, "sleep", Long.toString(sleepMs))));
    }
    return futures;
  }

  static void assertAllSucceed(List<CompletableFuture<JobResult>> futures) throws Exception {
    for (CompletableFuture<JobResult> f : futures) {
      JobResult r = f.get(90, TimeUnit.SECONDS);
      assertThat(r.succeeded()).as("job %s: %s", r.requestId(), r.tasks()).isTrue();
    }
  }

  static void runAndAssert(YarnTestCluster yarn, String cluster, int jobs, int tasks) throws Exception {
    try (SparrowClient client = client(yarn, cluster)) {
      assertAllSucceed(submit(client, jobs, tasks));
    }
  }
}
