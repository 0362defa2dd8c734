package org.sparrow.it.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparrow.client.JobResult;
import org.sparrow.client.TaskResult;

/**
 * The verdict of a finished load's ledger on each succeeded job: which tasks never ran (lost),
 * which ran twice (duplicated) and whether the job ran under another request id (resubmitted).
 * A line is "key task attempt request start|end".
 */
final class LedgerAudit {

  /** What the ledger says of one succeeded job. */
  record Verdict(int lost, int duplicated, int retried, boolean resubmitted, List<String> problems) {}

  private final Map<String, List<String[]>> lines = new HashMap<>();
  private final Set<String> killedSchedulers;

  /** Reads the lines of the jobs whose keys start with {@code prefix-}. */
  LedgerAudit(Path ledger, String prefix, Set<String> killedSchedulers) throws IOException {
    this.killedSchedulers = killedSchedulers;
    if (Files.exists(ledger)) {
      for (String line : Files.readAllLines(ledger, StandardCharsets.UTF_8)) {
        String[] f = line.trim().split(" ");
        if (f.length >= 2 && f[0].startsWith(prefix + "-")) {
          lines.computeIfAbsent(f[0] + " " + f[1], k -> new ArrayList<>()).add(f);
        }
      }
    }
  }

  /** Request ids are "host:port/boot/counter" of the scheduler that accepted the job. */
  static String schedulerOf(String requestId) {
    int slash = requestId.indexOf('/');
    return slash < 0 ? requestId : requestId.substring(0, slash);
  }

  Verdict of(String key, JobResult r) {
    int lost = 0;
    int duplicated = 0;
    int retried = 0;
    boolean resubmittedJob = false;
    List<String> problems = new ArrayList<>();
    for (TaskResult t : r.tasks()) {
      if (t.attempts().size() > 1) {
        retried++;
      }
      List<String[]> ran = lines.getOrDefault(key + " " + t.taskId(), List.of());
      if (ran.isEmpty()) {
        lost++;
        problems.add(key + "/" + t.taskId() + " succeeded but never ran (lost)");
        continue;
      }
      // A task completes once, except after an earlier attempt was lost: under its final
      // request id at most one completion per attempt TaskResult.attempts() lists (the
      // process of a run whose node monitor was killed may still finish: its loss is what
      // made the retry), and under another request id only if that request's scheduler was
      // killed (the client resubmitted the job; what ran for the dead one is a lost attempt).
      // Any other second completion is a duplicate: a job that ran in two places.
      Set<String> started = new HashSet<>();
      int completedFinal = 0;
      List<String> completedElsewhere = new ArrayList<>();
      for (String[] f : ran) {
        String request = f.length > 3 ? f[3] : "";
        String run = request + " " + (f.length > 2 ? f[2] : "");
        boolean end = f.length > 4 && f[4].equals("end");
        if (!request.equals(r.requestId())) {
          resubmittedJob = true;
        }
        if (!end) {
          if (!started.add(run)) {
            duplicated++;
            problems.add(key + "/" + t.taskId() + " started twice as " + run);
          }
        } else if (request.equals(r.requestId())) {
          completedFinal++;
        } else if (!killedSchedulers.contains(schedulerOf(request))) {
          completedElsewhere.add(run);
        }
      }
      if (completedFinal > t.attempts().size() || !completedElsewhere.isEmpty()) {
        duplicated++;
        problems.add(key + "/" + t.taskId() + " completed " + completedFinal + " times in "
            + t.attempts().size() + " attempts under " + r.requestId()
            + (completedElsewhere.isEmpty() ? "" : " and also as " + completedElsewhere
            + " on a scheduler that was not killed"));
      }
      if (completedFinal == 0) {
        lost++;
        problems.add(key + "/" + t.taskId() + " succeeded but its run under " + r.requestId()
            + " never completed (lost)");
      }
    }
    return new Verdict(lost, duplicated, retried, resubmittedJob, problems);
  }
}
