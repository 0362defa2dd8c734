package org.sparrow.scheduler.placement;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.sparrow.common.NodeMonitorInfo;

/**
 * What a node monitor must offer to run a task: attribute values (job and task constraints
 * merged), an application backend for {@code backendApp} (tasks without a built-in kind), the
 * {@code command} kind enabled, and membership in a set of named nodes (per-task preference).
 *
 * <p>Node names match a node monitor's id or its advertised host (case-insensitive). No DNS
 * lookups: placement stays pure and fast (admission has already added, for a host name, the ids
 * of the node monitors at its addresses: {@code scheduler.admission.HostPreferences}).
 *
 * @param attributes  attribute key must equal value; empty = no attribute constraint
 * @param backendApp  null = no backend needed
 * @param needsCommand whether the node must have commands enabled
 * @param nodeNames   empty = any node; otherwise lower-cased ids or hosts
 */
public record NodeRequirement(
    Map<String, String> attributes, String backendApp, boolean needsCommand, Set<String> nodeNames) {

  public static final NodeRequirement ANY = new NodeRequirement(Map.of(), null, false, Set.of());

  public NodeRequirement {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    nodeNames = nodeNames == null ? Set.of()
        : nodeNames.stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  public boolean admits(NodeMonitorInfo node) {
    if (backendApp != null && !node.backendApps().contains(backendApp)) {
      return false;
    }
    if (needsCommand && !node.commandEnabled()) {
      return false;
    }
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      if (!e.getValue().equals(node.attributes().get(e.getKey()))) {
        return false;
      }
    }
    return nodeNames.isEmpty()
        || nodeNames.contains(node.id().toLowerCase(Locale.ROOT))
        || nodeNames.contains(node.host().toLowerCase(Locale.ROOT));
  }

  /** Human-readable, for error messages. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    if (!attributes.isEmpty()) {
      sb.append("attributes ").append(new TreeMap<>(attributes));
    }
    if (backendApp != null) {
      sb.append(sb.length() > 0 ? ", " : "").append("a backend for app '").append(backendApp).append('\'');
    }
    if (needsCommand) {
      sb.append(sb.length() > 0 ? ", " : "").append("commands enabled");
    }
    if (!nodeNames.isEmpty()) {
      sb.append(sb.length() > 0 ? ", " : "").append("one of nodes ").append(new java.util.TreeSet<>(nodeNames));
    }
    return sb.length() == 0 ? "no requirement" : sb.toString();
  }
}
