package org.sparrow.am;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class LaunchCommandTest {

  private static AmSettings settings(String... kv) {
    Properties p = new Properties();
    p.setProperty(AmSettings.ZOOKEEPER, "127.0.0.1:2181");
    p.setProperty(AmSettings.CLUSTER, "yc");
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return AmSettings.fromProperties(p);
  }

  private static final ContainerRef NM = new ContainerRef("container_1_0001_01_000002", "worker7", "worker7:8041",
      Role.NODE_MONITOR, new ContainerShape(1024, 1));
  private static final ContainerRef SCHED = new ContainerRef("container_1_0001_01_000003", "worker8", "worker8:8041",
      Role.SCHEDULER, new ContainerShape(512, 1));

  @Test
  void nodeMonitorsAnnounceTheirHostUseEphemeralPortsAndCarryTheirContainerId() {
    AmSettings s = settings(AmSettings.SLOTS, "6", AmSettings.ATTRIBUTES, "zone=eu", AmSettings.ALLOW_COMMAND, "true");
    assertThat(LaunchCommand.daemonArguments(s, NM)).containsExactly(
        "nodemonitor", "--zk", "127.0.0.1:2181", "--cluster", "yc", "--bind", "0.0.0.0", "--host", "worker7",
        "--slots", "6", "--internal-port", "0", "--backend-port", "0",
        "--attribute", "yarn.container=container_1_0001_01_000002", "--attribute", "zone=eu", "--allow-command");
    assertThat(LaunchCommand.nodeMonitorConfig(s, NM).attributes())
        .containsEntry("yarn.container", "container_1_0001_01_000002").containsEntry("zone", "eu");
  }

  @Test
  void schedulersGetTheirConfiguredFrontendPort() {
    AmSettings s = settings("sparrow.yarn.scheduler.port", "20503");
    assertThat(LaunchCommand.daemonArguments(s, SCHED)).containsExactly(
        "scheduler", "--zk", "127.0.0.1:2181", "--cluster", "yc", "--bind", "0.0.0.0", "--host", "worker8",
        "--internal-port", "0");
    assertThat(LaunchCommand.daemonArguments(settings("sparrow.yarn.scheduler.port", "0"), SCHED))
        .as("an ephemeral frontend port, as when two schedulers share a host")
        .containsSequence("--port", "0", "--internal-port", "0");
  }

  @Test
  void bothRolesListenOnTheConfiguredBindHostAndItSurvivesTheSettingsFile() {
    AmSettings s = settings(AmSettings.BIND_HOST, "127.0.0.1");
    assertThat(LaunchCommand.daemonArguments(s, NM)).containsSequence("--bind", "127.0.0.1", "--host", "worker7");
    assertThat(LaunchCommand.daemonArguments(s, SCHED)).containsSequence("--bind", "127.0.0.1", "--host", "worker8");
    assertThat(AmSettings.fromProperties(s.toProperties()).bindHost()).isEqualTo("127.0.0.1");
    assertThat(settings().bindHost()).isEqualTo("0.0.0.0");
  }

  @Test
  void theHeapIsThreeQuartersOfTheContainerUnlessGiven() {
    assertThat(LaunchCommand.jvmOptions(settings().nodeMonitors(), NM))
        .containsExactly("-Xmx768m", "-XX:+ExitOnOutOfMemoryError", "-Dsparrow.yarn.container=container_1_0001_01_000002");
    assertThat(LaunchCommand.jvmOptions(settings("sparrow.yarn.node-monitor.java-opts", "-Xmx300m  -XX:+UseSerialGC")
        .nodeMonitors(), NM))
        .containsExactly("-Xmx300m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Dsparrow.yarn.container=container_1_0001_01_000002");
  }

  @Test
  void theShellLineQuotesWhatBashWouldSplitAndRedirectsToTheLogDirectory() {
    AmSettings s = settings(AmSettings.ATTRIBUTES, "owner=it's me");
    String line = LaunchCommand.shellLine("{{JAVA_HOME}}/bin/java", "sparrow-yarn.jar", s, NM, "<LOG_DIR>");
    assertThat(line).startsWith("{{JAVA_HOME}}/bin/java -Xmx768m -XX:+ExitOnOutOfMemoryError -Dsparrow.yarn.container=container_1_0001_01_000002 "
        + "-cp sparrow-yarn.jar org.sparrow.cli.SparrowCli nodemonitor --zk 127.0.0.1:2181 ");
    assertThat(line).contains("--attribute 'owner=it'\\''s me'");
    assertThat(line).endsWith(" 1><LOG_DIR>/stdout 2><LOG_DIR>/stderr");
  }
}
