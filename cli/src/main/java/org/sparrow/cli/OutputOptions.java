package org.sparrow.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** --format text|json (and --json) for commands that print a report. */
final class OutputOptions {

  static final String TEXT = "text";
  static final String JSON = "json";

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = TEXT,
      description = "Output format: text or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--json", description = "Same as --format json.")
  boolean json;

  /**
   * The chosen format, lower case; fails naming the valid ones.
   *
   * @param extra formats this command knows besides text and json
   */
  String format(String... extra) {
    String f = json ? JSON : format.trim().toLowerCase(Locale.ROOT);
    List<String> valid = new ArrayList<>(List.of(TEXT, JSON));
    valid.addAll(List.of(extra));
    if (!valid.contains(f)) {
      throw new IllegalArgumentException("unknown --format '" + format + "'; valid: " + String.join(", ", valid));
    }
    if (json && !format.equalsIgnoreCase(TEXT) && !format.equalsIgnoreCase(JSON)) {
      throw new IllegalArgumentException("--json and --format " + format + " contradict each other");
    }
    return f;
  }

  boolean isJson() {
    return JSON.equals(format());
  }
}
