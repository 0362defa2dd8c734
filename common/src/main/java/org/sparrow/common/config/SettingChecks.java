package org.sparrow.common.config;

/**
 * The checks of the daemons' configuration records. Every message names the setting (as the
 * record calls it) and its valid range, so a bad flag, YARN key or builder call is fixed from the
 * message alone.
 */
public final class SettingChecks {

  private SettingChecks() {}

  /** {@code value} in {@code min..max}. */
  public static long range(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", got " + value);
    }
    return value;
  }

  /** {@code value >= min}. */
  public static long atLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
    }
    return value;
  }

  /** A TCP port to bind: 0..65535, 0 = any free one. */
  public static int port(String name, int value) {
    if (value < 0 || value > 65535) {
      throw new IllegalArgumentException(name + " must be in 0..65535 (0 = any free port), got " + value);
    }
    return value;
  }

  /** The HTTP port of /metrics: -1 = none, 0 = any free one, else 1..65535. */
  public static int metricsPort(String name, int value) {
    if (value < -1 || value > 65535) {
      throw new IllegalArgumentException(name + " must be in -1..65535 (-1 = no /metrics, 0 = any free port), got "
          + value);
    }
    return value;
  }

  /** A host name or address that is given (not null, not blank). */
  public static String host(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must be a host name or address, got '" + value + "'");
    }
    return value;
  }

  /** Absent (null) or a host name or address. */
  public static String optionalHost(String name, String value) {
    return value == null ? null : host(name, value);
  }
}
