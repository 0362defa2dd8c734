package org.sparrow.scheduler.thrift;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TDeserializer;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ThriftServer;
import org.sparrow.thrift.FrontendService;
import org.sparrow.thrift.TFrontendMessage;
import org.sparrow.thrift.TFullTaskId;
import org.sparrow.thrift.TTaskResult;

/** A real FrontendService server that records every frontendMessage. */
final class FakeFrontend implements AutoCloseable {

  record Message(TFullTaskId taskId, int status, byte[] body) {
    TTaskResult result() throws TException {
      TTaskResult r = new TTaskResult();
      new TDeserializer(new TBinaryProtocol.Factory()).deserialize(r, body);
      return r;
    }
  }

  final List<Message> messages = new CopyOnWriteArrayList<>();
  /** Messages per frontendMessages call, in call order. */
  final List<Integer> batchCalls = new CopyOnWriteArrayList<>();
  /** Calls of either method, each "single" or "batch:<n>", in call order. */
  final List<String> calls = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch hold = new CountDownLatch(0);
  private final ThriftServer server;

  FakeFrontend(int port) throws IOException {
    this(port, true);
  }

  /** @param batches whether it implements frontendMessages (an original frontend does not) */
  FakeFrontend(int port, boolean batches) throws IOException {
    FrontendService.Iface handler = new FrontendService.Iface() {
      @Override
      public void frontendMessage(TFullTaskId taskId, int status, ByteBuffer message) {
        calls.add("single");
        awaitRelease();
        record(taskId, status, message);
      }

      private void record(TFullTaskId taskId, int status, ByteBuffer message) {
        byte[] body = new byte[message.remaining()];
        message.duplicate().get(body);
        messages.add(new Message(taskId, status, body));
      }

      @Override
      public void frontendMessages(List<TFrontendMessage> batch) throws TException {
        calls.add("batch:" + batch.size());
        if (!batches) {
          throw new TApplicationException(TApplicationException.UNKNOWN_METHOD, "Invalid method name: 'frontendMessages'");
        }
        batchCalls.add(batch.size());
        awaitRelease();
        batch.forEach(m -> record(m.getTaskId(), m.getStatus(), m.bufferForMessage()));
      }
    };
    server = ThriftServer.builder("fake-frontend", new FrontendService.Processor<>(handler))
        .bindHost("127.0.0.1").port(port).workerThreads(2).build().start();
  }

  /** The next call (of either method) waits until the returned latch is counted down. */
  CountDownLatch holdNextCall() {
    hold = new CountDownLatch(1);
    return hold;
  }

  private void awaitRelease() {
    CountDownLatch h = hold;
    hold = new CountDownLatch(0);
    try {
      if (!h.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("test never released the held call");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  HostPort address() {
    return server.address();
  }

  List<Message> about(String requestId) {
    return messages.stream().filter(m -> requestId.equals(m.taskId().getRequestId())).toList();
  }

  @Override
  public void close() {
    server.close();
  }

  static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
