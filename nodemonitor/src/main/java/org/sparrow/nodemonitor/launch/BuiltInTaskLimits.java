package org.sparrow.nodemonitor.launch;

/**
 * Defaults of the limits on built-in tasks. They live here, not on the launcher that enforces
 * them, because the operator's settings ({@code NodeMonitorConfig}) default to them too, and the
 * root package must not import {@code task} for a constant.
 */
public final class BuiltInTaskLimits {

  /** Command tasks running longer are killed and fail. */
  public static final long DEFAULT_COMMAND_TIMEOUT_MS = 60_000;

  /** Bound on captured command output and failure messages (4 KiB). */
  public static final int DEFAULT_MAX_OUTPUT_BYTES = 4096;

  private BuiltInTaskLimits() {}
}
