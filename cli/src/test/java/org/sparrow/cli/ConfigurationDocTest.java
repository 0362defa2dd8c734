package org.sparrow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/configuration.md lists every option of {@code sparrow scheduler} and
 * {@code sparrow nodemonitor} with the default the CLI really has (the records' defaults).
 */
class ConfigurationDocTest {

  private static final Path DOC = Path.of("..", "docs", "configuration.md");
  /** Options whose default is not one value: it depends on the machine or on other options. */
  private static final Set<String> NO_FIXED_DEFAULT = Set.of("--slots", "--bind", "--host", "--attribute",
      "--queue-policy");

  @Test
  void everyDaemonOptionIsDocumentedWithItsDefault() throws Exception {
    String doc = Files.readString(DOC);
    checkSection(doc, "## Scheduler", new SchedulerCommand());
    checkSection(doc, "## Node monitor", new NodeMonitorCommand());
  }

  private static void checkSection(String doc, String heading, Object command) {
    int start = doc.indexOf(heading);
    assertThat(start).as("heading " + heading).isNotNegative();
    int end = doc.indexOf("\n## ", start + heading.length());
    String section = doc.substring(start, end < 0 ? doc.length() : end);
    Map<String, String> rows = new java.util.HashMap<>();
    Arrays.stream(section.split("\n")).filter(l -> l.startsWith("| `--"))
        .forEach(l -> rows.put(l.substring(3, l.indexOf('`', 3)), l));
    CommandLine cli = new CommandLine(command);
    cli.parseArgs();  // applies the annotated defaults; the others are the fields' initial values
    for (OptionSpec o : cli.getCommandSpec().options()) {
      String flag = o.longestName();
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      assertThat(rows).as(heading + ": a row for " + flag).containsKey(flag);
      if (!NO_FIXED_DEFAULT.contains(flag)) {
        Object value = o.getValue();
        String shown = value instanceof Boolean b ? (b ? "on" : "off") : String.valueOf(value);
        assertThat(rows.get(flag)).as(heading + ": the default of " + flag).contains("`" + shown + "`");
      }
    }
  }
}
