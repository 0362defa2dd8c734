package org.sparrow.common.thrift;

import org.apache.thrift.protocol.TProtocolException;
import org.apache.thrift.transport.TTransportException;

/**
 * One received frame as a read-only transport, and the account of what decoding it may
 * allocate. The bytes are the frame body (its length header already taken off). Decoding is
 * charged through {@link #charge}: at most {@link #MAX_DECODE_FACTOR} times the frame's length
 * (plus a small floor), each charge also reserved in the daemon's {@link FrameBudget}, so neither
 * one frame nor all frames together can decode into more than the daemon can hold.
 */
final class FrameInput extends InMemoryTransport {

  /** Estimated bytes of Java objects one byte on the wire may decode into, at most. */
  static final int MAX_DECODE_FACTOR = 8;
  private static final long DECODE_FLOOR = 64 * 1024;
  private static final long RESERVE_STEP = 64 * 1024;

  private final byte[] buf;
  private int pos;
  private final FrameBudget budget;
  private final long decodeLimit;
  private long charged;
  private long reserved;

  FrameInput(byte[] buf, FrameBudget budget) {
    this.buf = buf;
    this.budget = budget;
    this.decodeLimit = DECODE_FLOOR + (long) MAX_DECODE_FACTOR * buf.length;
  }

  /** Accounts {@code bytes} of decoded objects; refuses the frame once it is over its limits. */
  void charge(long bytes) throws TProtocolException {
    charged += bytes;
    if (charged > decodeLimit) {
      throw new TProtocolException(TProtocolException.SIZE_LIMIT, "frame of " + buf.length
          + " bytes decodes into more than " + decodeLimit + " bytes");
    }
    while (charged > reserved) {
      long step = Math.max(RESERVE_STEP, charged - reserved);
      if (!budget.tryReserve(step)) {
        throw new TProtocolException(TProtocolException.SIZE_LIMIT, "the daemon's request budget of "
            + budget.limit() + " bytes is in use; frame of " + buf.length + " bytes refused");
      }
      reserved += step;
    }
  }

  /** Gives back what decoding reserved (the frame's own bytes are released by its owner). */
  void releaseDecoded() {
    budget.release(reserved);
    reserved = 0;
  }

  long remaining() {
    return buf.length - pos;
  }

  @Override
  public int read(byte[] out, int off, int len) throws TTransportException {
    int n = Math.min(len, buf.length - pos);
    if (n <= 0) {
      throw new TTransportException(TTransportException.END_OF_FILE, "frame ends early");
    }
    System.arraycopy(buf, pos, out, off, n);
    pos += n;
    return n;
  }

  @Override
  public void write(byte[] b, int off, int len) throws TTransportException {
    throw new TTransportException("a received frame is read-only");
  }

  @Override
  public byte[] getBuffer() {
    return buf;
  }

  @Override
  public int getBufferPosition() {
    return pos;
  }

  @Override
  public int getBytesRemainingInBuffer() {
    return buf.length - pos;
  }

  @Override
  public void consumeBuffer(int len) {
    pos += len;
  }

  @Override
  public void checkReadBytesAvailable(long numBytes) throws TTransportException {
    if (numBytes < 0 || numBytes > buf.length - pos) {
      throw new TTransportException(TTransportException.END_OF_FILE, "frame claims " + numBytes
          + " more bytes, has " + (buf.length - pos));
    }
  }
}
