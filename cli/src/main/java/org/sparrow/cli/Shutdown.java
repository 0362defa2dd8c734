package org.sparrow.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps a daemon command running until Ctrl-C / SIGTERM, then closes what it started. */
final class Shutdown {

  private Shutdown() {}

  static void awaitTermination(AutoCloseable started) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      try {
        started.close();
      } catch (Exception e) {
        System.err.println("error while stopping: " + e);
      } finally {
        stopped.countDown();
      }
    }, "sparrow-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    stopped.await();
  }
}
