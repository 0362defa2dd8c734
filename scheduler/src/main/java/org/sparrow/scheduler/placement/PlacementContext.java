package org.sparrow.scheduler.placement;

import org.sparrow.common.LoadProbe;
import java.util.Objects;
import java.util.Random;

/**
 * What a policy may use besides its request: randomness (seeded by whoever owns the context)
 * and load probes. Nothing else: policies stay pure so that the simulator can run them.
 */
public record PlacementContext(Random random, LoadProbe loadProbe) {

  public PlacementContext {
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(loadProbe, "loadProbe");
  }

  public static PlacementContext of(Random random) {
    return new PlacementContext(random, LoadProbe.unavailable());
  }
}
