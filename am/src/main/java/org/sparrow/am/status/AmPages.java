package org.sparrow.am.status;

import com.codahale.metrics.MetricRegistry;
import java.io.IOException;
import org.sparrow.status.ClusterStatus;
import org.sparrow.status.DashboardServer;
import org.sparrow.status.StatusJson;

/**
 * The AM's tracking URL: the live cluster dashboard at {@code /}, plus the AM's own views of
 * its containers, {@code containers.html} and {@code status.json}. All links are relative, so
 * the pages work behind the ResourceManager's web proxy.
 */
public final class AmPages {

  private AmPages() {}

  public static DashboardServer start(ClusterStatus cluster, AmStatus am, String bindHost, int port)
      throws IOException {
    return DashboardServer.builder().status(cluster).bindHost(bindHost).port(port).metrics(metrics(cluster, am))
        .page("containers.html", "Containers", "text/html; charset=utf-8", () -> HtmlPage.render(am.report()))
        .page("status.json", "AM status JSON", "application/json", () -> StatusJson.writePretty(am.report()))
        .build().start();
  }

  /** The AM's figures for Prometheus ({@code metrics} at the tracking URL): containers and the cluster's totals. */
  static MetricRegistry metrics(ClusterStatus cluster, AmStatus am) {
    MetricRegistry r = new MetricRegistry();
    r.gauge("am.container-failures", () -> () -> am.containerFailures());
    r.gauge("am.nodemonitors", () -> () -> cluster.latest().totals().nodeMonitors());
    r.gauge("am.schedulers", () -> () -> cluster.latest().totals().schedulers());
    r.gauge("am.cluster.slots", () -> () -> cluster.latest().totals().slots());
    r.gauge("am.cluster.busy-slots", () -> () -> cluster.latest().totals().busySlots());
    r.gauge("am.cluster.queued-reservations", () -> () -> cluster.latest().totals().queuedReservations());
    return r;
  }
}
