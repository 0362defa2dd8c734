package org.sparrow.it.fault;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a retried task's added latency went after its node monitor was killed: the run the kill
 * destroyed, then kill -> suspect (the scheduler's liveness ping or a call failed) -> retry
 * decided (the task back in its job's unlaunched set) -> a new reservation reached a surviving
 * node monitor -> re-launched there (after queueing) -> done -> the job's result at the client.
 *
 * <p>Times come from three clocks: the test JVM's {@code nanoTime} (the kill, the ledger lines
 * as read every 10 ms, the job's result), the schedulers' log lines (wall clock, ms; converted
 * with one reference pair of readings taken in the test JVM: same machine, same wall clock) and
 * the node monitor's queueing time in the task result (a duration). So each phase is good to
 * about 10-20 ms; a phase whose marks are missing prints "?".
 */
final class RetryBreakdown {

  /** Not known. */
  static final long UNKNOWN = Long.MIN_VALUE;

  /**
   * The marks of one retried task, all in the test JVM's nanoTime (UNKNOWN where missing).
   *
   * @param lostStart   when the lost attempt's start line was read
   * @param kill        when its node monitor was sent SIGKILL
   * @param suspect     when the job's scheduler logged that node monitor suspect
   * @param retried     when the job's scheduler logged the retry (first after the suspicion)
   * @param queuedNanos how long the final attempt queued on the survivor (from its task result)
   * @param relaunch    when the final attempt's start line was read
   * @param done        when the final attempt's end line was read
   * @param jobEnd      when the job's result reached the client
   */
  record Marks(String task, String lostOn, String ranOn, long lostStart, long kill, long suspect,
      long retried, long queuedNanos, long relaunch, long done, long jobEnd) {

    long lostRun() {
      return between(lostStart, kill);
    }

    long detection() {
      return between(kill, suspect);
    }

    long decision() {
      return between(suspect, retried);
    }

    /** Retry decided -> its reservation reached the survivor (relaunch minus queueing there). */
    long replacement() {
      return relaunch == UNKNOWN || queuedNanos == UNKNOWN ? UNKNOWN : between(retried, relaunch - queuedNanos);
    }

    long queued() {
      return queuedNanos;
    }

    long rerun() {
      return between(relaunch, done);
    }

    long report() {
      return between(done, jobEnd);
    }

    /** From the kill to the re-run's start: what failure handling added before the task could run again. */
    long killToRelaunch() {
      return between(kill, relaunch);
    }

    private static long between(long from, long to) {
      return from == UNKNOWN || to == UNKNOWN ? UNKNOWN : to - from;
    }

    /** One line: each phase in ms. */
    String line() {
      return String.format("%s (lost on %s, re-ran on %s): lost run %s | kill->suspect %s | ->retry %s"
              + " | ->reservation on survivor %s | queued there %s | re-run %s | ->result %s"
              + " (kill->re-launch %s)", task, lostOn, ranOn, ms(lostRun()), ms(detection()),
          ms(decision()), ms(replacement()), ms(queued()), ms(rerun()), ms(report()), ms(killToRelaunch()));
    }
  }

  private RetryBreakdown() {}

  static String ms(long nanos) {
    return nanos == UNKNOWN ? "?" : String.format("%.0f", nanos / 1e6);
  }

  /** Median and max of each phase over the tasks (those whose phase is known). */
  static String summary(List<Marks> tasks) {
    return String.format("%d retried tasks, median/max ms: lost run %s | kill->suspect %s | ->retry %s"
            + " | ->reservation on survivor %s | queued there %s | re-run %s | ->result %s | kill->re-launch %s",
        tasks.size(), medMax(tasks, Marks::lostRun), medMax(tasks, Marks::detection),
        medMax(tasks, Marks::decision), medMax(tasks, Marks::replacement), medMax(tasks, Marks::queued),
        medMax(tasks, Marks::rerun), medMax(tasks, Marks::report), medMax(tasks, Marks::killToRelaunch));
  }

  private static String medMax(List<Marks> tasks, ToLongFunction<Marks> phase) {
    List<Long> known = new ArrayList<>();
    for (Marks m : tasks) {
      long v = phase.applyAsLong(m);
      if (v != UNKNOWN) {
        known.add(v);
      }
    }
    if (known.isEmpty()) {
      return "?";
    }
    known.sort(null);
    return ms(known.get((known.size() - 1) / 2)) + "/" + ms(known.get(known.size() - 1));
  }

  /**
   * Maps a wall-clock time of day, as the daemons log it ({@code HH:mm:ss.SSS}, their default
   * zone), to the test JVM's nanoTime, from one reading of both clocks. The day is the one
   * that puts the time nearest the reading (a run that crosses midnight stays right).
   */
  record Clocks(long refNanos, long refEpochMs, ZoneId zone) {

    static Clocks now() {
      return new Clocks(System.nanoTime(), System.currentTimeMillis(), ZoneId.systemDefault());
    }

    long toNanos(LocalTime t) {
      LocalDate day = Instant.ofEpochMilli(refEpochMs).atZone(zone).toLocalDate();
      long best = UNKNOWN;
      for (LocalDate d : List.of(day.minusDays(1), day, day.plusDays(1))) {
        long epochMs = d.atTime(t).atZone(zone).toInstant().toEpochMilli();
        if (best == UNKNOWN || Math.abs(epochMs - refEpochMs) < Math.abs(best - refEpochMs)) {
          best = epochMs;
        }
      }
      return refNanos + (best - refEpochMs) * 1_000_000L;
    }
  }

  /** What one scheduler's log says about suspects and retries, in the test JVM's nanoTime. */
  static final class SchedulerLog {
    // Lines as cli/src/main/resources/logback.xml writes them; messages of FailureResponses and EffectRunner.
    private static final Pattern SUSPECT =
        Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .* Node monitor (\\S+) is suspect");
    private static final Pattern RETRYING =
        Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .* Job (\\S+): retrying \\d+ lost task");

    private record Event(String subject, long nanos) {}

    private final List<Event> suspects = new ArrayList<>();
    private final List<Event> retries = new ArrayList<>();

    static SchedulerLog parse(List<String> lines, Clocks clocks) {
      SchedulerLog log = new SchedulerLog();
      for (String line : lines) {
        add(SUSPECT.matcher(line), log.suspects, clocks);
        add(RETRYING.matcher(line), log.retries, clocks);
      }
      return log;
    }

    private static void add(Matcher m, List<Event> into, Clocks clocks) {
      if (!m.find()) {
        return;
      }
      try {
        into.add(new Event(m.group(2), clocks.toNanos(LocalTime.parse(m.group(1)))));
      } catch (DateTimeParseException e) {
        // not a line of ours
      }
    }

    /** The first time the node monitor was logged suspect at or after {@code after} (ms resolution). */
    long suspectAfter(String nodeId, long after) {
      return first(suspects, nodeId, after);
    }

    /** The first retry logged for the job at or after {@code after}. */
    long retryAfter(String requestId, long after) {
      return first(retries, requestId, after);
    }

    private static long first(List<Event> events, String subject, long after) {
      long best = UNKNOWN;
      // The log's ms truncation can put an event up to 1 ms before a mark taken in this JVM.
      long from = after == UNKNOWN ? Long.MIN_VALUE : after - 1_000_000L;
      for (Event e : events) {
        if (e.subject.equals(subject) && e.nanos >= from && (best == UNKNOWN || e.nanos < best)) {
          best = e.nanos;
        }
      }
      return best;
    }
  }
}
