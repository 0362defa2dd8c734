package org.sparrow.sim;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes results as {@code policy,load,p50_ms,p95_ms,p99_ms,mean_ms}, one row per point;
 * a point whose node monitors ran another queue policy than fifo is named {@code policy/queue}. */
public final class CsvReport {

  public static final String HEADER = "policy,load,p50_ms,p95_ms,p99_ms,mean_ms";

  private CsvReport() {}

  public static void write(Path file, List<PolicyResult> results) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(format(results));
    }
  }

  public static String format(List<PolicyResult> results) {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (PolicyResult r : results) {
      ResponseStats s = r.stats();
      sb.append(String.format(Locale.ROOT, "%s,%.2f,%.3f,%.3f,%.3f,%.3f%n", r.label(), r.load(),
          s.p50Millis(), s.p95Millis(), s.p99Millis(), s.meanMillis()));
    }
    return sb.toString();
  }
}
