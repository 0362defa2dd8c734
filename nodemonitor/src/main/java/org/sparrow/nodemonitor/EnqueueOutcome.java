package org.sparrow.nodemonitor;

/**
 * @param acceptedSlots reservation slots queued by this call (cancelled requests excluded)
 * @param queuedSlots   reservation slots queued afterwards
 */
public record EnqueueOutcome(int acceptedSlots, int queuedSlots) {}
