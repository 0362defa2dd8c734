package org.sparrow.scheduler.placement;

import java.util.concurrent.CompletionStage;

/**
 * Decides where a job's reservations go: the sample and reserve stages of the placement
 * pipeline (the filter stage has already run; every group has at least one candidate).
 *
 * <p>Implementations are pure: no sockets, no threads, no clocks, randomness only from the
 * context. A policy that needs node loads asks {@link PlacementContext#loadProbe()} and
 * completes its stage when the answers arrive. Late-binding policies leave
 * {@link ReservationPlan.Entry#bound()} empty and let node monitors ask for tasks; binding
 * policies bind every task of the request exactly once.
 *
 * <p>The scheduler also calls a policy to re-place reservations lost to a failed enqueue or a
 * departed node monitor, with a request holding only the affected tasks and probe ratio 1.
 */
public interface PlacementPolicy {

  /** The name jobs and cluster settings select it by. */
  String name();

  CompletionStage<ReservationPlan> place(PlacementRequest request, PlacementContext context);
}
