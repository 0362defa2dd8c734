package org.sparrow.scheduler.job;

/**
 * Which run of which task a getTasks answer handed out: what is left of an answer whose bytes
 * were given up, small enough to keep for every remembered fetch.
 *
 * @param requestId the job's request id
 * @param attempt   the run handed out (1 = first)
 */
public record HandedOut(String requestId, String taskId, int attempt) {}
