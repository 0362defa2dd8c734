package org.sparrow.common.thrift;

import org.apache.thrift.TConfiguration;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;

/**
 * A transport over memory the caller already holds: nothing to open or close, and no socket
 * whose message size libthrift would need to track. Subclasses say only how bytes are read and
 * written; a read-only or write-only one refuses the other direction.
 */
public abstract class InMemoryTransport extends TTransport {

  @Override
  public final boolean isOpen() {
    return true;
  }

  @Override
  public final void open() {}

  @Override
  public final void close() {}

  @Override
  public abstract int read(byte[] buf, int off, int len) throws TTransportException;

  @Override
  public abstract void write(byte[] buf, int off, int len) throws TTransportException;

  @Override
  public final TConfiguration getConfiguration() {
    return TConfiguration.DEFAULT;
  }

  // The frame limits are enforced by whoever filled the memory, not by libthrift's message-size
  // bookkeeping, which is meant for streams of unknown length.
  @Override
  public final void updateKnownMessageSize(long size) {}

  /** Nothing to check unless the subclass knows how many bytes it holds. */
  @Override
  public void checkReadBytesAvailable(long numBytes) throws TTransportException {}
}
