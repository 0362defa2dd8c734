package org.sparrow.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sparrow.common.ApplicationMasterInfo;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.SchedulerInfo;
import org.sparrow.status.StatusJson;

/**
 * Prometheus file-based service discovery ({@code file_sd_configs}) from the membership: one
 * target group per daemon that announced a metrics port, labelled with its cluster, role and id.
 */
final class PrometheusSd {

  private PrometheusSd() {}

  static String targets(String cluster, Iterable<NodeMonitorInfo> nodeMonitors, Iterable<SchedulerInfo> schedulers) {
    return targets(cluster, nodeMonitors, schedulers, Optional.empty());
  }

  /** With the cluster's YARN ApplicationMaster, when one is announced. */
  static String targets(String cluster, Iterable<NodeMonitorInfo> nodeMonitors, Iterable<SchedulerInfo> schedulers,
      Optional<ApplicationMasterInfo> am) {
    List<Map<String, Object>> groups = new ArrayList<>();
    am.ifPresent(a -> groups.add(group(a.host() + ":" + a.httpPort(), cluster, "am", a.attemptId())));
    List<NodeMonitorInfo> nms = new ArrayList<>();
    nodeMonitors.forEach(nms::add);
    nms.sort(Comparator.comparing(NodeMonitorInfo::id));
    for (NodeMonitorInfo nm : nms) {
      if (nm.metricsPort() > 0) {
        groups.add(group(nm.host() + ":" + nm.metricsPort(), cluster, "nodemonitor", nm.id()));
      }
    }
    List<SchedulerInfo> ss = new ArrayList<>();
    schedulers.forEach(ss::add);
    ss.sort(Comparator.comparing(SchedulerInfo::id));
    for (SchedulerInfo s : ss) {
      if (s.metricsPort() > 0) {
        groups.add(group(s.host() + ":" + s.metricsPort(), cluster, "scheduler", s.id()));
      }
    }
    return StatusJson.writePretty(groups);
  }

  private static Map<String, Object> group(String target, String cluster, String role, String id) {
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("sparrow_cluster", cluster);
    labels.put("sparrow_role", role);
    labels.put("sparrow_id", id);
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("targets", List.of(target));
    g.put("labels", labels);
    return g;
  }
}
