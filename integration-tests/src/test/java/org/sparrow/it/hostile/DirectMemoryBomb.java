package org.sparrow.it.hostile;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.sparrow.nodemonitor.task.SparrowTask;
import org.sparrow.nodemonitor.task.TaskContext;

/**
 * A {@code java} task that allocates direct buffers until the JVM refuses one: an
 * {@link OutOfMemoryError} ("Cannot reserve ... direct buffer memory") that the JDK's own code
 * throws, so {@code -XX:+ExitOnOutOfMemoryError} does not act on it and the node monitor's fatal
 * path must. The buffers are dropped with the error.
 */
public class DirectMemoryBomb implements SparrowTask {
  @Override
  public int run(TaskContext context) {
    List<ByteBuffer> held = new ArrayList<>();
    while (true) {
      held.add(ByteBuffer.allocateDirect(1 << 20));
    }
  }
}
