package org.sparrow.zk;

/**
 * What a drain znode holds ({@link ZkPaths#drainNodeMonitor}, {@link ZkPaths#drainScheduler}):
 * JSON {@code {"timeoutMs": N}}.
 *
 * @param timeoutMs how long the member may take to finish its running work; <= 0 (or missing)
 *                  means the member's own configured drain timeout
 */
public record DrainRequest(long timeoutMs) {}
