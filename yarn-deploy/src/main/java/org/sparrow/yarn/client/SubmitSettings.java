package org.sparrow.yarn.client;

import java.util.Properties;
import org.sparrow.am.AmSettings;

/**
 * How the client submits the ApplicationMaster (the AM itself never reads these).
 *
 * @param queue                     YARN queue
 * @param appName                   application name shown by YARN
 * @param amMemoryMb                AM container memory
 * @param amVcores                  AM container vcores
 * @param maxAttempts               AM attempts before YARN gives up (the AM restarts on failure)
 * @param attemptFailuresValidityMs only AM failures within this window count towards maxAttempts
 * @param stagingDir                where the jar and settings are uploaded (null: the user's
 *                                  home directory in the default file system + /.sparrow-staging)
 * @param rollingLogs               ask the NodeManagers to aggregate logs while the daemons run
 */
public record SubmitSettings(String queue, String appName, int amMemoryMb, int amVcores, int maxAttempts,
    long attemptFailuresValidityMs, String stagingDir, boolean rollingLogs) {

  public static final String QUEUE = "sparrow.yarn.queue";
  public static final String APP_NAME = "sparrow.yarn.app-name";
  public static final String AM_MEMORY_MB = "sparrow.yarn.am.memory-mb";
  public static final String AM_VCORES = "sparrow.yarn.am.vcores";
  public static final String MAX_ATTEMPTS = "sparrow.yarn.am.max-attempts";
  public static final String ATTEMPT_FAILURES_VALIDITY_MS = "sparrow.yarn.am.attempt-failures-validity-ms";
  public static final String STAGING_DIR = "sparrow.yarn.staging-dir";
  public static final String ROLLING_LOGS = "sparrow.yarn.rolling-logs";

  public SubmitSettings {
    if (amMemoryMb < 1 || amVcores < 1) {
      throw new IllegalArgumentException(AM_MEMORY_MB + " and " + AM_VCORES + " must be at least 1");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(MAX_ATTEMPTS + " must be at least 1, got " + maxAttempts);
    }
  }

  public static SubmitSettings fromProperties(Properties p, AmSettings am) {
    return new SubmitSettings(
        p.getProperty(QUEUE, "default").strip(),
        p.getProperty(APP_NAME, "sparrow-" + am.cluster()).strip(),
        intValue(p, AM_MEMORY_MB, 512),
        intValue(p, AM_VCORES, 1),
        intValue(p, MAX_ATTEMPTS, 4),
        longValue(p, ATTEMPT_FAILURES_VALIDITY_MS, 600_000),
        blankToNull(p.getProperty(STAGING_DIR)),
        bool(p, ROLLING_LOGS, true));
  }

  private static boolean bool(Properties p, String key, boolean def) {
    String v = blankToNull(p.getProperty(key));
    if (v == null) {
      return def;
    }
    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
    }
    return Boolean.parseBoolean(v);
  }

  private static int intValue(Properties p, String key, int def) {
    return (int) longValue(p, key, def);
  }

  private static long longValue(Properties p, String key, long def) {
    String v = blankToNull(p.getProperty(key));
    if (v == null) {
      return def;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
