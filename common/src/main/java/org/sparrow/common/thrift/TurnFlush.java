package org.sparrow.common.thrift;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.concurrent.RejectedExecutionException;

/**
 * Flushes the responses an event loop wrote during one turn once that turn's work is done
 * ({@code flush=turn} in {@link ServerVariant}), instead of one flush per response as it is
 * written. A turn is what the loop does between two waits: the ready connections' reads (and
 * inline calls), then its task queue (responses from worker threads). The flush is a task queued
 * behind them, so it runs after every response the turn produced, and the peers those responses
 * wake up are woken together, after the loop is done, the way libthrift's selector wrote every
 * response of one select in the next one. On two busy cores a peer woken in the middle of a turn
 * can preempt the loop that woke it.
 *
 * <p>One per event-loop thread; only that thread touches it.
 */
final class TurnFlush {

  private static final FastThreadLocal<TurnFlush> LOOP = new FastThreadLocal<>() {
    @Override
    protected TurnFlush initialValue() {
      return new TurnFlush();
    }
  };

  private ArrayList<ChannelHandlerContext> pending = new ArrayList<>();
  private ArrayList<ChannelHandlerContext> spare = new ArrayList<>();
  private final Runnable flushAll = this::flushAll;
  private boolean queued;

  private TurnFlush() {}

  /** Flushes {@code ctx} at the end of this turn; call on its event loop, after a write. */
  static void later(ChannelHandlerContext ctx) {
    LOOP.get().add(ctx);
  }

  private void add(ChannelHandlerContext ctx) {
    pending.add(ctx);
    if (!queued) {
      queued = true;
      try {
        ctx.executor().execute(flushAll);
      } catch (RejectedExecutionException e) {
        flushAll();  // the loop is shutting down: flush what there is now
      }
    }
  }

  private void flushAll() {
    queued = false;
    // A flush completes writes whose listeners may write (and so add) again: they go into the
    // other list, with a turn of their own.
    ArrayList<ChannelHandlerContext> now = pending;
    pending = spare;
    spare = now;
    for (ChannelHandlerContext ctx : now) {
      ctx.flush();
    }
    now.clear();
  }
}
