package org.sparrow.am.autoscale;

/** One decision of the autoscaling policy: the node monitors wanted went (or stay) from → to. */
public record AutoscaleDecision(long atMillis, int from, int to, String reason) {}
