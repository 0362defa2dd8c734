package org.sparrow.scheduler;

import java.util.List;
import org.sparrow.common.HostPort;
import org.sparrow.scheduler.placement.NodeRequirement;
import org.sparrow.scheduler.placement.PlacementPolicy;

/**
 * A request that passed validation, with every default resolved.
 *
 * @param frontend     explicit notification address; null = the app's registered frontend
 * @param requirements per task (same order as the request's tasks)
 */
record ValidJob(JobRequest request, double probeRatio, PlacementPolicy policy, long timeoutMs,
    HostPort frontend, List<NodeRequirement> requirements) {}
