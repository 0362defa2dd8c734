package org.sparrow.am;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparrow.common.testing.PackageEdges;

/**
 * Keeps the AM's packages in layers: {@code autoscale} (the policy, on plain numbers), then
 * {@code status} (the report and its pages), then the root (the AM's core, which builds the
 * report and the policy's sample), then {@code zk}; {@code yarn} wires them and may name any.
 */
class PackageDependenciesTest {

  /** Package ("" is the root) -> the other am packages it may name. */
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "autoscale", Set.of(),
      "status", Set.of("autoscale"),
      "", Set.of("autoscale", "status"),
      "zk", Set.of("", "autoscale", "status"));

  @Test
  void eachPackageNamesOnlyThePackagesBelowIt() {
    assertThat(PackageEdges.forbidden("org.sparrow.am", ALLOWED))
        .as("package edges that break the layers").isEmpty();
  }
}
