package org.sparrow.am;

/**
 * YARN's container exit statuses that matter here (the values of Hadoop's
 * {@code ContainerExitStatus}, which the logic does not import; a test checks they match).
 */
public final class ExitStatuses {

  public static final int SUCCESS = 0;
  public static final int ABORTED = -100;
  public static final int DISKS_FAILED = -101;
  public static final int PREEMPTED = -102;
  public static final int KILLED_BY_RESOURCEMANAGER = -106;
  public static final int KILLED_BY_CONTAINER_SCHEDULER = -108;

  private ExitStatuses() {}

  /**
   * Whether the container ended through no fault of its own (the cluster took it back or lost
   * it). Such containers are replaced without counting towards the failure limit; anything else
   * (a crash, a kill, an unexpected exit, even exit 0 of a daemon meant to run forever) counts.
   */
  public static boolean isClusterCaused(int exitStatus) {
    return exitStatus == ABORTED
        || exitStatus == DISKS_FAILED
        || exitStatus == PREEMPTED
        || exitStatus == KILLED_BY_RESOURCEMANAGER
        || exitStatus == KILLED_BY_CONTAINER_SCHEDULER;
  }
}
