package org.sparrow.scheduler.job;

/**
 * Every accepted job ends once: SUCCEEDED (all tasks succeeded), FAILED (any task did not), or
 * CANCELLED (a user cancelled it first).
 */
public enum JobState { RUNNING, SUCCEEDED, FAILED, CANCELLED }
