package org.sparrow.it.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options and environment {@code bin/sparrow} gives a daemon command, read from the
 * script itself so that a test runs the daemon as users do and notices when the script changes
 * (a flag it can no longer find fails loudly here). Also the memory limits those flags set, for
 * an RSS bound derived from them ({@link #rssLimitBytes}).
 */
public record LaunchFlags(String command, List<String> jvmOptions, Map<String, String> environment) {

  /**
   * What a HotSpot process holds besides the areas the flags bound: libjvm's resident code and
   * data, symbol and string tables, class-loader data, the C1 compiler's arenas, the serial
   * collector's card table and marking stacks, malloc's arenas, the Netty native transport.
   * docs/hostile-input.md gives the measured figures this margin covers.
   */
  public static final long JVM_NATIVE_MARGIN_BYTES = 64L << 20;

  /** HotSpot's own threads (GC, compiler, VM thread) get 1 MiB stacks whatever -Xss says. */
  private static final long JVM_THREAD_STACK_BYTES = 1L << 20;

  private static final Pattern SMALL = Pattern.compile("(?m)^\\s*small=\"([^\"]*)\"");
  private static final Pattern ALWAYS = Pattern.compile("(?m)^\\s*opts=\"([^\"$]*)\\$opts\"");

  public LaunchFlags {
    jvmOptions = List.copyOf(jvmOptions);
    environment = Map.copyOf(environment);
  }

  /** What {@code bin/sparrow <command>} runs with when SPARROW_JAVA_OPTS is not set. */
  public static LaunchFlags ofSparrowScript(String command) {
    Path script = findScript();
    String text;
    try {
      text = Files.readString(script, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + script, e);
    }
    String small = group(SMALL, text, script, "the small-footprint options (small=\"...\")");
    Pattern perCommand = Pattern.compile("(?m)^\\s*" + Pattern.quote(command)
        + "\\)\\s*opts=\"([^\"]*)\"(?:;\\s*export MALLOC_ARENA_MAX=\"\\$\\{MALLOC_ARENA_MAX:-(\\d+)\\}\")?");
    Matcher m = perCommand.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException(script + " has no default options for '" + command + "'");
    }
    List<String> options = new ArrayList<>(words(group(ALWAYS, text, script,
        "the options every launch gets (opts=\"... $opts\")")));
    options.addAll(words(m.group(1).replace("$small", small)));
    Map<String, String> env = m.group(2) == null ? Map.of() : Map.of("MALLOC_ARENA_MAX", m.group(2));
    return new LaunchFlags(command, options, env);
  }

  /** -Xmx. */
  public long maxHeapBytes() {
    return size("-Xmx", null);
  }

  /** -XX:MaxDirectMemorySize, whose default is the maximum heap. */
  public long maxDirectBytes() {
    return size("-XX:MaxDirectMemorySize=", maxHeapBytes());
  }

  /** -XX:MaxMetaspaceSize (class space included). */
  public long maxMetaspaceBytes() {
    return size("-XX:MaxMetaspaceSize=", null);
  }

  /** -XX:ReservedCodeCacheSize. */
  public long codeCacheBytes() {
    return size("-XX:ReservedCodeCacheSize=", null);
  }

  /** -Xss, the stack of each Java thread. */
  public long javaThreadStackBytes() {
    return size("-Xss", 1L << 20);
  }

  /**
   * The most a process started with these flags should hold resident with {@code threads}
   * threads: heap + direct memory + metaspace + code cache (each at its limit), a stack per
   * thread at the larger of -Xss and HotSpot's own 1 MiB, and {@link #JVM_NATIVE_MARGIN_BYTES}.
   */
  public long rssLimitBytes(int threads) {
    return maxHeapBytes() + maxDirectBytes() + maxMetaspaceBytes() + codeCacheBytes()
        + threads * Math.max(javaThreadStackBytes(), JVM_THREAD_STACK_BYTES) + JVM_NATIVE_MARGIN_BYTES;
  }

  /** "heap 48 + direct 48 + ..." in MiB, for messages and the docs. */
  public String rssLimitBreakdown(int threads) {
    return String.format("heap %d + direct %d + metaspace %d + code cache %d + %d threads x %d KiB stack"
            + " + native margin %d = %d MiB", maxHeapBytes() >> 20, maxDirectBytes() >> 20,
        maxMetaspaceBytes() >> 20, codeCacheBytes() >> 20, threads,
        Math.max(javaThreadStackBytes(), JVM_THREAD_STACK_BYTES) >> 10, JVM_NATIVE_MARGIN_BYTES >> 20,
        rssLimitBytes(threads) >> 20);
  }

  private long size(String prefix, Long fallback) {
    for (String option : jvmOptions) {
      if (option.startsWith(prefix)) {
        return parseSize(option.substring(prefix.length()));
      }
    }
    if (fallback == null) {
      throw new IllegalStateException("bin/sparrow " + command + " sets no " + prefix + " " + jvmOptions
          + ": an RSS bound cannot be derived from its flags");
    }
    return fallback;
  }

  static long parseSize(String s) {
    String v = s.trim().toLowerCase(java.util.Locale.ROOT);
    long unit = switch (v.charAt(v.length() - 1)) {
      case 'k' -> 1L << 10;
      case 'm' -> 1L << 20;
      case 'g' -> 1L << 30;
      default -> 1;
    };
    return Long.parseLong(unit == 1 ? v : v.substring(0, v.length() - 1)) * unit;
  }

  private static String group(Pattern p, String text, Path script, String what) {
    Matcher m = p.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException(script + " no longer has " + what + "; update LaunchFlags");
    }
    return m.group(1);
  }

  private static List<String> words(String s) {
    return Arrays.stream(s.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }

  /** bin/sparrow of this checkout: tests run in a module directory, one level below the root. */
  private static Path findScript() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path script = dir.resolve("bin").resolve("sparrow");
      if (Files.isRegularFile(script)) {
        return script;
      }
    }
    throw new IllegalStateException("no bin/sparrow above " + Path.of("").toAbsolutePath());
  }
}
