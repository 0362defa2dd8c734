package org.sparrow.sim;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

/** Task duration distributions, each parameterized by its mean. */
public enum DurationDistribution {
  /** Every task takes the mean. */
  CONSTANT,
  /** Exponential with the given mean (the Sparrow paper's simulations). */
  EXP,
  /** Uniform on [0, 2·mean]. */
  UNIFORM,
  /**
   * Heterogeneous: 90% short tasks and 10% long ones ten times longer, scaled so that the
   * mean is the given one (short = mean / 1.9).
   */
  BIMODAL;

  static final double BIMODAL_LONG_FRACTION = 0.1;
  static final double BIMODAL_LONG_FACTOR = 10.0;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a name; the error lists the valid ones. */
  public static DurationDistribution parse(String name) {
    if (name != null) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      if (n.equals("exponential")) {
        return EXP;
      }
      for (DurationDistribution d : values()) {
        if (d.wireName().equals(n)) {
          return d;
        }
      }
    }
    throw new IllegalArgumentException("unknown task duration distribution '" + name + "'; valid: "
        + Arrays.stream(values()).map(DurationDistribution::wireName).collect(Collectors.joining(", ")));
  }

  /** One duration in nanoseconds (never negative). */
  public long sample(Random random, long meanNanos) {
    if (meanNanos < 0) {
      throw new IllegalArgumentException("mean duration must not be negative, got " + meanNanos);
    }
    return switch (this) {
      case CONSTANT -> meanNanos;
      case EXP -> Math.round(-Math.log(1.0 - random.nextDouble()) * meanNanos);
      case UNIFORM -> Math.round(random.nextDouble() * 2.0 * meanNanos);
      case BIMODAL -> {
        double shortNanos = meanNanos / (1 - BIMODAL_LONG_FRACTION + BIMODAL_LONG_FRACTION * BIMODAL_LONG_FACTOR);
        yield Math.round(random.nextDouble() < BIMODAL_LONG_FRACTION ? shortNanos * BIMODAL_LONG_FACTOR : shortNanos);
      }
    };
  }
}
