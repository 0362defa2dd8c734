package org.sparrow.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sparrow.scheduler.placement.PlacementPolicies;

/** Checks of options shared by several commands, made before any work starts. */
final class Validation {

  private Validation() {}

  /** A placement policy name this build knows; the error lists the valid ones. */
  static void policy(String name) {
    if (name != null) {
      PlacementPolicies.defaults().get(name);
    }
  }

  static void probeRatio(Double d) {
    if (d != null && !(d > 0 && Double.isFinite(d))) {
      throw new IllegalArgumentException("--probe-ratio must be a positive number, got " + d);
    }
  }

  static void submitOptions(double rate, long timeoutSeconds, String policy, Double probeRatio) {
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("--rate must be 0 (one job after another) or a positive number of jobs/s, got "
          + rate);
    }
    if (timeoutSeconds <= 0) {
      throw new IllegalArgumentException("--timeout-s must be positive, got " + timeoutSeconds);
    }
    policy(policy);
    probeRatio(probeRatio);
  }

  /**
   * The command will be able to write the file at the end of its run: it is not a directory, and
   * it is writable or can be created in an existing writable directory (or one that can be made).
   */
  static void writableFile(Path file, String option) {
    Path f = file.toAbsolutePath().normalize();
    if (Files.isDirectory(f)) {
      throw new IllegalArgumentException(option + " " + file + " is a directory; give a file name");
    }
    if (Files.exists(f)) {
      if (!Files.isWritable(f)) {
        throw new IllegalArgumentException(option + " " + file + " is not writable");
      }
      return;
    }
    Path dir = f.getParent();
    while (dir != null && !Files.exists(dir)) {
      dir = dir.getParent();
    }
    if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new IllegalArgumentException(option + " " + file + " cannot be written: "
          + (dir == null ? "no parent directory exists"
              : !Files.isDirectory(dir) ? dir + " is not a directory" : dir + " is not writable"));
    }
  }
}
