package org.sparrow.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparrow.common.testing.PackageEdges;

/**
 * Keeps the scheduler's packages in layers: {@code job} (the vocabulary) and {@code placement}
 * (pure placement) at the bottom, {@code admission} and {@code failure} on them, the root (the
 * core) over all of them. {@code thrift} is checked too, but may name the root: that is the one
 * known cycle, because {@code SchedulerDaemon} and {@code SchedulerClients} build the Thrift
 * adapters that call back into the core. The root is the composition root and may name any.
 */
class PackageDependenciesTest {

  /** Package ("" is the root) -> the other scheduler packages it may name. */
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "job", Set.of(),
      "placement", Set.of(),
      "admission", Set.of("job"),
      "failure", Set.of("placement"),
      // The root here is the known cycle (see above); admission and placement stay behind the core.
      "thrift", Set.of("", "failure", "job"));

  @Test
  void eachPackageNamesOnlyThePackagesBelowIt() {
    assertThat(PackageEdges.forbidden("org.sparrow.scheduler", ALLOWED))
        .as("package edges that break the layers").isEmpty();
  }
}
