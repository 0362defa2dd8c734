package org.sparrow.am.autoscale;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When the AM grows or shrinks the node monitors by itself. Written as {@code --autoscale
 * min=2,max=40[,key=value...]} on the command line or as {@code sparrow.yarn.autoscale.<key>}
 * keys; the keys are the names of the components below, in kebab case.
 *
 * @param min               fewest node monitors (also the size an idle cluster shrinks to)
 * @param max               most node monitors (the YARN queue's headroom may cap it lower)
 * @param growQueuedPerSlot grow when queued reservations per slot stay above this
 * @param shrinkUtilisation shrink when running tasks per slot stay below this (and nothing is queued)
 * @param windowMs          how long a condition must hold before the AM acts on it
 * @param cooldownMs        how long after a decision no other is taken (the last one takes effect)
 * @param intervalMs        how often the load is sampled
 */
public record AutoscaleSettings(int min, int max, double growQueuedPerSlot, double shrinkUtilisation,
    long windowMs, long cooldownMs, long intervalMs) {

  public static final String PREFIX = "sparrow.yarn.autoscale.";
  public static final String MIN = "min";
  public static final String MAX = "max";
  public static final String GROW_QUEUED_PER_SLOT = "grow-queued-per-slot";
  public static final String SHRINK_UTILISATION = "shrink-utilisation";
  public static final String WINDOW_MS = "window-ms";
  public static final String COOLDOWN_MS = "cooldown-ms";
  public static final String INTERVAL_MS = "interval-ms";
  private static final java.util.List<String> KEYS =
      java.util.List.of(MIN, MAX, GROW_QUEUED_PER_SLOT, SHRINK_UTILISATION, WINDOW_MS, COOLDOWN_MS, INTERVAL_MS);

  public AutoscaleSettings {
    if (min < 0 || max < 1 || min > max) {
      throw new IllegalArgumentException("autoscale needs 0 <= min <= max and max >= 1, got min=" + min + ", max=" + max);
    }
    if (!(growQueuedPerSlot > 0)) {
      throw new IllegalArgumentException(GROW_QUEUED_PER_SLOT + " must be > 0, got " + growQueuedPerSlot);
    }
    if (!(shrinkUtilisation >= 0 && shrinkUtilisation < 1)) {
      throw new IllegalArgumentException(SHRINK_UTILISATION + " must be in [0, 1), got " + shrinkUtilisation);
    }
    if (windowMs < 0 || cooldownMs < 0 || intervalMs < 1) {
      throw new IllegalArgumentException("autoscale " + WINDOW_MS + ", " + COOLDOWN_MS + " must be >= 0 and "
          + INTERVAL_MS + " >= 1");
    }
  }

  /**
   * Reads {@code sparrow.yarn.autoscale.*} keys; null when neither min nor max is set
   * (autoscaling off). An unknown key under the prefix is an error that lists the known ones.
   */
  public static AutoscaleSettings fromKeys(Map<String, String> keys) {
    Map<String, String> own = new LinkedHashMap<>();
    keys.forEach((k, v) -> {
      if (k.startsWith(PREFIX)) {
        String name = k.substring(PREFIX.length());
        if (!KEYS.contains(name)) {
          throw new IllegalArgumentException("unknown autoscale key '" + k + "'; known: " + KEYS);
        }
        if (v != null && !v.isBlank()) {
          own.put(name, v.strip());
        }
      }
    });
    if (!own.containsKey(MIN) && !own.containsKey(MAX)) {
      return null;
    }
    if (!own.containsKey(MIN) || !own.containsKey(MAX)) {
      throw new IllegalArgumentException("autoscale needs both " + PREFIX + MIN + " and " + PREFIX + MAX);
    }
    return new AutoscaleSettings(
        (int) number(own, MIN, 0), (int) number(own, MAX, 0),
        decimal(own, GROW_QUEUED_PER_SLOT, 1.0), decimal(own, SHRINK_UTILISATION, 0.25),
        number(own, WINDOW_MS, 30_000), number(own, COOLDOWN_MS, 60_000), number(own, INTERVAL_MS, 5_000));
  }

  /**
   * Turns the command line's {@code min=2,max=40,window-ms=10000} into
   * {@code sparrow.yarn.autoscale.*} keys.
   */
  public static Map<String, String> parseSpec(String spec) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String pair : spec.split(",")) {
      String p = pair.strip();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0 || !KEYS.contains(p.substring(0, eq).strip())) {
        throw new IllegalArgumentException("--autoscale takes key=value pairs with keys " + KEYS + ", got '" + p + "'");
      }
      keys.put(PREFIX + p.substring(0, eq).strip(), p.substring(eq + 1).strip());
    }
    return keys;
  }

  public Map<String, String> toKeys() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put(PREFIX + MIN, Integer.toString(min));
    keys.put(PREFIX + MAX, Integer.toString(max));
    keys.put(PREFIX + GROW_QUEUED_PER_SLOT, Double.toString(growQueuedPerSlot));
    keys.put(PREFIX + SHRINK_UTILISATION, Double.toString(shrinkUtilisation));
    keys.put(PREFIX + WINDOW_MS, Long.toString(windowMs));
    keys.put(PREFIX + COOLDOWN_MS, Long.toString(cooldownMs));
    keys.put(PREFIX + INTERVAL_MS, Long.toString(intervalMs));
    return keys;
  }

  /** A size within [min, max]. */
  public int clamp(int nodeMonitors) {
    return Math.max(min, Math.min(max, nodeMonitors));
  }

  private static long number(Map<String, String> m, String key, long def) {
    String v = m.get(key);
    if (v == null) {
      return def;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PREFIX + key + " must be a whole number, got '" + v + "'");
    }
  }

  private static double decimal(Map<String, String> m, String key, double def) {
    String v = m.get(key);
    if (v == null) {
      return def;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PREFIX + key + " must be a number, got '" + v + "'");
    }
  }
}
