package org.sparrow.scheduler;

/** Every accepted job ends SUCCEEDED (all tasks succeeded) or FAILED (any task did not). */
public enum JobState { RUNNING, SUCCEEDED, FAILED }
