package org.sparrow.common.thrift;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * The socket buffers of every {@link ThriftServer} in the process: each read and each response
 * needs a direct buffer for a moment. Unpooled, every one of them was a fresh
 * {@code ByteBuffer.allocateDirect} (zeroed memory, a global reservation and a {@code Cleaner}
 * registered and run again: JDK 17 keeps Netty from its cleaner-free direct buffers), two per
 * call at least, on every server thread. Pooled, they come from the event loop's thread cache.
 *
 * <p>What the pool keeps stays small and bounded: two arenas of 1 MB chunks, no heap arenas
 * (the rare buffers a connection parks while it waits for the request budget are plain heap
 * arrays), caches only on event-loop threads. Request bodies are not here: the frame decoder
 * copies each into an array reserved in the daemon's {@link FrameBudget}, and gives the read
 * buffer back at once, so a connection holds pooled memory only for bytes just read or a
 * response not yet written.
 */
final class IoBuffers {

  private static final int DIRECT_ARENAS = 2;
  private static final int PAGE_SIZE = 8192;
  private static final int MAX_ORDER = 7;  // chunk = page << order = 1 MB
  private static final int SMALL_CACHE = 256;
  private static final int NORMAL_CACHE = 64;

  static final ByteBufAllocator ALLOCATOR = new PooledByteBufAllocator(true, 0, DIRECT_ARENAS,
      PAGE_SIZE, MAX_ORDER, SMALL_CACHE, NORMAL_CACHE, false);

  private IoBuffers() {}
}
