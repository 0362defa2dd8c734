package org.sparrow.common.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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
    variants.add(ServerVariant.DEFAULT.withEngine(ServerVariant.Engine.LIBTHRIFT));
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
