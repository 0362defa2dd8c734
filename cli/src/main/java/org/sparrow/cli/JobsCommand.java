package org.sparrow.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparrow.client.JobSummary;
import org.sparrow.client.SparrowClient;
import picocli.CommandLine.Command;

@Command(name = "jobs", mixinStandardHelpOptions = true,
    description = {"List the jobs every scheduler of the cluster is running now (all clients' jobs).",
        "See one with 'sparrow status ID', cancel it with 'sparrow kill ID'."})
final class JobsCommand extends JobClientCommand {

  @Override
  int run(SparrowClient client, PrintWriter out, boolean json) throws Exception {
    int schedulers = client.schedulerAddresses().size();
    List<JobSummary> jobs = client.jobs();
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (JobSummary j : jobs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.requestId());
        m.put("scheduler", j.scheduler());
        m.put("app", j.app());
        m.put("state", j.state().name());
        m.put("totalTasks", j.totalTasks());
        m.put("launchedTasks", j.launchedTasks());
        m.put("finishedTasks", j.finishedTasks());
        m.put("failedTasks", j.failedTasks());
        m.put("ageMs", j.age().toMillis());
        m.put("description", j.description());
        rows.add(m);
      }
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("schedulers", schedulers);
      report.put("jobs", rows);
      out.print(Json.write(report));
    } else {
      out.printf("%d active job%s on %d scheduler%s%n", jobs.size(), jobs.size() == 1 ? "" : "s", schedulers,
          schedulers == 1 ? "" : "s");
      if (!jobs.isEmpty()) {
        out.printf("%-40s %-16s %13s %7s %9s  %s%n", "JOB", "APP", "DONE/TOTAL", "FAILED", "AGE", "DESCRIPTION");
        for (JobSummary j : jobs) {
          out.printf(Locale.ROOT, "%-40s %-16s %13s %7d %8.1fs  %s%n", j.requestId(), j.app(),
              j.finishedTasks() + "/" + j.totalTasks(), j.failedTasks(), j.age().toMillis() / 1000.0,
              j.description());
        }
      }
    }
    return 0;
  }
}
