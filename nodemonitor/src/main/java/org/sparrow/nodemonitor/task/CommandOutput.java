package org.sparrow.nodemonitor.task;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Drains a command's combined output on a thread of its own. A read blocked on a pipe is not
 * woken by closing the stream, and a process that escaped the kill may hold the pipe open for
 * ever; off the slot thread, such a drain only costs an idle thread, never the slot.
 *
 * <p>The command ends when every writer has closed the output (as for {@code $(...)} in a
 * shell), not when the shell exits: when the shell exits, the JDK swaps the stream for the
 * bytes already buffered (ProcessPipeInputStream.processExited, synchronized on the stream),
 * which would end the drain early depending on timing, while a backgrounded child still
 * writes. Holding the stream's monitor for the whole drain defers that swap to the real end
 * of output. The shell is gated (it waits for a line on stdin before running the command) so
 * the monitor is held before the command can possibly exit.
 */
final class CommandOutput implements Runnable {

  /** Runs {@code command} once a line arrives on stdin, with stdin then /dev/null. */
  static final String GATED_SHELL = "read -r _ && exec /bin/sh -c \"$1\" </dev/null";

  private final Process gatedShell;
  private final InputStream in;
  private final BoundedOutput kept;
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile IOException failure;

  private CommandOutput(Process gatedShell, int limit) {
    this.gatedShell = gatedShell;
    this.in = gatedShell.getInputStream();
    this.kept = new BoundedOutput(limit);
  }

  /** Starts draining (and opens the gate) on one of {@code threads}. */
  static CommandOutput drain(Process gatedShell, int limit, Executor threads) {
    CommandOutput output = new CommandOutput(gatedShell, limit);
    threads.execute(output);
    return output;
  }

  @Override
  public void run() {
    try {
      synchronized (in) {
        openGate();
        kept.readFrom(in);
      }
    } catch (IOException e) {
      failure = e;
    } finally {
      ended.countDown();
    }
  }

  private void openGate() {
    try (OutputStream gate = gatedShell.getOutputStream()) {
      gate.write('\n');
    } catch (IOException e) {
      // The shell is already gone (killed at the timeout): there is nothing to run.
    }
  }

  /** Waits until every writer closed the output; false if {@code nanos} passed first. */
  boolean awaitEnd(long nanos) throws InterruptedException {
    return ended.await(nanos, TimeUnit.NANOSECONDS);
  }

  /** The output so far, bounded. */
  String text() {
    return kept.text();
  }

  /** Why reading stopped before the end of output, or null. */
  IOException failure() {
    return failure;
  }

  /** Closes our end (resources only: a reader still blocked on it stays blocked). */
  void close() {
    try {
      in.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}
