package org.sparrow.scheduler.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.FakeResolver;
import org.sparrow.scheduler.ManualClock;

class HostPreferencesTest {

  private final FakeResolver resolver = new FakeResolver();
  private final ManualClock clock = new ManualClock();
  private final HostPreferences prefs = new HostPreferences(resolver, clock, 30_000);

  private static Map<String, NodeMonitorInfo> members(String... idAndHost) {
    Map<String, NodeMonitorInfo> m = new LinkedHashMap<>();
    for (int i = 0; i < idAndHost.length; i += 2) {
      m.put(idAndHost[i], new NodeMonitorInfo(idAndHost[i], idAndHost[i + 1], 1, 2, 1, Map.of(), Set.of(), false));
    }
    return Map.copyOf(m);
  }

  @Test
  void namesThatMatchLiterallyNeedNoLookup() {
    Map<String, NodeMonitorInfo> m = members("nm-1", "Host-1.Example.org");
    List<String> names = List.of("host-1.example.org", "nm-1");

    assertThat(prefs.matcher(m).expand(names)).isSameAs(names);
    assertThat(resolver.lookups).hasValue(0);
  }

  @Test
  void otherNamesMatchByAddressAndKeepTheName() {
    resolver.name("dn-7", "10.0.0.7").name("node7.example.org", "10.0.0.7");
    Map<String, NodeMonitorInfo> m = members("nm-7", "node7.example.org", "nm-8", "10.0.0.8");

    assertThat(prefs.matcher(m).expand(List.of("dn-7"))).containsExactly("dn-7", "nm-7");
    assertThat(prefs.matcher(m).expand(List.of("DN-7", "10.0.0.8"))).containsExactly("DN-7", "10.0.0.8", "nm-7");
  }

  @Test
  void unresolvableOrUnmatchedNamesAreKeptAsTheyAre() {
    resolver.name("elsewhere", "10.9.9.9");
    Map<String, NodeMonitorInfo> m = members("nm-1", "10.0.0.1");
    List<String> names = List.of("nowhere", "elsewhere");

    assertThat(prefs.matcher(m).expand(names)).isSameAs(names);
  }

  @Test
  void everyAddressOfThisMachineIsOne() {
    resolver.name("my-hostname", "172.17.0.2").local("172.17.0.2");
    Map<String, NodeMonitorInfo> m = members("nm-a", "127.0.0.1", "nm-b", "my-hostname", "nm-c", "10.0.0.3");

    assertThat(prefs.matcher(m).expand(List.of("localhost"))).startsWith("localhost")
        .containsExactlyInAnyOrder("localhost", "nm-a", "nm-b");
    assertThat(prefs.matcher(m).expand(List.of("172.17.0.2"))).startsWith("172.17.0.2")
        .containsExactlyInAnyOrder("172.17.0.2", "nm-a", "nm-b");
  }

  @Test
  void answersAreCachedForTheTtlThenLookedUpAgain() {
    resolver.name("dn", "10.0.0.1");
    Map<String, NodeMonitorInfo> m = members("nm-1", "10.0.0.1");
    for (int i = 0; i < 5; i++) {
      prefs.matcher(m).expand(List.of("dn"));
    }
    assertThat(resolver.lookups).hasValue(2);  // the name and the node monitor's host

    resolver.name("dn", "10.0.0.2");  // DNS changed
    clock.advanceMs(30_000);
    assertThat(prefs.matcher(m).expand(List.of("dn"))).containsExactly("dn");
    assertThat(resolver.lookups).hasValue(4);
  }

  @Test
  void aNewSnapshotIsMatchedAfresh() {
    resolver.name("dn", "10.0.0.2");
    assertThat(prefs.matcher(members("nm-1", "10.0.0.1")).expand(List.of("dn"))).containsExactly("dn");
    assertThat(prefs.matcher(members("nm-1", "10.0.0.1", "nm-2", "10.0.0.2")).expand(List.of("dn")))
        .containsExactly("dn", "nm-2");
  }
}
