package org.sparrow.am.status;

/** A node monitor's load as it reported it. */
public record NodeLoad(int slots, int runningTasks, int queuedReservations, long completedTasks) {}
