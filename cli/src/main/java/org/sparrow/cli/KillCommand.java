package org.sparrow.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparrow.client.CancelResult;
import org.sparrow.client.SparrowClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "kill", mixinStandardHelpOptions = true,
    description = {"Cancel jobs: their unlaunched tasks and reservations are dropped, running command tasks are "
        + "killed with their process tree, sleep and java tasks interrupted; tasks on application backends "
        + "cannot be stopped and are reported. Each job ends CANCELLED.",
        "A job that has already ended is reported and left as it is."})
final class KillCommand extends JobClientCommand {

  @Parameters(paramLabel = "ID", arity = "1..*", description = "Ids of the jobs to cancel ('sparrow jobs' lists them).")
  List<String> requestIds;

  @Override
  int run(SparrowClient client, PrintWriter out, boolean json) throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String id : requestIds) {
      CancelResult r = client.cancel(id);
      if (json) {
        rows.add(toJson(r));
      } else {
        out.println(describe(r));
      }
    }
    if (json) {
      out.print(Json.write(rows.size() == 1 ? rows.get(0) : Map.of("cancelled", rows)));
    }
    return 0;
  }

  static String describe(CancelResult r) {
    if (r.alreadyEnded()) {
      return "job " + r.requestId() + " had already ended (" + r.state() + "): nothing to cancel";
    }
    StringBuilder b = new StringBuilder("job " + r.requestId() + " cancelled: ")
        .append(r.cancelledUnlaunched()).append(" unlaunched task(s) dropped, ")
        .append(r.killed()).append(" command(s) killed, ")
        .append(r.interrupted()).append(" in-process task(s) interrupted");
    if (r.notStoppable() > 0) {
      b.append(", ").append(r.notStoppable()).append(" backend task(s) cannot be stopped and may still run on their backend");
    }
    if (r.notReached() > 0) {
      b.append(", ").append(r.notReached()).append(" running task(s) on node monitors that did not answer");
    }
    if (r.notRunning() > 0) {
      b.append(", ").append(r.notRunning()).append(" had just ended");
    }
    return b.toString();
  }

  private static Map<String, Object> toJson(CancelResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.requestId());
    m.put("scheduler", r.scheduler());
    m.put("state", r.state().name());
    m.put("alreadyEnded", r.alreadyEnded());
    m.put("cancelledUnlaunched", r.cancelledUnlaunched());
    m.put("killed", r.killed());
    m.put("interrupted", r.interrupted());
    m.put("notStoppable", r.notStoppable());
    m.put("notReached", r.notReached());
    m.put("notRunning", r.notRunning());
    return m;
  }
}
