package org.sparrow.am.status;

import java.time.Instant;
import java.util.List;

/** Renders a {@link StatusReport} as a self-contained HTML page (no scripts, no assets). */
final class HtmlPage {

  private HtmlPage() {}

  static String render(StatusReport r) {
    StringBuilder h = new StringBuilder(4096);
    h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Sparrow cluster ")
        .append(esc(r.cluster())).append("</title><style>")
        .append("body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin-bottom:1.5em}")
        .append("th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}th{background:#eee}")
        .append(".bad{color:#b00}</style></head><body>");
    h.append("<h1>Sparrow cluster <code>").append(esc(r.cluster())).append("</code></h1>");
    h.append("<p>Application attempt <code>").append(esc(r.applicationAttempt())).append("</code>, ZooKeeper <code>")
        .append(esc(r.zookeeper())).append("</code>, generated ").append(Instant.ofEpochMilli(r.generatedAtMillis()))
        .append(". <a href=\"./\">Live dashboard</a>, <a href=\"status.json\">JSON</a></p>");
    h.append("<p>Container failures: ").append(r.failures()).append(" of at most ").append(r.maxFailures());
    if (r.stopping()) {
      h.append(" &mdash; <b>stopping</b>");
    }
    h.append("</p>");
    if (!r.recentFailures().isEmpty()) {
      h.append("<ul class=\"bad\">");
      r.recentFailures().forEach(f -> h.append("<li>").append(esc(f)).append("</li>"));
      h.append("</ul>");
    }

    for (StatusReport.RoleView role : r.roles()) {
      h.append("<h2>").append(esc(role.role())).append(" containers: ").append(role.containers().size())
          .append(" held, ").append(role.target()).append(" wanted, ").append(role.pendingAsks())
          .append(" asked for (").append(role.memoryMb()).append(" MB, ").append(role.vcores())
          .append(" vcores each asked)</h2>");
      table(h, List.of("container", "host", "node", "state", "since", "daemon", "granted"));
      for (StatusReport.ContainerView c : role.containers()) {
        row(h, c.id(), c.host(), c.node(), c.state(), Instant.ofEpochMilli(c.sinceMillis()).toString(),
            c.daemonId() == null ? "" : c.daemonId(), c.memoryMb() + " MB, " + c.vcores() + " vcores");
      }
      h.append("</table>");
    }

    if (r.autoscale() != null) {
      h.append("<h2>Autoscaling</h2><p>").append(esc(r.autoscale())).append("</p>");
      table(h, List.of("at", "from", "to", "reason"));
      for (var d : r.autoscaleDecisions()) {
        row(h, Instant.ofEpochMilli(d.atMillis()).toString(), Integer.toString(d.from()), Integer.toString(d.to()),
            d.reason());
      }
      h.append("</table>");
    }

    h.append("<h2>Node monitors in ZooKeeper: ").append(r.nodeMonitors().size()).append("</h2>");
    table(h, List.of("id", "backend port", "container", "slots", "running", "queued reservations", "completed"));
    for (StatusReport.NodeMonitorView nm : r.nodeMonitors()) {
      String container = nm.container() == null ? "(not started by this AM)" : nm.container();
      if (nm.load() != null) {
        row(h, nm.id(), Integer.toString(nm.backendPort()), container, Integer.toString(nm.slots()),
            Integer.toString(nm.load().runningTasks()), Integer.toString(nm.load().queuedReservations()),
            Long.toString(nm.load().completedTasks()));
      } else {
        h.append("<tr>");
        for (String cell : List.of(nm.id(), Integer.toString(nm.backendPort()), container, Integer.toString(nm.slots()))) {
          h.append("<td>").append(esc(cell)).append("</td>");
        }
        h.append("<td colspan=\"3\" class=\"bad\">load unknown: ").append(esc(nm.loadError())).append("</td></tr>");
      }
    }
    h.append("</table>");

    h.append("<h2>Schedulers in ZooKeeper: ").append(r.schedulers().size()).append("</h2>");
    table(h, List.of("id", "frontend port", "internal port"));
    for (StatusReport.SchedulerView s : r.schedulers()) {
      row(h, s.id(), Integer.toString(s.port()), Integer.toString(s.internalPort()));
    }
    h.append("</table></body></html>");
    return h.toString();
  }

  private static void table(StringBuilder h, List<String> headers) {
    h.append("<table><tr>");
    headers.forEach(x -> h.append("<th>").append(esc(x)).append("</th>"));
    h.append("</tr>");
  }

  private static void row(StringBuilder h, String... cells) {
    h.append("<tr>");
    for (String cell : cells) {
      h.append("<td>").append(esc(cell)).append("</td>");
    }
    h.append("</tr>");
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
