package org.sparrow.status;

import java.util.concurrent.CompletionStage;
import org.sparrow.common.SchedulerInfo;

/** Asks a scheduler for its {@link SchedulerStats} without blocking the caller. */
@FunctionalInterface
public interface SchedulerStatsProbe {

  /** Completes exceptionally when the scheduler cannot be reached or answers with an error. */
  CompletionStage<SchedulerStats> probe(SchedulerInfo scheduler);
}
