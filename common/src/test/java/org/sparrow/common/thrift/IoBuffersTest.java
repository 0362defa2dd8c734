package org.sparrow.common.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.sparrow.thrift.FrontendService;
import org.sparrow.thrift.TFrontendMessage;
import org.sparrow.thrift.TFullTaskId;

/** The pooled socket buffers go back to the pool: what it keeps does not grow with the calls. */
class IoBuffersTest {

  private static final int CALLS = 1_000;
  private static final int MESSAGE_BYTES = 40 * 1024;  // several reads per request

  @Test
  void thePoolStaysSmallOverManyCallsOnBothKindsOfServer() throws Exception {
    AtomicLong received = new AtomicLong();
    FrontendService.Iface handler = new FrontendService.Iface() {
      @Override
      public void frontendMessage(TFullTaskId taskId, int status, ByteBuffer message) {
        received.addAndGet(message.remaining());
      }

      @Override
      public void frontendMessages(List<TFrontendMessage> messages) {}
    };
    PooledByteBufAllocator pool = (PooledByteBufAllocator) IoBuffers.ALLOCATOR;
    try (ThriftServer inline = ThriftServer.builder("pool-inline", new FrontendService.Processor<>(handler))
            .workerThreads(0).build().start();
        ThriftServer pooled = ThriftServer.builder("pool-workers", new FrontendService.Processor<>(handler))
            .workerThreads(2).build().start();
        ClientPool<FrontendService.Client> clients = ClientPool.builder(FrontendService.Client::new).build()) {
      ByteBuffer message = ByteBuffer.allocate(MESSAGE_BYTES);
      for (int i = 0; i < CALLS; i++) {
        ThriftServer server = i % 2 == 0 ? inline : pooled;
        clients.run(server.address(), c -> {
          c.frontendMessage(new TFullTaskId("t", "r", "app", null), 0, message.duplicate());
          return null;
        });
      }
      assertThat(received).hasValue((long) CALLS * MESSAGE_BYTES);
      // 40 MB went through; the pool holds a few 1-MB chunks (two arenas, other tests' too).
      assertThat(pool.metric().usedDirectMemory()).isLessThanOrEqualTo(8L * 1024 * 1024);
      assertThat(pool.metric().numHeapArenas()).as("parked bytes are plain heap arrays").isZero();
    }
  }
}
