package org.sparrow.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sparrow.common.HostPort;

/** Raw loopback sockets for the attacks, and the check that the server closed them. */
final class Sockets {

  private Sockets() {}

  static Socket connect(HostPort port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(port.host(), port.port()), 10_000);
    return s;
  }

  /** What an attack writes on a fresh connection. */
  interface Bytes {
    void writeTo(DataOutputStream out) throws IOException;
  }

  /** Connects, writes {@code bytes}, half-closes, reads the answer until the server closes. */
  static void sendAndDrain(HostPort port, Bytes bytes) throws IOException {
    try (Socket s = connect(port)) {
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      bytes.writeTo(out);
      out.flush();
      s.shutdownOutput();
      drain(s.getInputStream());
    }
  }

  /** Reads whatever the server answers until it closes the connection. */
  private static void drain(InputStream in) {
    byte[] buf = new byte[4096];
    try {
      while (in.read(buf) >= 0) {
        // whatever the server answers
      }
    } catch (IOException reset) {
      // closed with a reset: refused
    }
  }

  /** Every socket sees the server close it (end of stream or reset) within the idle timeout and slack. */
  static void assertClosedByServer(List<Socket> sockets, long idleTimeoutMs) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(idleTimeoutMs + 60_000);
    int orphaned = 0;
    for (Socket s : sockets) {
      if (s.isClosed()) {
        continue;
      }
      long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
      try {
        while (s.getInputStream().read() >= 0) {
          // nothing is expected; keep reading until the server closes
        }
      } catch (java.net.SocketTimeoutException e) {
        orphaned++;
      } catch (IOException reset) {
        // closed
      } finally {
        s.close();
      }
    }
    assertThat(orphaned).as("connections the server never closed").isZero();
  }

  /**
   * {@code wanted} connections, or fewer if this JVM's descriptors do not allow them: two per
   * connection (client and server side when the daemons share this JVM), with room to spare.
   */
  static int fitToFdLimit(int wanted) {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
      long spare = os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount() - 500;
      int fits = (int) Math.max(100, spare / 2);
      if (fits < wanted) {
        System.err.printf("hostile suite: fd limit %d allows %d connections, not %d (raise ulimit -n)%n",
            os.getMaxFileDescriptorCount(), fits, wanted);
        return fits;
      }
    }
    return wanted;
  }
}
