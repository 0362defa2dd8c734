package org.sparrow.nodemonitor.testtasks;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sparrow.nodemonitor.task.SparrowTask;
import org.sparrow.nodemonitor.task.TaskContext;

/**
 * Blocks until its gate (named by the argument) opens, recording which thread ran it. Static
 * because the node monitor instantiates tasks by class name; tests use unique gate names.
 */
public class BlockingTask implements SparrowTask {

  public static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
  public static final Map<String, Set<String>> THREADS = new ConcurrentHashMap<>();

  public static void prepare(String gate) {
    GATES.put(gate, new CountDownLatch(1));
    THREADS.put(gate, ConcurrentHashMap.newKeySet());
  }

  @Override
  public int run(TaskContext context) throws Exception {
    String gate = context.argument();
    THREADS.get(gate).add(Thread.currentThread().getName() + "#" + context.taskId());
    return GATES.get(gate).await(20, TimeUnit.SECONDS) ? 0 : 1;
  }
}
