import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import org.sparrow.client.Job;
import org.sparrow.client.SparrowClient;
import org.sparrow.client.Task;

/**
 * The walks' frontend (VERIFIED.md items 22-25): one long-lived SparrowClient sending a one-task
 * sleep job every second for SECONDS seconds, or until the file STOPFILE exists (a frontend
 * "moved" to another cluster), one line per job. Run with the CLI's fat jar:
 *
 * <pre>java -cp cli/target/sparrow-cli-0.1.0-SNAPSHOT-all.jar docs/scripts/pseudo-hadoop/Frontend.java \
 *     ZK CLUSTER SECONDS [TASK_MS [STOPFILE]]</pre>
 */
public class Frontend {
  public static void main(String[] a) throws Exception {
    String zk = a[0], cluster = a[1];
    int seconds = Integer.parseInt(a[2]);
    long taskMs = a.length > 3 ? Long.parseLong(a[3]) : 1000;
    java.nio.file.Path moved = java.nio.file.Path.of(a.length > 4 ? a[4]
        : System.getProperty("java.io.tmpdir") + "/frontend-stop-" + cluster);
    SparrowClient started = null;
    for (int attempt = 1; started == null; attempt++) {  // a busy machine: ZooKeeper may be slow to answer
      try {
        started = SparrowClient.builder().zookeeper(zk).cluster(cluster).app("upgrade-walk").build().start();
      } catch (IllegalStateException e) {
        if (attempt == 5) throw e;
        System.out.println("start attempt " + attempt + ": " + e.getMessage());
      }
    }
    try (SparrowClient client = started) {
      long start = System.nanoTime();
      for (int i = 0; i < seconds && !java.nio.file.Files.exists(moved); i++) {
        long due = start + i * 1_000_000_000L;
        while (System.nanoTime() < due) Thread.sleep(Math.max(1, (due - System.nanoTime()) / 1_000_000));
        final int n = i;
        client.submit(Job.builder().task(Task.sleep("t", taskMs)).timeout(Duration.ofSeconds(60)).build())
            .whenComplete((r, e) -> System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " job " + n + " "
                + (e != null ? "FAILED " + e : (r.succeeded() ? "ok on " + r.scheduler() : "not ok " + r))));
      }
      System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " stopped submitting");
      Thread.sleep(70_000);  // the last jobs end within their 60 s timeout
    }
  }
}
