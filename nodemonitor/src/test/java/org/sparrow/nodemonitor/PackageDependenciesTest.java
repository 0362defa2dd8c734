package org.sparrow.nodemonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparrow.common.testing.PackageEdges;

/**
 * Keeps the node monitor's leaf packages free of cycles: each may name only the packages listed
 * here (the root and {@code thrift} may name any; the daemon is the composition root).
 */
class PackageDependenciesTest {

  /** Subpackage -> the other nodemonitor packages it may name ("" is the root, never allowed). */
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "reservation", Set.of(),
      "launch", Set.of("reservation"),
      "queue", Set.of("reservation"),
      "task", Set.of("launch", "reservation"));

  @Test
  void leafPackagesNameOnlyTheirAllowedPackages() {
    assertThat(PackageEdges.forbidden("org.sparrow.nodemonitor", ALLOWED))
        .as("package edges that make a cycle").isEmpty();
  }
}
