package org.sparrow.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparrow.am.AmSettings;
import picocli.CommandLine;

class ClientOptionsTest {

  @TempDir
  Path dir;

  private static ClientOptions parse(String... args) {
    ClientOptions o = new ClientOptions();
    new CommandLine(o).parseArgs(args);
    return o;
  }

  @Test
  void namedOptionsBeatDashDWhichBeatsTheFile() throws Exception {
    Path conf = dir.resolve("sparrow-yarn.properties");
    Files.writeString(conf, "sparrow.zookeeper=file:1\nsparrow.cluster=fromfile\nsparrow.yarn.node-monitors=5\n"
        + "sparrow.yarn.queue=fromfile\n");
    Properties p = parse("--conf", conf.toString(), "-D", "sparrow.yarn.node-monitors=7",
        "-Dsparrow.cluster=fromdash", "--cluster", "named").properties();
    assertThat(p.getProperty(AmSettings.ZOOKEEPER)).isEqualTo("file:1");
    assertThat(p.getProperty(AmSettings.CLUSTER)).isEqualTo("named");
    assertThat(p.getProperty(AmSettings.NODE_MONITORS)).isEqualTo("7");
    AmSettings am = AmSettings.fromProperties(p);
    SubmitSettings submit = SubmitSettings.fromProperties(p, am);
    assertThat(submit.queue()).isEqualTo("fromfile");
    assertThat(submit.appName()).isEqualTo("sparrow-named");
    assertThat(submit.maxAttempts()).isEqualTo(4);
    assertThat(submit.stagingDir()).isNull();
  }

  @Test
  void autoscaleAndDrainKeysComeFromTheFileOrDashDAndRollingLogsAreOnByDefault() throws Exception {
    Path conf = dir.resolve("sparrow-yarn.properties");
    Files.writeString(conf, "sparrow.zookeeper=z:1\nsparrow.yarn.autoscale.min=2\nsparrow.yarn.autoscale.max=40\n");
    Properties p = parse("--conf", conf.toString(), "-D", "sparrow.yarn.drain-timeout-ms=5000",
        "-D", "sparrow.yarn.autoscale.window-ms=1000").properties();
    AmSettings am = AmSettings.fromProperties(p);
    assertThat(am.autoscale().max()).isEqualTo(40);
    assertThat(am.autoscale().windowMs()).isEqualTo(1000);
    assertThat(am.nodeMonitors().count()).isEqualTo(2);
    assertThat(am.drainTimeoutMs()).isEqualTo(5000);
    assertThat(SubmitSettings.fromProperties(p, am).rollingLogs()).isTrue();
    p.setProperty(SubmitSettings.ROLLING_LOGS, "false");
    assertThat(SubmitSettings.fromProperties(p, am).rollingLogs()).isFalse();
  }

  @Test
  void aBadAutoscaleSpecIsOneLineNamingTheKeys() {
    StringWriter err = new StringWriter();
    CommandLine cli = YarnClientMain.newCommandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("submit", "--zk", "127.0.0.1:1", "--autoscale", "min=1,most=3")).isEqualTo(1);
    assertThat(err.toString()).startsWith("error: --autoscale takes key=value pairs").contains("most=3");
  }

  @Test
  void aMissingConfFileOrZooKeeperIsNamed() {
    assertThatThrownBy(() -> parse("--conf", dir.resolve("nope").toString()).properties())
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> parse("--cluster", "x").target()).hasMessageContaining("--zk");
  }

  @Test
  void badSubmitSettingsNameTheirKey() {
    Properties p = new Properties();
    p.setProperty(SubmitSettings.AM_MEMORY_MB, "lots");
    p.setProperty(AmSettings.ZOOKEEPER, "z:1");
    assertThatThrownBy(() -> SubmitSettings.fromProperties(p, AmSettings.fromProperties(p)))
        .hasMessageContaining(SubmitSettings.AM_MEMORY_MB);
  }

  @Test
  void errorsAreOneLineWithExitCodeOne() {
    StringWriter err = new StringWriter();
    CommandLine cli = YarnClientMain.newCommandLine();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("resize", "--zk", "127.0.0.1:1");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).startsWith("error: say what to resize");
  }
}
