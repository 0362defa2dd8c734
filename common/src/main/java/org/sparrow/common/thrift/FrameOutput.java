package org.sparrow.common.thrift;

import io.netty.buffer.ByteBuf;
import org.apache.thrift.transport.TTransportException;

/**
 * A response being written: a frame whose 4-byte length header is filled in by {@link #frame()}
 * once the processor is done.
 */
final class FrameOutput extends InMemoryTransport {

  private final ByteBuf buf;

  FrameOutput(ByteBuf buf) {
    this.buf = buf;
    buf.writeInt(0);
  }

  /** The framed response, or null when the call wrote nothing (a oneway method). */
  ByteBuf frame() {
    int body = buf.readableBytes() - 4;
    if (body == 0) {
      buf.release();
      return null;
    }
    buf.setInt(0, body);
    return buf;
  }

  void discard() {
    buf.release();
  }

  @Override
  public int read(byte[] b, int off, int len) throws TTransportException {
    throw new TTransportException("a response is write-only");
  }

  @Override
  public void write(byte[] b, int off, int len) {
    buf.writeBytes(b, off, len);
  }
}
