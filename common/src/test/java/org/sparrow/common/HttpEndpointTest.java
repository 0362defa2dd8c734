package org.sparrow.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class HttpEndpointTest {

  @Test
  void servesOnTheChosenPortAndStopsItsThreadsOnClose() throws IOException {
    ExecutorService executor = Executors.newSingleThreadExecutor(NamedThreads.daemon("http-test"));
    HttpEndpoint endpoint = HttpEndpoint.start("127.0.0.1", 0, 4, executor, exchange -> {
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + endpoint.port() + "/any")
          .toURL().openConnection();
      c.setConnectTimeout(5_000);
      c.setReadTimeout(5_000);
      try (InputStream in = c.getInputStream()) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ok");
      }
    } finally {
      endpoint.close();
    }
    assertThat(executor.isShutdown()).isTrue();
  }

  @Test
  void aFailedBindShutsDownTheExecutorItWasGiven() throws IOException {
    ExecutorService executor = Executors.newSingleThreadExecutor(NamedThreads.daemon("http-test"));
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> HttpEndpoint.start("127.0.0.1", taken.getLocalPort(), 4, executor, exchange -> {}))
          .isInstanceOf(IOException.class);
    }
    assertThat(executor.isShutdown()).isTrue();
  }
}
