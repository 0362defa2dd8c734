package org.sparrow.zk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparrow.common.ClusterSettings;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.SchedulerInfo;

class MemberCodecTest {

  private static final String NM_PATH = "/sparrow/c/nodemonitors/10.0.0.1:20502";

  @Test
  void roundTripsEveryZnodeKind() {
    NodeMonitorInfo nm = new NodeMonitorInfo("10.0.0.1:20502", "10.0.0.1", 20502, 20501, 8,
        Map.of("rack", "r1", "gpu", "no"), Set.of("spark", "app"), true, "boot1");
    SchedulerInfo s = new SchedulerInfo("10.0.0.2:20503", "10.0.0.2", 20503, 20507, "boot2");
    ClusterSettings cs = new ClusterSettings(2.5, "batch-late-binding");

    assertThat(MemberCodec.decodeNodeMonitor(NM_PATH, MemberCodec.encode(nm))).isEqualTo(nm);
    assertThat(MemberCodec.decodeScheduler("/sparrow/c/schedulers/10.0.0.2:20503", MemberCodec.encode(s))).isEqualTo(s);
    assertThat(MemberCodec.decodeSettings("/sparrow/c/settings", MemberCodec.encode(cs))).isEqualTo(cs);
  }

  @Test
  void jsonIsReadableAndHoldsOnlyTheRecordComponents() {
    String json = new String(MemberCodec.encode(new SchedulerInfo("h:1", "h", 1, 2, "b")), UTF_8);
    assertThat(json).isEqualTo("{\n  \"id\" : \"h:1\",\n  \"host\" : \"h\",\n  \"port\" : 1,\n"
        + "  \"internalPort\" : 2,\n  \"bootId\" : \"b\",\n  \"metricsPort\" : 0,\n"
        + "  \"maxRequestBytes\" : 0,\n  \"maxTasksPerJob\" : 0\n}");
    // Entries written before metricsPort existed read as "no metrics endpoint".
    assertThat(MemberCodec.decodeScheduler("/sparrow/c/schedulers/h:1",
        "{\"id\":\"h:1\",\"host\":\"h\",\"port\":1,\"internalPort\":2}".getBytes(UTF_8)).metricsPort()).isZero();
  }

  @Test
  void entriesWithoutABootIdReadAsUnknownIncarnation() {
    String scheduler = "{\"id\":\"h:1\",\"host\":\"h\",\"port\":1,\"internalPort\":2}";
    assertThat(MemberCodec.decodeScheduler("/sparrow/c/schedulers/h:1", scheduler.getBytes(UTF_8)).bootId())
        .isEmpty();
    String nm = "{\"id\":\"10.0.0.1:20502\",\"host\":\"h\",\"internalPort\":20502,\"slots\":2}";
    NodeMonitorInfo info = MemberCodec.decodeNodeMonitor(NM_PATH, nm.getBytes(UTF_8));
    assertThat(info.bootId()).isEmpty();
    assertThat(info.withBackendApps(Set.of("a")).bootId()).isEmpty();
    NodeMonitorInfo booted = new NodeMonitorInfo("10.0.0.1:20502", "h", 1, 2, 1, null, null, false, "x");
    assertThat(booted.withBackendApps(Set.of("a")).bootId()).isEqualTo("x");
  }

  @Test
  void unknownFieldsAreIgnored() {
    String json = "{\"probeRatio\":3.0,\"policy\":\"p\",\"addedInVersion2\":{\"x\":1}}";
    assertThat(MemberCodec.decodeSettings("/s", json.getBytes(UTF_8))).isEqualTo(new ClusterSettings(3.0, "p"));
  }

  @Test
  void queueSettingsRoundTripAndBadWeightsAreRefused() {
    ClusterSettings cs = ClusterSettings.defaults().withQueue("weighted-fair", Map.of("alice", 3, "bob", 1), 2);
    assertThat(MemberCodec.decodeSettings("/s", MemberCodec.encode(cs))).isEqualTo(cs);
    String bad = "{\"probeRatio\":2.0,\"policy\":\"p\",\"queuePolicy\":\"weighted-fair\",\"weights\":{\"bob\":0}}";
    assertThatThrownBy(() -> MemberCodec.decodeSettings("/s", bad.getBytes(UTF_8)))
        .isInstanceOf(MalformedZnodeException.class).hasMessageContaining("weight of user 'bob'");
  }

  @Test
  void malformedDataNamesTheZnode() {
    assertThatThrownBy(() -> MemberCodec.decodeNodeMonitor(NM_PATH, "{oops".getBytes(UTF_8)))
        .isInstanceOf(MalformedZnodeException.class)
        .hasMessageStartingWith("znode " + NM_PATH + " does not hold a valid NodeMonitorInfo: ")
        .satisfies(e -> assertThat(((MalformedZnodeException) e).path()).isEqualTo(NM_PATH));
    assertThatThrownBy(() -> MemberCodec.decodeNodeMonitor(NM_PATH, new byte[0]))
        .hasMessageContaining("it is empty");
    assertThatThrownBy(() -> MemberCodec.decodeNodeMonitor(NM_PATH, "null".getBytes(UTF_8)))
        .hasMessageContaining("JSON null");
    assertThatThrownBy(() -> MemberCodec.decodeNodeMonitor(NM_PATH,
            "{\"id\":\"10.0.0.1:20502\",\"host\":\"h\",\"slots\":0}".getBytes(UTF_8)))
        .hasMessageContaining("has 0 slots");
    assertThatThrownBy(() -> MemberCodec.decodeSettings("/s", "{\"probeRatio\":0.5,\"policy\":\"p\"}".getBytes(UTF_8)))
        .hasMessageContaining("probeRatio must be a number from 1 to 100");
    assertThatThrownBy(() -> MemberCodec.decodeNodeMonitor("/sparrow/c/nodemonitors/other:1",
            MemberCodec.encode(new NodeMonitorInfo("10.0.0.1:20502", "h", 1, 2, 1, null, null, false))))
        .hasMessage("znode /sparrow/c/nodemonitors/other:1 announces id '10.0.0.1:20502' but is named 'other:1'");
  }
}
