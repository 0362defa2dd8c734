package org.sparrow.common.thrift;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.sparrow.common.thrift.FrameDecoder.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the processor on each frame of one connection, one frame at a time and in order (a
 * Thrift client may send several oneway calls before reading anything), inline on the event
 * loop or on a worker pool. A connection with {@link #MAX_QUEUED} frames waiting stops reading.
 * A frame that does not decode closes the connection, as libthrift's servers do.
 */
final class ThriftDispatcher extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(ThriftDispatcher.class);
  static final int MAX_QUEUED = 4;

  private final String server;
  private final TProcessor processor;
  private final Executor workers;  // null: inline
  private final FrameBudget budget;
  private final Consumer<Throwable> fatal;
  private final boolean flushPerTurn;
  private final boolean replyListeners;
  private final ArrayDeque<Frame> queued = new ArrayDeque<>();
  private boolean busy;
  private boolean stoppedReading;

  ThriftDispatcher(String server, TProcessor processor, Executor workers, FrameBudget budget,
      Consumer<Throwable> fatal, boolean flushPerTurn, boolean replyListeners) {
    this.server = server;
    this.processor = processor;
    this.workers = workers;
    this.budget = budget;
    this.fatal = fatal;
    this.flushPerTurn = flushPerTurn;
    this.replyListeners = replyListeners;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    queued.add((Frame) msg);
    if (queued.size() >= MAX_QUEUED && !stoppedReading) {
      stoppedReading = true;
      ctx.channel().config().setAutoRead(false);
    }
    if (!busy) {
      next(ctx);
    }
  }

  private void next(ChannelHandlerContext ctx) {
    while (true) {
      Frame frame = queued.poll();
      if (frame == null) {
        busy = false;
        if (stoppedReading && ctx.channel().isActive()) {
          stoppedReading = false;
          ctx.channel().config().setAutoRead(true);
          ctx.read();
        }
        return;
      }
      busy = true;
      if (workers == null) {
        ReplyWritten.Call call = replyListeners ? ReplyWritten.open() : null;
        ByteBuf response = process(ctx, frame);
        if (!finish(ctx, frame, response, call == null ? List.of() : call.close())) {
          return;
        }
        continue;
      }
      try {
        workers.execute(() -> {
          ReplyWritten.Call call = replyListeners ? ReplyWritten.open() : null;
          ByteBuf response = process(ctx, frame);
          List<Consumer<Boolean>> sent = call == null ? List.of() : call.close();
          try {
            ctx.executor().execute(() -> {
              if (finish(ctx, frame, response, sent)) {
                next(ctx);
              }
            });
          } catch (RejectedExecutionException e) {
            // The server closed while this call ran: its event loop is gone, so the reply has
            // no connection left to go to. Return what the call held instead of letting the
            // worker die with an uncaught exception.
            budget.release(frame.body().length);
            if (response != null) {
              response.release();
            }
            ReplyWritten.tell(sent, false);
          }
        });
      } catch (RejectedExecutionException e) {
        budget.release(frame.body().length);
        ctx.close();  // the server is stopping
      }
      return;
    }
  }

  /** The framed response; an empty buffer for a oneway call; null when the connection must close. */
  private ByteBuf process(ChannelHandlerContext ctx, Frame frame) {
    FrameInput in = new FrameInput(frame.body(), budget);
    // Direct (an I/O buffer): the socket writes it as it is, where a heap buffer would be copied
    // into a fresh direct one for every response.
    FrameOutput out = new FrameOutput(ctx.alloc().ioBuffer(256));
    try {
      processor.process(new BoundedBinaryProtocol(in), new TBinaryProtocol(out, false, true));
      ByteBuf response = out.frame();
      return response != null ? response : ctx.alloc().buffer(0);
    } catch (TException | RuntimeException e) {
      LOG.debug("{}: closing {}: bad request ({})", server, ctx.channel().remoteAddress(), e.toString());
      out.discard();
      return null;
    } catch (Throwable t) {
      out.discard();
      LOG.error("{}: processing a call from {} failed", server, ctx.channel().remoteAddress(), t);
      if (t instanceof VirtualMachineError) {
        fatal.accept(t);
      }
      return null;
    } finally {
      in.releaseDecoded();
    }
  }

  /** False when the connection was closed instead. */
  private boolean finish(ChannelHandlerContext ctx, Frame frame, ByteBuf response,
      List<Consumer<Boolean>> sent) {
    budget.release(frame.body().length);
    if (response == null) {
      ctx.close();
      dropQueued();
      ReplyWritten.tell(sent, false);
      return false;
    }
    if (response.isReadable()) {
      ChannelFuture written = flushPerTurn ? ctx.write(response) : ctx.writeAndFlush(response);
      if (flushPerTurn) {
        TurnFlush.later(ctx);
      }
      if (!sent.isEmpty()) {
        written.addListener(f -> ReplyWritten.tell(sent, f.isSuccess()));
      }
    } else {
      response.release();
      ReplyWritten.tell(sent, true);  // oneway: nothing to send
    }
    return true;
  }

  private void dropQueued() {
    Frame f;
    while ((f = queued.poll()) != null) {
      budget.release(f.body().length);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    dropQueued();
    ctx.fireChannelInactive();
  }
}
