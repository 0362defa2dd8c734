package org.sparrow.it;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sparrow.nodemonitor.task.SparrowTask;
import org.sparrow.nodemonitor.task.TaskContext;

/**
 * A user task kind that holds its slot until the test opens the gate: lets a test keep a node
 * monitor busy for exactly as long as it needs (the node monitors of a LocalCluster share the
 * test's class loader, so the static gate is the test's).
 */
public class GateTask implements SparrowTask {

  private static volatile CountDownLatch gate = new CountDownLatch(1);

  /** Closes the gate for the tasks started from now on. */
  static void close() {
    gate = new CountDownLatch(1);
  }

  static void open() {
    gate.countDown();
  }

  @Override
  public int run(TaskContext context) throws InterruptedException {
    // Bounded, so a failing test cannot leave a slot held forever.
    return gate.await(60, TimeUnit.SECONDS) ? 0 : 1;
  }
}
