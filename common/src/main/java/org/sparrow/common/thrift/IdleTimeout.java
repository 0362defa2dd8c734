package org.sparrow.common.thrift;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection on which no complete frame arrived and no response left for the idle
 * timeout. It sits after the frame decoder, so bytes trickling in without completing a frame
 * (slowloris) do not keep a connection alive; a pooled client connection that is closed this
 * way is reopened by the client on its next call. A connection the server has stopped reading
 * (back-pressure) is never idle: it waits, as the request budget promises.
 */
final class IdleTimeout extends ChannelDuplexHandler {

  private static final Logger LOG = LoggerFactory.getLogger(IdleTimeout.class);

  private final String server;
  private final long timeoutNanos;
  private long lastActivity;
  private ScheduledFuture<?> check;

  IdleTimeout(String server, long timeoutMs) {
    this.server = server;
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    lastActivity = System.nanoTime();
    schedule(ctx, timeoutNanos);
    ctx.fireChannelActive();
  }

  private void schedule(ChannelHandlerContext ctx, long delayNanos) {
    check = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
  }

  private void check(ChannelHandlerContext ctx) {
    if (!ctx.channel().isOpen()) {
      return;
    }
    if (!ctx.channel().config().isAutoRead()) {
      // The server stopped reading this connection itself (the request budget is full, or its
      // calls queue up): the wait is ours, not the peer's, so it does not count as idle. Closing
      // it here would turn back-pressure into a silent reset.
      lastActivity = System.nanoTime();
      schedule(ctx, timeoutNanos);
      return;
    }
    long idle = System.nanoTime() - lastActivity;
    if (idle >= timeoutNanos) {
      LOG.debug("{}: closing {}: idle for {} ms", server, ctx.channel().remoteAddress(),
          TimeUnit.NANOSECONDS.toMillis(idle));
      ctx.close();
    } else {
      schedule(ctx, timeoutNanos - idle);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    lastActivity = System.nanoTime();
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    lastActivity = System.nanoTime();
    ctx.write(msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (check != null) {
      check.cancel(false);
    }
    ctx.fireChannelInactive();
  }
}
