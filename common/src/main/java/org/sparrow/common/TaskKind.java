package org.sparrow.common;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Built-in task kinds a node monitor runs in-process. The task's message is the kind's
 * argument, as UTF-8 text. Validated by the scheduler at submission, so a bad task is refused
 * before anything is placed.
 */
public enum TaskKind {
  /** Does nothing; measures pure scheduling cost. Argument ignored. */
  NOOP,
  /** Sleeps; argument: milliseconds (0..86400000). */
  SLEEP,
  /** Runs {@code /bin/sh -c <argument>}; only on node monitors started with commands enabled. */
  COMMAND,
  /** Runs a {@code SparrowTask} class; argument: "fully.qualified.ClassName[ argument]". */
  JAVA;

  public static final long MAX_SLEEP_MS = 86_400_000L;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a kind name; the error lists the valid ones. */
  public static TaskKind parse(String name) {
    if (name != null) {
      for (TaskKind k : values()) {
        if (k.wireName().equals(name.trim().toLowerCase(Locale.ROOT))) {
          return k;
        }
      }
    }
    throw new IllegalArgumentException("unknown task kind '" + name + "'; valid kinds: "
        + Arrays.stream(values()).map(TaskKind::wireName).collect(Collectors.joining(", ")));
  }

  /** Checks the argument; the error names what is wrong. */
  public void validateArgument(byte[] message) {
    String arg = message == null ? "" : new String(message, StandardCharsets.UTF_8).trim();
    switch (this) {
      case NOOP -> { }
      case SLEEP -> sleepMillis(arg);
      case COMMAND -> {
        if (arg.isEmpty()) {
          throw new IllegalArgumentException("command task has an empty command");
        }
      }
      case JAVA -> {
        if (arg.isEmpty() || !Character.isJavaIdentifierStart(arg.charAt(0))) {
          throw new IllegalArgumentException(
              "java task needs 'fully.qualified.ClassName[ argument]', got '" + arg + "'");
        }
      }
      default -> throw new AssertionError(this);
    }
  }

  /** The duration of a sleep task's argument. */
  public static long sleepMillis(String arg) {
    long ms;
    try {
      ms = Long.parseLong(arg.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("sleep task needs a duration in milliseconds, got '" + arg + "'");
    }
    if (ms < 0 || ms > MAX_SLEEP_MS) {
      throw new IllegalArgumentException("sleep duration " + ms + " ms is outside 0.." + MAX_SLEEP_MS);
    }
    return ms;
  }
}
