package org.sparrow.it.hostile;

import java.util.ArrayList;
import java.util.List;
import org.sparrow.nodemonitor.task.SparrowTask;
import org.sparrow.nodemonitor.task.TaskContext;

/**
 * A {@code java} task that allocates heap until the JVM runs out: with the production flag
 * {@code -XX:+ExitOnOutOfMemoryError} the JVM ends at once with HotSpot's status 3, before any
 * Java code (the fatal path included) runs again.
 */
public class HeapBomb implements SparrowTask {
  @Override
  public int run(TaskContext context) {
    List<byte[]> held = new ArrayList<>();
    while (true) {
      held.add(new byte[1 << 20]);
    }
  }
}
