package org.sparrow.nodemonitor;

/**
 * @param acceptedSlots reservation slots queued by this call (cancelled requests excluded)
 * @param queuedSlots   reservation slots queued afterwards
 * @param acceptedEach  slots queued per reservation, in call order (0: its request was cancelled)
 */
public record EnqueueOutcome(int acceptedSlots, int queuedSlots, int[] acceptedEach) {}
