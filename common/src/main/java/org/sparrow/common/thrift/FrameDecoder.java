package org.sparrow.common.thrift;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Framed transport, inbound: a 4-byte big-endian length, then that many bytes. A length outside
 * 1..maxFrameBytes closes the connection (with a log line) before anything is buffered. A valid
 * length first reserves its bytes in the daemon's {@link FrameBudget}; if they do not fit, the
 * connection stops reading until some are released. The body is copied into one array of
 * exactly its length (no growing cumulation buffer) and passed on as a {@link Frame}.
 */
final class FrameDecoder extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(FrameDecoder.class);

  /** A complete frame body; its length stays reserved in the budget until whoever ends it releases it. */
  record Frame(byte[] body) {}

  private final String server;
  private final int maxFrameBytes;
  private final FrameBudget budget;
  private final AtomicLong lastWarning;  // shared by the server's connections

  private final byte[] header = new byte[4];
  private int headerRead;
  private int pendingLength = -1;  // length read, not yet reserved
  private byte[] body;
  private int bodyRead;
  private ByteBuf parked;  // bytes received while waiting for the budget
  private boolean closed;

  FrameDecoder(String server, int maxFrameBytes, FrameBudget budget, AtomicLong lastWarning) {
    this.server = server;
    this.maxFrameBytes = maxFrameBytes;
    this.budget = budget;
    this.lastWarning = lastWarning;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf in = (ByteBuf) msg;
    if (parked != null) {
      parked.writeBytes(in);
      in.release();
      return;
    }
    try {
      consume(ctx, in);
    } finally {
      in.release();
    }
  }

  private void consume(ChannelHandlerContext ctx, ByteBuf in) {
    while (in.isReadable() && !closed) {
      if (body == null && pendingLength < 0) {
        int n = Math.min(4 - headerRead, in.readableBytes());
        in.readBytes(header, headerRead, n);
        headerRead += n;
        if (headerRead < 4) {
          return;
        }
        headerRead = 0;
        int length = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16)
            | ((header[2] & 0xff) << 8) | (header[3] & 0xff);
        if (length <= 0 || length > maxFrameBytes) {
          // One warning a second at most: a stranger must not be able to fill the disk.
          long now = System.nanoTime();
          long last = lastWarning.get();
          boolean warn = now - last > 1_000_000_000L && lastWarning.compareAndSet(last, now);
          String line = "{}: closing {}: frame of {} bytes (limit {}; more within a second are logged at DEBUG)";
          if (warn) {
            LOG.warn(line, server, ctx.channel().remoteAddress(), length, maxFrameBytes);
          } else {
            LOG.debug(line, server, ctx.channel().remoteAddress(), length, maxFrameBytes);
          }
          close(ctx);
          return;
        }
        pendingLength = length;
      }
      if (pendingLength >= 0) {
        if (!budget.tryReserve(pendingLength)) {
          park(ctx, in);
          return;
        }
        body = new byte[pendingLength];
        bodyRead = 0;
        pendingLength = -1;
      }
      int n = Math.min(body.length - bodyRead, in.readableBytes());
      in.readBytes(body, bodyRead, n);
      bodyRead += n;
      if (bodyRead == body.length) {
        byte[] done = body;
        body = null;
        ctx.fireChannelRead(new Frame(done));
      }
    }
  }

  /** Stops reading and keeps what is left of {@code in} until the budget has room again. */
  private void park(ChannelHandlerContext ctx, ByteBuf in) {
    ctx.channel().config().setAutoRead(false);
    parked = ctx.alloc().heapBuffer(in.readableBytes());
    parked.writeBytes(in);
    LOG.debug("{}: {} waits for {} bytes of request budget ({} of {} in use)", server,
        ctx.channel().remoteAddress(), pendingLength, budget.used(), budget.limit());
    budget.whenAvailable(() -> ctx.executor().execute(() -> resume(ctx)));
  }

  private void resume(ChannelHandlerContext ctx) {
    ByteBuf again = parked;
    parked = null;
    if (again == null || closed) {
      if (again != null) {
        again.release();
      }
      return;
    }
    try {
      consume(ctx, again);
    } finally {
      again.release();
    }
    if (parked == null && !closed) {
      ctx.channel().config().setAutoRead(true);
      ctx.read();
    }
  }

  private void close(ChannelHandlerContext ctx) {
    closed = true;
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closed = true;
    if (body != null) {
      budget.release(body.length);  // a partial frame gives back its reservation
      body = null;
    }
    if (parked != null) {
      parked.release();
      parked = null;
    }
    ctx.fireChannelInactive();
  }
}
