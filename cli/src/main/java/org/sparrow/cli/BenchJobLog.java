package org.sparrow.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import org.sparrow.client.TaskResult;

/**
 * {@code bench --jobs-out}: one CSV line per job, so that a slow job can be matched against what
 * happened at that moment elsewhere (a GC pause in a daemon's log, a background burst). The
 * submit time is wall-clock epoch milliseconds because the other logs are in other processes;
 * JVM unified logging prints the same clock with {@code -Xlog:gc:file=F:timemillis}.
 *
 * <p>Lines are written as jobs end (completion order), from the client's callback threads, so
 * a run cut short keeps what it had; sort by {@code submit_epoch_ms} to get submission order.
 * Thread-safe.
 */
final class BenchJobLog implements AutoCloseable {

  static final String HEADER = "job,submit_epoch_ms,submit_s,measured,user,priority,tasks,state,"
      + "response_ms,longest_task_ms,overhead_ms,max_queue_wait_ms,scheduler";

  /** Logs nothing: bench without --jobs-out. */
  static final BenchJobLog NONE = new BenchJobLog(null);

  private final Writer out;
  private long startEpochMicros;
  private IOException failure;

  /** {@code out} null: logs nothing. The header is written at once. */
  BenchJobLog(Writer out) {
    this.out = out;
    write(HEADER);
  }

  /** Where the run's offsets start on the wall clock (a run's first call, before any job). */
  synchronized void start(long epochMicrosAtRunStart) {
    this.startEpochMicros = epochMicrosAtRunStart;
  }

  /** Job {@code index} (as submitted: {@code job}) ended with {@code r}. */
  void finished(long index, Job job, long submitOffsetNanos, boolean measured, JobResult r) {
    long maxQueue = r.tasks().stream().mapToLong(TaskResult::queuedMicros).max().orElse(0);
    String state = r.succeeded() ? "SUCCEEDED" : r.tasks().stream().filter(t -> !t.succeeded())
        .findFirst().map(t -> t.state().name()).orElse("FAILED");
    line(index, job, submitOffsetNanos, measured, state, String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%.3f,%s",
        r.responseNanos() / 1e6, r.longestTaskMicros() / 1e3, r.overheadMicros() / 1e3, maxQueue / 1e3,
        csv(r.scheduler())));
  }

  /** Job {@code index} got no result (the submission failed or timed out): no times. */
  void failed(long index, Job job, long submitOffsetNanos, boolean measured) {
    line(index, job, submitOffsetNanos, measured, "ERROR", ",,,,");
  }

  private void line(long index, Job job, long submitOffsetNanos, boolean measured, String state, String rest) {
    long epochMicros;
    synchronized (this) {
      epochMicros = startEpochMicros + submitOffsetNanos / 1000;
    }
    // integer arithmetic: epoch microseconds are beyond a double's exact digits
    write(String.format(Locale.ROOT, "%d,%d.%03d,%.6f,%b,%s,%d,%d,%s,%s", index, epochMicros / 1000, epochMicros % 1000,
        submitOffsetNanos / 1e9, measured, csv(job.user()), job.priority(), job.tasks().size(), state, rest));
  }

  private synchronized void write(String line) {
    if (out == null || failure != null) {
      return;
    }
    try {
      out.write(line);
      out.write('\n');
    } catch (IOException e) {
      failure = e;  // reported by close(): a callback thread has nobody to tell
    }
  }

  /** Flushes and closes; fails if any line could not be written. */
  @Override
  public synchronized void close() {
    if (out == null) {
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      failure = failure != null ? failure : e;
    }
    if (failure != null) {
      throw new UncheckedIOException("--jobs-out: could not write every line", failure);
    }
  }

  /** RFC 4180 quoting for a free-text field (user names and addresses may hold commas). */
  static String csv(String s) {
    if (s == null) {
      return "";
    }
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
