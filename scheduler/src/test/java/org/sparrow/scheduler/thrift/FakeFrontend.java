package org.sparrow.scheduler.thrift;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.thrift.TDeserializer;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ThriftServer;
import org.sparrow.thrift.FrontendService;
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
  private final ThriftServer server;

  FakeFrontend(int port) throws IOException {
    FrontendService.Iface handler = (taskId, status, message) -> {
      byte[] body = new byte[message.remaining()];
      message.duplicate().get(body);
      messages.add(new Message(taskId, status, body));
    };
    server = ThriftServer.builder("fake-frontend", new FrontendService.Processor<>(handler))
        .bindHost("127.0.0.1").port(port).workerThreads(2).build().start();
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
