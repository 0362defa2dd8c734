package org.sparrow.common.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sparrow.thrift.FrontendService;
import org.sparrow.thrift.TFrontendMessage;
import org.sparrow.thrift.TFullTaskId;

class ServerVariantTest {

  @Test
  void blankIsTheDefaultAndSpecParsesBack() {
    assertThat(ServerVariant.parse("")).isEqualTo(ServerVariant.DEFAULT);
    assertThat(ServerVariant.parse(null)).isEqualTo(ServerVariant.DEFAULT);
    ServerVariant nio = ServerVariant.parse(" Transport = NIO ,");
    assertThat(nio.transport()).isEqualTo(ServerVariant.Transport.NIO);
    assertThat(ServerVariant.parse(nio.spec())).isEqualTo(nio);
    assertThat(ServerVariant.parse(ServerVariant.DEFAULT.spec())).isEqualTo(ServerVariant.DEFAULT);
    ServerVariant old = ServerVariant.parse("engine=libthrift,transport=nio");
    assertThat(old).isEqualTo(new ServerVariant(ServerVariant.Engine.LIBTHRIFT, ServerVariant.Transport.NIO));
    assertThat(ServerVariant.parse(old.spec())).isEqualTo(old);
  }

  @Test
  void unknownKeysAndValuesNameTheValidOnes() {
    assertThatThrownBy(() -> ServerVariant.parse("transprt=nio"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(ServerVariant.PROPERTY).hasMessageContaining("transport");
    assertThatThrownBy(() -> ServerVariant.parse("transport=kqueue"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("auto, epoll, nio");
    assertThatThrownBy(() -> ServerVariant.parse("nio"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key=value");
    assertThatThrownBy(() -> ServerVariant.parse("flush=never"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("turn, each");
    assertThatThrownBy(() -> ServerVariant.parse("loops=global"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shared, own");
    for (String bad : new String[] {"io-threads=0", "io-threads=-1", "io-threads=two", "io-threads=65"}) {
      assertThatThrownBy(() -> ServerVariant.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("io-threads");
    }
  }

  @Test
  void loopsAndIoThreadsParseBackAndOverrideTheBuilderOnlyWhenSet() {
    ServerVariant v = ServerVariant.parse("loops=shared,io-threads=3,flush=turn");
    assertThat(v.loops()).isEqualTo(ServerVariant.Loops.SHARED);
    assertThat(v.flush()).isEqualTo(ServerVariant.Flush.TURN);
    assertThat(v.ioThreads(2)).isEqualTo(3);
    assertThat(ServerVariant.parse(v.spec())).isEqualTo(v);
    assertThat(ServerVariant.DEFAULT.ioThreads(2)).as("builder's count by default").isEqualTo(2);
    assertThat(ServerVariant.DEFAULT.ioThreads(1)).isEqualTo(1);
    assertThat(ServerVariant.parse("io-threads=builder")).isEqualTo(ServerVariant.DEFAULT);
    assertThat(ServerVariant.DEFAULT.spec()).contains("loops=shared").contains("io-threads=builder")
        .contains("flush=turn");
  }

  @Test
  void sharedLoopsServeEveryServerAndStopWithTheLastOne() throws Exception {
    ServerVariant shared = ServerVariant.DEFAULT.withLoops(ServerVariant.Loops.SHARED).withIoThreads(3);
    boolean epoll = NativeTransport.available();
    Set<String> loopThreads = ConcurrentHashMap.newKeySet();
    AtomicInteger fast = new AtomicInteger();
    FrontendService.Iface handler = new FrontendService.Iface() {
      @Override
      public void frontendMessage(TFullTaskId taskId, int status, ByteBuffer message) {
        loopThreads.add(Thread.currentThread().getName());
        if (Thread.currentThread() instanceof FastThreadLocalThread) {
          fast.incrementAndGet();
        }
      }

      @Override
      public void frontendMessages(List<TFrontendMessage> messages) {}
    };
    assertThat(EventLoops.sharedReferences(epoll, 3)).isZero();
    try (ClientPool<FrontendService.Client> pool = ClientPool.builder(FrontendService.Client::new).build()) {
      ThriftServer first = ThriftServer.builder("shared-a", new FrontendService.Processor<>(handler))
          .variant(shared).workerThreads(0).build().start();
      ThriftServer second = ThriftServer.builder("shared-b", new FrontendService.Processor<>(handler))
          .variant(shared).workerThreads(0).build().start();
      assertThat(EventLoops.sharedReferences(epoll, 3)).isEqualTo(2);
      call(pool, first);
      call(pool, second);
      first.close();
      assertThat(EventLoops.sharedReferences(epoll, 3)).isEqualTo(1);
      // The first server's close left the shared loops running for the second one.
      call(pool, second);
      second.close();
      assertThat(EventLoops.sharedReferences(epoll, 3)).isZero();
      // A new server after the last one closed gets fresh loops.
      try (ThriftServer third = ThriftServer.builder("shared-c", new FrontendService.Processor<>(handler))
          .variant(shared).workerThreads(0).build().start()) {
        call(pool, third);
      }
    }
    assertThat(loopThreads).allMatch(n -> n.startsWith("thrift-3-io-"), "shared loop threads");
    assertThat(fast).as("handlers ran on Netty's fast thread-local threads").hasValue(4);
  }

  @Test
  void ownLoopsAreNamedAfterTheirServer() throws Exception {
    Set<String> loopThreads = ConcurrentHashMap.newKeySet();
    FrontendService.Iface handler = new FrontendService.Iface() {
      @Override
      public void frontendMessage(TFullTaskId taskId, int status, ByteBuffer message) {
        loopThreads.add(Thread.currentThread().getName());
      }

      @Override
      public void frontendMessages(List<TFrontendMessage> messages) {}
    };
    try (ClientPool<FrontendService.Client> pool = ClientPool.builder(FrontendService.Client::new).build();
        ThriftServer server = ThriftServer.builder("own", new FrontendService.Processor<>(handler))
            .variant(ServerVariant.DEFAULT.withLoops(ServerVariant.Loops.OWN))
            .workerThreads(0).selectorThreads(1).build().start()) {
      call(pool, server);
      call(pool, server);
    }
    assertThat(loopThreads).containsExactly("own-io-1");
  }

  @Test
  void aReplyFlushedAtTheEndOfTheTurnStillTellsItsListener() throws Exception {
    // flush=turn writes the reply and flushes it from a task queued behind the turn; the
    // listener must hear "sent" only then, inline and from a worker.
    for (int workers : new int[] {0, 2}) {
      CompletableFuture<Boolean> sent = new CompletableFuture<>();
      FrontendService.Iface handler = new FrontendService.Iface() {
        @Override
        public void frontendMessage(TFullTaskId taskId, int status, ByteBuffer message) {
          ReplyWritten.whenSent(sent::complete);
        }

        @Override
        public void frontendMessages(List<TFrontendMessage> messages) {}
      };
      try (ClientPool<FrontendService.Client> pool = ClientPool.builder(FrontendService.Client::new).build();
          ThriftServer server = ThriftServer.builder("turn", new FrontendService.Processor<>(handler))
              .variant(ServerVariant.DEFAULT.withLoops(ServerVariant.Loops.OWN).withFlush(ServerVariant.Flush.TURN))
              .workerThreads(workers).build().start()) {
        call(pool, server);
        assertThat(sent.get(10, TimeUnit.SECONDS)).as("workers=" + workers).isTrue();
      }
    }
  }

  @Test
  void unarmedReplyListenersAreNotInACall() throws Exception {
    ServerVariant unarmed = ServerVariant.parse("reply-listeners=unarmed");
    assertThat(ServerVariant.parse(unarmed.spec())).isEqualTo(unarmed);
    for (ServerVariant v : new ServerVariant[] {ServerVariant.DEFAULT, unarmed}) {
      for (int workers : new int[] {0, 2}) {
        CompletableFuture<Boolean> registered = new CompletableFuture<>();
        FrontendService.Iface handler = new FrontendService.Iface() {
          @Override
          public void frontendMessage(TFullTaskId taskId, int status, ByteBuffer message) {
            registered.complete(ReplyWritten.whenSent(ok -> { }));
          }

          @Override
          public void frontendMessages(List<TFrontendMessage> messages) {}
        };
        try (ClientPool<FrontendService.Client> pool = ClientPool.builder(FrontendService.Client::new).build();
            ThriftServer server = ThriftServer.builder("listeners", new FrontendService.Processor<>(handler))
                .variant(v).workerThreads(workers).build().start()) {
          call(pool, server);
          assertThat(registered.get(10, TimeUnit.SECONDS)).as(v.spec() + " workers=" + workers)
              .isEqualTo(v == ServerVariant.DEFAULT);
        }
      }
    }
  }

  private static void call(ClientPool<FrontendService.Client> pool, ThriftServer server) throws Exception {
    pool.run(server.address(), c -> {
      c.frontendMessage(new TFullTaskId("t", "r", "app", null), 0, ByteBuffer.allocate(8));
      return null;
    });
  }

  @Test
  void everyVariantServesCallsInlineAndOnWorkers() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    FrontendService.Iface handler = new FrontendService.Iface() {
      @Override
      public void frontendMessage(TFullTaskId taskId, int status, ByteBuffer message) {
        calls.incrementAndGet();
      }

      @Override
      public void frontendMessages(List<TFrontendMessage> messages) {}
    };
    List<ServerVariant> variants = new ArrayList<>();
    for (ServerVariant.Transport t : ServerVariant.Transport.values()) {
      if (t != ServerVariant.Transport.EPOLL || NativeTransport.available()) {
        variants.add(ServerVariant.DEFAULT.withTransport(t));
      }
    }
    variants.add(ServerVariant.DEFAULT.withLoops(ServerVariant.Loops.OWN));
    variants.add(ServerVariant.DEFAULT.withIoThreads(1));
    variants.add(ServerVariant.DEFAULT.withFlush(ServerVariant.Flush.EACH));
    variants.add(ServerVariant.parse("loops=own,flush=each,io-threads=1"));
    variants.add(ServerVariant.DEFAULT.withEngine(ServerVariant.Engine.LIBTHRIFT));
    variants.add(ServerVariant.DEFAULT.withEngine(ServerVariant.Engine.LIBTHRIFT).withIoThreads(1));
    int expected = 0;
    try (ClientPool<FrontendService.Client> pool = ClientPool.builder(FrontendService.Client::new).build()) {
      for (ServerVariant v : variants) {
        for (int workers : new int[] {0, 2}) {
          try (ThriftServer server = ThriftServer.builder("variant", new FrontendService.Processor<>(handler))
              .variant(v).workerThreads(workers).build().start()) {
            for (int i = 0; i < 3; i++) {
              pool.run(server.address(), c -> {
                c.frontendMessage(new TFullTaskId("t", "r", "app", null), 0, ByteBuffer.allocate(8));
                return null;
              });
              expected++;
            }
          }
        }
      }
    }
    assertThat(calls).hasValue(expected);
  }
}
