package org.sparrow.am;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AmSettingsTest {

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void drainTimeoutAndAutoscaleRoundTripAndTheStartSizeIsBroughtIntoTheRange() {
    AmSettings s = AmSettings.fromProperties(props(AmSettings.ZOOKEEPER, "zk1:2181", AmSettings.NODE_MONITORS, "1",
        AmSettings.DRAIN_TIMEOUT_MS, "5000", "sparrow.yarn.autoscale.min", "2", "sparrow.yarn.autoscale.max", "6"));
    assertThat(s.drainTimeoutMs()).isEqualTo(5000);
    assertThat(s.autoscale().min()).isEqualTo(2);
    assertThat(s.nodeMonitors().count()).isEqualTo(2);
    assertThat(AmSettings.fromProperties(s.toProperties())).isEqualTo(s);
    AmSettings plain = AmSettings.fromProperties(props(AmSettings.ZOOKEEPER, "zk1:2181"));
    assertThat(plain.autoscale()).isNull();
    assertThat(plain.drainTimeoutMs()).isEqualTo(AmSettings.DEFAULT_DRAIN_TIMEOUT_MS);
    assertThatThrownBy(() -> AmSettings.fromProperties(props(AmSettings.ZOOKEEPER, "z:1", "sparrow.yarn.autoscale.mni", "1")))
        .hasMessageContaining("unknown autoscale key 'sparrow.yarn.autoscale.mni'");
  }

  @Test
  void defaultsApplyToMissingKeys() {
    AmSettings s = AmSettings.fromProperties(props(AmSettings.ZOOKEEPER, "zk1:2181", AmSettings.CLUSTER, "prod"));
    assertThat(s.schedulers().count()).isEqualTo(2);
    assertThat(s.nodeMonitors().count()).isEqualTo(1);
    assertThat(s.nodeMonitors().shape()).isEqualTo(new ContainerShape(1024, 1));
    assertThat(s.schedulers().shape()).isEqualTo(new ContainerShape(512, 1));
    assertThat(s.slots()).isEqualTo(4);
    assertThat(s.maxContainerFailures()).isEqualTo(10);
    assertThat(s.mainClass()).isEqualTo("org.sparrow.cli.SparrowCli");
    assertThat(s.nodeMonitors().placement()).isEqualTo(Placement.ANYWHERE);
    assertThat(s.jar()).isNull();
  }

  @Test
  void roundTripsThroughProperties() {
    AmSettings s = AmSettings.fromProperties(props(
        AmSettings.ZOOKEEPER, "zk1:2181,zk2:2181/chroot",
        AmSettings.CLUSTER, "c-1",
        AmSettings.NODE_MONITORS, "7",
        AmSettings.SCHEDULERS, "3",
        "sparrow.yarn.node-monitor.memory-mb", "2048",
        "sparrow.yarn.node-monitor.vcores", "4",
        "sparrow.yarn.node-monitor.node-label", "fast",
        "sparrow.yarn.node-monitor.hosts", "a, b",
        "sparrow.yarn.scheduler.racks", "/r1",
        "sparrow.yarn.scheduler.java-opts", "-XX:+UseG1GC",
        "sparrow.yarn.scheduler.port", "20503",
        AmSettings.ATTRIBUTES, "zone=eu, disk=ssd",
        AmSettings.ALLOW_COMMAND, "true",
        AmSettings.SLOTS, "8",
        AmSettings.MAX_CONTAINER_FAILURES, "0"))
        .withJar(new JarLocation("hdfs://nn/x/sparrow.jar", 123, 456));
    AmSettings back = AmSettings.fromProperties(s.toProperties());
    assertThat(back).isEqualTo(s);
    assertThat(back.nodeMonitors().placement()).isEqualTo(new Placement("fast", List.of("a", "b"), List.of()));
    assertThat(back.schedulers().placement().isStrict()).isTrue();
    assertThat(back.attributes()).isEqualTo(Map.of("zone", "eu", "disk", "ssd"));
    assertThat(back.withCounts(1, 9).nodeMonitors().count()).isEqualTo(9);
  }

  @Test
  void malformedValuesNameTheirKey() {
    assertThatThrownBy(() -> AmSettings.fromProperties(props(AmSettings.ZOOKEEPER, "z:1", AmSettings.NODE_MONITORS, "many")))
        .hasMessageContaining(AmSettings.NODE_MONITORS).hasMessageContaining("many");
    assertThatThrownBy(() -> AmSettings.fromProperties(props(AmSettings.ZOOKEEPER, "z:1", AmSettings.CLUSTER, "a/b")))
        .hasMessageContaining(AmSettings.CLUSTER);
    assertThatThrownBy(() -> AmSettings.fromProperties(props(AmSettings.CLUSTER, "x")))
        .hasMessageContaining(AmSettings.ZOOKEEPER);
    assertThatThrownBy(() -> AmSettings.fromProperties(props(AmSettings.ZOOKEEPER, "z:1", AmSettings.ATTRIBUTES, "novalue")))
        .hasMessageContaining(AmSettings.ATTRIBUTES);
    assertThatThrownBy(() -> AmSettings.fromProperties(props(AmSettings.ZOOKEEPER, "z:1", AmSettings.ALLOW_COMMAND, "yes")))
        .hasMessageContaining(AmSettings.ALLOW_COMMAND);
    assertThatThrownBy(() -> AmSettings.fromProperties(props(AmSettings.ZOOKEEPER, "z:1",
        AmSettings.ATTRIBUTES, "yarn.container=x"))).hasMessageContaining("the AM sets it");
    assertThatThrownBy(() -> AmSettings.fromProperties(props(AmSettings.ZOOKEEPER, "z:1",
        "sparrow.yarn.node-monitor.memory-mb", "0"))).hasMessageContaining("memory");
  }
}
