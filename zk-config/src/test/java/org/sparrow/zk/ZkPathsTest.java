package org.sparrow.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ZkPathsTest {

  @Test
  void layout() {
    ZkPaths p = new ZkPaths("prod-1.a_b");
    assertThat(p.clusterPath()).isEqualTo("/sparrow/prod-1.a_b");
    assertThat(p.nodeMonitorsPath()).isEqualTo("/sparrow/prod-1.a_b/nodemonitors");
    assertThat(p.schedulersPath()).isEqualTo("/sparrow/prod-1.a_b/schedulers");
    assertThat(p.settingsPath()).isEqualTo("/sparrow/prod-1.a_b/settings");
    assertThat(p.nodeMonitorPath("10.0.0.1:20502")).isEqualTo("/sparrow/prod-1.a_b/nodemonitors/10.0.0.1:20502");
    assertThat(p.schedulerPath("[::1]:20503")).isEqualTo("/sparrow/prod-1.a_b/schedulers/[::1]:20503");
    assertThat(ZkPaths.nameOf(p.nodeMonitorPath("h:1"))).isEqualTo("h:1");
    assertThat(ZkPaths.parentOf(p.nodeMonitorPath("h:1"))).isEqualTo(p.nodeMonitorsPath());
    assertThat(ZkPaths.parentOf("/sparrow")).isEqualTo("/");
  }

  @Test
  void clusterNameLimits() {
    assertThat(ZkPaths.checkClusterName("x".repeat(64))).hasSize(64);
    assertThatThrownBy(() -> new ZkPaths("x".repeat(65))).hasMessageContaining("1 to 64 characters");
    assertThatThrownBy(() -> new ZkPaths(".")).hasMessageContaining("reserved");
  }

  @Test
  void memberIdsThatCannotBeZnodeNamesAreRefused() {
    ZkPaths p = new ZkPaths("c");
    assertThatThrownBy(() -> p.nodeMonitorPath("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("member id is empty");
    assertThatThrownBy(() -> p.nodeMonitorPath(null)).hasMessageContaining("member id is empty");
    assertThatThrownBy(() -> p.schedulerPath("a/b:1")).hasMessage("member id 'a/b:1' contains '/', which cannot be in a znode name");
    assertThatThrownBy(() -> p.schedulerPath("..")).hasMessageContaining("reserved");
    assertThatThrownBy(() -> p.schedulerPath("tab\there")).hasMessageContaining("U+0009 at index 3");
  }
}
