package org.sparrow.sim;

/**
 * One simulated (policy, load) point.
 *
 * @param stats        job response times of the measured jobs
 * @param wallNanos    how long the simulation took on this machine
 * @param cpuNanos     CPU time its thread used (what the wall time would be on an idle core)
 * @param events       discrete events it processed
 */
public record PolicyResult(String policy, double load, ResponseStats stats, long wallNanos, long cpuNanos,
    long events) {}
