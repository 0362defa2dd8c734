package org.sparrow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparrow.nodemonitor.NodeMonitorConfig;
import org.sparrow.scheduler.SchedulerConfig;
import picocli.CommandLine;

/**
 * Record -> {@code toArgs()} -> the CLI's parsing -> an equal record, for both daemons: this is
 * what holds the records' flags (written by the YARN AM) and the CLI's options together. The
 * samples set every setting away from its default, and a test checks that they do, so a setting
 * added to a record without its flag (or its option) fails here.
 */
class DaemonConfigRoundTripTest {

  private static final SchedulerConfig SCHEDULER = SchedulerConfig.builder()
      .bindHost("0.0.0.0").advertisedHost("worker8").port(0).internalPort(0).metricsPort(9100)
      .defaultJobTimeoutMs(30_000).maxTasksPerJob(500).retainedJobs(7).retainFinishedMs(60_000)
      .rpcThreads(3).serverThreads(5).connectTimeoutMs(700).tickMs(50).livenessIntervalMs(400)
      .pingTimeoutMs(900).drainTimeoutMs(90_000).drainGraceMs(2_000).frontendTimeoutMs(3_000)
      .maxQueuedNotices(10).jmx(false).build();

  private static final NodeMonitorConfig NODE_MONITOR = NodeMonitorConfig.builder()
      .slots(97).bindHost("0.0.0.0").advertisedHost("worker7").internalPort(0).backendPort(0).metricsPort(0)
      .attributes(Map.of("zone", "eu", "yarn.container", "c_1")).allowCommand(true).commandTimeoutMs(5_000)
      .maxOutputBytes(100).queuePolicy("weighted-fair").cancelTombstoneTtl(Duration.ofSeconds(9))
      .connectTimeoutMs(300).rpcTimeoutMs(4_000).drainTimeoutMs(45_000).getTasksTimeoutMs(250)
      .slowSchedulerBackoffMs(1_000).lateAnswerWindowMs(5_000).build();

  private static <C> C parse(Object command, List<String> args) {
    List<String> all = new ArrayList<>(List.of("--zk", "zk:2181", "--cluster", "c"));
    all.addAll(args);
    new CommandLine(command).parseArgs(all.toArray(String[]::new));
    @SuppressWarnings("unchecked")
    C config = (C) (command instanceof SchedulerCommand s ? s.config() : ((NodeMonitorCommand) command).config());
    return config;
  }

  @Test
  void aSchedulerConfigSurvivesTheCommandLine() {
    assertThat((SchedulerConfig) parse(new SchedulerCommand(), SCHEDULER.toArgs())).isEqualTo(SCHEDULER);
  }

  @Test
  void aNodeMonitorConfigSurvivesTheCommandLine() {
    assertThat((NodeMonitorConfig) parse(new NodeMonitorCommand(), NODE_MONITOR.toArgs())).isEqualTo(NODE_MONITOR);
  }

  @Test
  void withNoOptionsTheCliBuildsTheRecordsDefaults() {
    SchedulerConfig s = parse(new SchedulerCommand(), List.of("--bind", "127.0.0.1"));
    assertThat(s.toBuilder().advertisedHost(null).build()).isEqualTo(SchedulerConfig.defaults());
    NodeMonitorConfig n = parse(new NodeMonitorCommand(), List.of("--bind", "127.0.0.1"));
    assertThat(n.toBuilder().advertisedHost(null).build()).isEqualTo(NodeMonitorConfig.defaults());
  }

  @Test
  void theSamplesSetEverySetting() throws Exception {
    assertEveryComponentDiffers(SCHEDULER, SchedulerConfig.defaults());
    assertEveryComponentDiffers(NODE_MONITOR, NodeMonitorConfig.defaults());
  }

  private static void assertEveryComponentDiffers(Record sample, Record defaults) throws Exception {
    for (RecordComponent c : sample.getClass().getRecordComponents()) {
      assertThat(c.getAccessor().invoke(sample))
          .as("%s.%s: give the round-trip sample a value other than the default",
              sample.getClass().getSimpleName(), c.getName())
          .isNotEqualTo(c.getAccessor().invoke(defaults));
    }
  }
}
