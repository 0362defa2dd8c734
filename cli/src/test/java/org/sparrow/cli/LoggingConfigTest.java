package org.sparrow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The logging configuration shipped in the jars (also in yarn-deploy's fat jar, which relocates
 * ZooKeeper, Curator and others under its shaded.prefix): a library quieted under its own name
 * is just as quiet under its relocated name, and Sparrow's own loggers stay at INFO.
 */
class LoggingConfigTest {

  private static final Path YARN_POM = Path.of("..", "yarn-deploy", "pom.xml");

  @Test
  void relocatedLibrariesLogNoMoreThanTheOriginals() throws Exception {
    LoggerContext context = configured();
    Map<String, String> relocations = relocations();
    assertThat(relocations).containsKeys("org.apache.zookeeper", "org.apache.curator");
    for (Map.Entry<String, String> r : relocations.entrySet()) {
      Level original = context.getLogger(r.getKey() + ".SomeClass").getEffectiveLevel();
      Level relocated = context.getLogger(r.getValue() + ".SomeClass").getEffectiveLevel();
      assertThat(relocated.toInt()).as(r.getValue()).isGreaterThanOrEqualTo(Math.max(original.toInt(), Level.WARN_INT));
    }
    assertThat(context.getLogger("org.sparrow.shaded.zookeeper.ClientCnxn").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("org.sparrow.shaded.curator.framework.imps.CuratorFrameworkImpl")
        .getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("org.sparrow.scheduler.Scheduler").getEffectiveLevel()).isEqualTo(Level.INFO);
  }

  /** yarn-deploy's relocations, pattern -> shaded pattern, read from its pom. */
  private static Map<String, String> relocations() throws Exception {
    String pom = Files.readString(YARN_POM);
    Matcher prefix = Pattern.compile("<shaded\\.prefix>([^<]+)</shaded\\.prefix>").matcher(pom);
    assertThat(prefix.find()).as("shaded.prefix in " + YARN_POM).isTrue();
    Matcher m = Pattern.compile("<pattern>([^<]+)</pattern>\\s*<shadedPattern>([^<]+)</shadedPattern>").matcher(pom);
    Map<String, String> out = new LinkedHashMap<>();
    while (m.find()) {
      out.put(m.group(1), m.group(2).replace("${shaded.prefix}", prefix.group(1)));
    }
    return out;
  }

  private static LoggerContext configured() throws Exception {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(LoggingConfigTest.class.getResource("/logback.xml"));
    return context;
  }
}
