package org.sparrow.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.sparrow.common.ClusterSettings;

class QueueSettingsTest {

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void parsesPolicyAndWeightsAndAppliesThemToTheClusterSettings() {
    QueueSettings q = QueueSettings.fromProperties(props(QueueSettings.QUEUE_POLICY, "weighted-fair",
        QueueSettings.WEIGHTS, "alice=3, bob=1"));
    ClusterSettings s = q.applyTo(ClusterSettings.defaults());
    assertThat(s.queuePolicy()).isEqualTo("weighted-fair");
    assertThat(s.weights()).isEqualTo(Map.of("alice", 3, "bob", 1));
    assertThat(s.probeRatio()).isEqualTo(ClusterSettings.DEFAULT_PROBE_RATIO);
    assertThat(QueueSettings.fromProperties(new Properties()).isEmpty()).isTrue();
  }

  @Test
  void unknownPoliciesAndBadWeightsNameTheValidChoices() {
    assertThatThrownBy(() -> QueueSettings.fromProperties(props(QueueSettings.QUEUE_POLICY, "lifo")))
        .hasMessageContaining("sparrow.queue-policy").hasMessageContaining("fifo, priority, weighted-fair");
    assertThatThrownBy(() -> QueueSettings.fromProperties(props(QueueSettings.WEIGHTS, "alice=0")))
        .hasMessageContaining("from 1 to");
    assertThatThrownBy(() -> QueueSettings.fromProperties(props(QueueSettings.WEIGHTS, "alice=x")))
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> QueueSettings.fromProperties(props(QueueSettings.WEIGHTS, "alice")))
        .hasMessageContaining("USER=WEIGHT");
  }
}
