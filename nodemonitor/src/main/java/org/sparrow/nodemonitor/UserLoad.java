package org.sparrow.nodemonitor;

/**
 * One user's share of a node monitor.
 *
 * @param queued  reservation slots waiting in the queue
 * @param running tasks running
 */
public record UserLoad(int queued, int running) {}
