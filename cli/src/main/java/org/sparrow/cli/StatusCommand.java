package org.sparrow.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparrow.client.JobStatus;
import org.sparrow.client.SparrowClient;
import org.sparrow.client.TaskResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show a job's state and its finished tasks (schedulers keep ended jobs for a while).")
final class StatusCommand extends JobClientCommand {

  @Parameters(paramLabel = "ID", description = "The job's id, as 'sparrow jobs' or 'sparrow submit --verbose' print it.")
  String requestId;

  @Override
  int run(SparrowClient client, PrintWriter out, boolean json) throws Exception {
    JobStatus s = client.status(requestId);
    if (json) {
      out.print(Json.write(toJson(s)));
    } else {
      out.printf("job %s (scheduler %s): %s%n", s.requestId(), s.scheduler(), s.state());
      out.printf("tasks: %d total, %d launched, %d finished, %d did not succeed%n", s.totalTasks(),
          s.launchedTasks(), s.finishedTasks(), s.failedTasks());
      if (!s.failureReason().isEmpty()) {
        out.println("reason: " + s.failureReason());
      }
      if (!s.results().isEmpty()) {
        out.printf("%-16s %-10s %5s %10s  %-22s %s%n", "TASK", "STATE", "EXIT", "RUN_MS", "NODE MONITOR", "OUTPUT");
        for (TaskResult r : s.results()) {
          out.printf(Locale.ROOT, "%-16s %-10s %5d %10.1f  %-22s %s%n", r.taskId(), r.state(), r.exitCode(),
              r.runMicros() / 1000.0, r.nodeMonitorId(), oneLine(r.output(), 60));
        }
      }
    }
    return 0;
  }

  static Map<String, Object> toJson(JobStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.requestId());
    m.put("scheduler", s.scheduler());
    m.put("state", s.state().name());
    m.put("totalTasks", s.totalTasks());
    m.put("launchedTasks", s.launchedTasks());
    m.put("finishedTasks", s.finishedTasks());
    m.put("failedTasks", s.failedTasks());
    m.put("failureReason", s.failureReason());
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (TaskResult r : s.results()) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("id", r.taskId());
      t.put("state", r.state().name());
      t.put("exitCode", r.exitCode());
      t.put("runMicros", r.runMicros());
      t.put("queuedMicros", r.queuedMicros());
      t.put("nodeMonitor", r.nodeMonitorId());
      t.put("output", r.output());
      tasks.add(t);
    }
    m.put("results", tasks);
    return m;
  }

  private static String oneLine(String s, int max) {
    String line = s == null ? "" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " | ");
    return line.length() <= max ? line : line.substring(0, max - 3) + "...";
  }
}
