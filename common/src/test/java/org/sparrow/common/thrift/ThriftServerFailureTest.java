package org.sparrow.common.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.sparrow.common.FatalHandler;
import org.sparrow.common.Guarded;
import org.sparrow.thrift.FrontendService;
import org.sparrow.thrift.TFrontendMessage;
import org.sparrow.thrift.TFullTaskId;

/** A server that cannot serve says so; the fatal path closes the daemon once. */
class ThriftServerFailureTest {

  private static final FrontendService.Iface NOTHING = new FrontendService.Iface() {
    @Override
    public void frontendMessage(TFullTaskId taskId, int status, ByteBuffer message) {}

    @Override
    public void frontendMessages(List<TFrontendMessage> messages) {}
  };

  @Test
  void aListenerThatClosesOnItsOwnReportsAFailureButCloseDoesNot() throws Exception {
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    ThriftServer broken = ThriftServer.builder("broken", new FrontendService.Processor<>(NOTHING))
        .onFailure(failures::add).build().start();
    broken.listenerChannel().close().sync();
    await().atMost(Duration.ofSeconds(10)).until(() -> failures.size() == 1);
    broken.close();

    ThriftServer closed = ThriftServer.builder("closed", new FrontendService.Processor<>(NOTHING))
        .onFailure(failures::add).build().start();
    closed.close();
    assertThat(failures).hasSize(1);
  }

  @Test
  void theFatalPathClosesOnceThenHandsOver() {
    AtomicInteger closes = new AtomicInteger();
    List<Throwable> after = new CopyOnWriteArrayList<>();
    FatalHandler fatal = new FatalHandler("test daemon", closes::incrementAndGet, after::add);
    Runnable tick = Guarded.periodic("ticking", LoggerFactory.getLogger("test"), () -> {
      throw new OutOfMemoryError("simulated");
    }, fatal);
    Runnable flaky = Guarded.periodic("flaky", LoggerFactory.getLogger("test"), () -> {
      throw new IllegalStateException("goes on");
    }, fatal);
    flaky.run();
    assertThat(fatal.fired()).as("an exception is logged, not fatal").isFalse();
    tick.run();
    tick.run();
    await().atMost(Duration.ofSeconds(10)).until(() -> after.size() == 1);
    assertThat(closes.get()).isEqualTo(1);
    assertThat(after).singleElement().isInstanceOf(OutOfMemoryError.class);
  }
}
