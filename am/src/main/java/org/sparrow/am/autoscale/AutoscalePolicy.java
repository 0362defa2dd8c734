package org.sparrow.am.autoscale;

import java.util.Optional;

/** Decides the number of node monitors from load samples; no threads, no YARN, no clock of its own. */
public interface AutoscalePolicy {

  /** Called once per sample, in time order; empty when nothing is to change. */
  Optional<AutoscaleDecision> decide(LoadSample sample, long nowMillis);
}
