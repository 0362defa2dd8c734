package org.sparrow.am.autoscale;

/**
 * What the autoscaling policy sees at one moment, in plain numbers.
 *
 * @param nodeMonitors       node monitors wanted now (the current target)
 * @param reporting          node monitors of ours that answered the load probe
 * @param slots              task slots of those
 * @param runningTasks       tasks running on them
 * @param queuedReservations reservations queued on them
 * @param changing           a change is still under way (asks outstanding, containers draining,
 *                           daemons not yet registered, or a probe unanswered): no decision now
 * @param headroom           node-monitor containers the YARN queue still has room for, or -1
 *                           when the ResourceManager did not say
 */
public record LoadSample(int nodeMonitors, int reporting, int slots, int runningTasks, int queuedReservations,
    boolean changing, int headroom) {}
