package org.sparrow.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparrow.common.UserShares;
import org.sparrow.sim.PolicyResult;
import org.sparrow.sim.QueueExperiments;
import org.sparrow.sim.ResponseStats;
import org.sparrow.sim.UserFigures;

/** {@code sparrow sim}'s per-user lines and JSON documents (per-user figures in {@code bench --json}'s shape). */
final class SimReport {

  private SimReport() {}

  /** One line per user of a point, under its row of the table. */
  static void printUsers(PrintStream out, PolicyResult r, UserShares users) {
    int i = 0;
    for (Map.Entry<String, UserFigures> e : r.users().entrySet()) {
      UserFigures u = e.getValue();
      ResponseStats s = u.response();
      out.printf(Locale.ROOT, "    user %-12s p%-3d offered %9.0f tasks/s  achieved %9.0f tasks/s  "
              + "p50 %9.2f  p95 %9.2f  p99 %9.2f ms  (%d jobs)%n", e.getKey(), users.users().get(i++).priority(),
          u.offeredTasksPerSecond(), u.achievedTasksPerSecond(), s.p50Millis(), s.p95Millis(), s.p99Millis(), s.count());
    }
  }

  static Map<String, Object> point(PolicyResult r, UserShares users) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", r.policy());
    m.put("queue_policy", r.queuePolicy());
    m.put("load", r.load());
    m.put("jobs", r.stats().count());
    m.put("response_ms", response(r.stats()));
    m.put("events", r.events());
    m.put("wall_s", r.wallNanos() / 1e9);
    m.put("cpu_s", r.cpuNanos() / 1e9);
    if (!r.users().isEmpty()) {
      m.put("users", users(r.users(), users));
    }
    return m;
  }

  /** {@code bench --json}'s {@code users} object, plus each user's share and priority. */
  static Map<String, Object> users(Map<String, UserFigures> figures, UserShares users) {
    Map<String, Object> out = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, UserFigures> e : figures.entrySet()) {
      UserFigures u = e.getValue();
      UserShares.User spec = users.users().get(i++);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("offered_tasks_per_s", u.offeredTasksPerSecond());
      m.put("achieved_tasks_per_s", u.achievedTasksPerSecond());
      Map<String, Object> pct = response(u.response());
      pct.remove("mean");
      pct.put("jobs", u.response().count());
      m.put("response_ms", pct);
      List<Long> series = new ArrayList<>(u.completedPer100ms().length);
      for (long c : u.completedPer100ms()) {
        series.add(c);
      }
      m.put("tasks_completed_per_100ms", series);
      m.put("arrival_share", spec.share());
      m.put("priority", spec.priority());
      out.put(e.getKey(), m);
    }
    return out;
  }

  static Map<String, Object> priority(QueueExperiments.PriorityResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("queue_policy", r.queuePolicy());
    m.put("foreground_idle_ms", response(r.idle()));
    m.put("foreground_with_background_ms", response(r.loaded()));
    m.put("ratio_p50", r.p50Ratio());
    m.put("ratio_p99", r.p99Ratio());
    m.put("background_achieved_tasks_per_s", r.backgroundTasksPerSecond());
    return m;
  }

  static Map<String, Object> fairShare(QueueExperiments.FairResult r, String first, String second) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("queue_policy", r.queuePolicy());
    Map<String, Object> users = new LinkedHashMap<>();
    users.put(first, achieved(r.firstTasksPerSecond(), r.firstShare()));
    users.put(second, achieved(r.secondTasksPerSecond(), r.secondShare()));
    m.put("users", users);
    m.put("whole_cluster_after_ms", r.catchUpMs());
    m.put("whole_cluster_fraction", r.firstAloneFraction());
    m.put("dropped_for_backlog", r.dropped());
    return m;
  }

  private static Map<String, Object> achieved(double tasksPerSecond, double share) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("achieved_tasks_per_s", tasksPerSecond);
    m.put("share", share);
    return m;
  }

  private static Map<String, Object> response(ResponseStats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("p50", s.p50Millis());
    m.put("p95", s.p95Millis());
    m.put("p99", s.p99Millis());
    m.put("max", s.max() / 1e6);
    m.put("mean", s.meanMillis());
    return m;
  }

  static void write(Path file, Map<String, Object> document) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, Json.write(document), StandardCharsets.UTF_8);
  }
}
