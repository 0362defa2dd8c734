package org.sparrow.nodemonitor.testtasks;

import java.util.concurrent.atomic.AtomicInteger;

/** Not a task, with a static initialiser that must never run when a task names it. */
public class InitialiserNotATask {

  /** Counts runs of the initialiser of {@link Counted}, kept outside it so reading it runs nothing. */
  public static final AtomicInteger INITIALISED = new AtomicInteger();

  /** The class a hostile task names. */
  public static class Counted {
    static {
      INITIALISED.incrementAndGet();
    }
  }

  private InitialiserNotATask() {}
}
